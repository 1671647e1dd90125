"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import type { SerializedApiError } from "@/lib/client/api-error";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { inputClass } from "./fields";

/** The secrets page's heading: where it belongs (a link back) and what its secrets reach. */
export function SecretsHeader({ href, owner, children }: { href: string; owner: string; children: ReactNode }) {
  return (
    <div>
      <p className="text-sm text-gray-700 dark:text-gray-300">
        <Link href={href} className="text-blue-700 underline dark:text-blue-400">
          {owner}
        </Link>{" "}
        · Settings
      </p>
      <h1 className="text-2xl font-semibold">Actions secrets</h1>
      <p className="mt-1 text-sm text-gray-700 dark:text-gray-300">{children}</p>
    </div>
  );
}

/**
 * A card listing secrets, with a name filter and a "New … secret" button; shows the list's error, loading, empty and
 * no-match states, and the table (children) otherwise.
 */
export function SecretsListCard({
  title,
  titleId,
  what,
  newLabel,
  onNew,
  filter,
  onFilter,
  serverError,
  list,
  total,
  shown,
  empty,
  children,
}: {
  title: string;
  titleId: string;
  /** "the organization's secrets": for error messages. */
  what: string;
  newLabel: string;
  onNew: () => void;
  filter: string;
  onFilter: (value: string) => void;
  /** The server render's failure, when the list was not fetched in the browser at all. */
  serverError?: SerializedApiError | undefined;
  list: { error: unknown; isPending: boolean; data?: unknown; refetch: () => unknown };
  total: number;
  shown: number;
  empty: string;
  children: ReactNode;
}) {
  return (
    <Card
      title={`${title}${list.data ? ` (${total})` : ""}`}
      titleId={titleId}
      bodyClassName="p-0"
      actions={
        <>
          <label htmlFor="secret-filter" className="sr-only">
            Filter secrets by name
          </label>
          <input
            id="secret-filter"
            type="search"
            value={filter}
            onChange={(e) => onFilter(e.target.value)}
            placeholder="Filter by name"
            autoComplete="off"
            className={`${inputClass} w-48`}
          />
          <Button variant="primary" size="sm" className="whitespace-nowrap" onClick={onNew}>
            {newLabel}
          </Button>
        </>
      }
    >
      {serverError ? (
        <ErrorPanel error={serverError} what={what} level={3} className="m-4" />
      ) : list.error ? (
        <ErrorPanel error={list.error} what={what} level={3} className="m-4" onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <LoadingBlock label="Loading secrets…" className="p-4" />
      ) : total === 0 ? (
        <p className="p-4 text-sm">{empty}</p>
      ) : shown === 0 ? (
        <p className="p-4 text-sm">No secret matches “{filter}”.</p>
      ) : (
        children
      )}
    </Card>
  );
}
