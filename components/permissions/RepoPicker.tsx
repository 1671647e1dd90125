"use client";

import { useId, useState } from "react";
import { filterRepos, toggleId } from "@/lib/permissions/policy";
import type { RepoSummary } from "@/lib/queries/permissions";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";

const input =
  "w-full rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm dark:border-gray-600 dark:bg-gray-950";

/** A searchable checkbox list over the org's repositories: the whole selected set, saved with the form. */
export function RepoPicker({
  repos,
  selectedIds,
  onChange,
  hasActionsNow,
}: {
  repos: readonly RepoSummary[];
  selectedIds: readonly number[];
  onChange: (ids: number[]) => void;
  /** Whether the saved org policy lets a repository run Actions now (to mark what the save changes). */
  hasActionsNow: (id: number) => boolean;
}) {
  const [query, setQuery] = useState("");
  const searchId = useId();
  const shown = filterRepos(repos, query);
  const selected = new Set(selectedIds);
  return (
    <div className="space-y-2 rounded-md border border-gray-200 p-3 dark:border-gray-700" data-testid="repo-picker">
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-48 flex-1">
          <label htmlFor={searchId} className="mb-1 block text-sm font-medium">
            Find a repository
          </label>
          <input
            id={searchId}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Filter by name"
            autoComplete="off"
            className={input}
          />
        </div>
        <Button
          size="sm"
          onClick={() => onChange([...new Set([...selectedIds, ...shown.map((r) => r.id)])])}
          disabled={shown.length === 0}
        >
          Select {query ? "shown" : "all"}
        </Button>
        <Button
          size="sm"
          onClick={() => {
            const hide = new Set(shown.map((r) => r.id));
            onChange(selectedIds.filter((id) => !hide.has(id)));
          }}
          disabled={shown.every((r) => !selected.has(r.id))}
        >
          Clear {query ? "shown" : "all"}
        </Button>
      </div>
      <p className="text-sm text-gray-700 dark:text-gray-300" aria-live="polite">
        {selected.size} of {repos.length} selected{query ? ` · ${shown.length} match “${query}”` : ""}
      </p>
      <ul className="max-h-72 divide-y divide-gray-100 overflow-y-auto rounded border border-gray-200 dark:divide-gray-800 dark:border-gray-700">
        {shown.length === 0 ? (
          <li className="p-2 text-sm text-gray-700 dark:text-gray-300">No repository matches.</li>
        ) : (
          shown.map((r) => {
            const on = selected.has(r.id);
            return (
              <li key={r.id} className="flex items-center gap-2 px-2 py-1.5 text-sm">
                <input
                  type="checkbox"
                  id={`${searchId}-${r.id}`}
                  checked={on}
                  onChange={(e) => onChange(toggleId(selectedIds, r.id, e.target.checked))}
                />
                <label htmlFor={`${searchId}-${r.id}`} className="flex-1 font-mono">
                  {r.full_name}
                </label>
                {r.archived ? <Badge tone="warning">Archived</Badge> : null}
                <Badge>{r.visibility}</Badge>
                {on && !hasActionsNow(r.id) ? <Badge tone="success">Will gain Actions</Badge> : null}
                {!on && hasActionsNow(r.id) ? <Badge tone="danger">Will lose Actions</Badge> : null}
              </li>
            );
          })
        )}
      </ul>
    </div>
  );
}
