"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { browserGitHub } from "@/lib/client/octokit";
import { filterSwitcherItems, orgHref, repoHref, type SwitcherItem } from "@/lib/client/switcher";
import { userQueries } from "@/lib/queries/user";
import { buttonClasses } from "@/components/ui/Button";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { ErrorPanel } from "./ErrorPanel";

/**
 * Jump to an organization or a repository the user administers. The lists load when the switcher
 * first opens (the home page prefetches the same queries, so it is usually instant).
 */
export function Switcher() {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const pathname = usePathname();
  const panelId = useId();
  const inputId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  // Close on navigation.
  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    inputRef.current?.focus();
    const onPointer = (event: PointerEvent) => {
      if (rootRef.current && event.target instanceof Node && !rootRef.current.contains(event.target))
        setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  function onKeyDown(event: React.KeyboardEvent) {
    if (event.key === "Escape" && open) {
      event.stopPropagation();
      setOpen(false);
      buttonRef.current?.focus();
    }
  }

  return (
    <div ref={rootRef} className="relative" onKeyDown={onKeyDown}>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((v) => !v)}
        className={buttonClasses("ghost", "sm", "border-gray-300 dark:border-gray-600")}
      >
        <span>Switch organization or repository</span>
        <svg aria-hidden="true" viewBox="0 0 16 16" width="12" height="12" fill="currentColor">
          <path d="m4.427 7.427 3.396 3.396a.25.25 0 0 0 .354 0l3.396-3.396A.25.25 0 0 0 11.396 7H4.604a.25.25 0 0 0-.177.427Z" />
        </svg>
      </button>
      {open ? (
        <div
          id={panelId}
          role="dialog"
          aria-label="Switch organization or repository"
          className="absolute left-0 z-30 mt-2 w-[min(26rem,90vw)] rounded-lg border border-gray-200 bg-white p-3 shadow-lg dark:border-gray-700 dark:bg-gray-900"
        >
          <label
            htmlFor={inputId}
            className="mb-1 block text-xs font-medium text-gray-700 dark:text-gray-300"
          >
            Find an organization or repository
          </label>
          <input
            ref={inputRef}
            id={inputId}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="acme/web"
            autoComplete="off"
            className="w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm text-gray-900 placeholder:text-gray-500 dark:border-gray-600 dark:bg-gray-950 dark:text-gray-100 dark:placeholder:text-gray-400"
          />
          <SwitcherResults query={query} />
        </div>
      ) : null}
    </div>
  );
}

/**
 * The lists. Mounted only while the switcher is open: creating these queries earlier (even disabled)
 * would put empty entries in the cache before a page's HydrationBoundary could fill them on the server.
 */
function SwitcherResults({ query }: { query: string }) {
  const orgs = useQuery(userQueries.orgs(browserGitHub));
  const repos = useQuery(userQueries.repos(browserGitHub));

  const items = useMemo<SwitcherItem[]>(() => {
    const list: SwitcherItem[] = [];
    for (const org of orgs.data ?? [])
      list.push({
        kind: "org",
        name: org.login,
        href: orgHref(org.login),
        detail: org.description ?? undefined,
      });
    for (const repo of repos.data ?? []) {
      if (!repo.permissions?.admin) continue;
      list.push({
        kind: "repo",
        name: repo.full_name,
        href: repoHref(repo.full_name),
        detail: repo.description ?? undefined,
      });
    }
    return list;
  }, [orgs.data, repos.data]);
  const shown = useMemo(() => filterSwitcherItems(items, query).slice(0, 50), [items, query]);

  const error = orgs.error ?? repos.error;
  const loading = orgs.isPending || repos.isPending;
  const orgItems = shown.filter((i) => i.kind === "org");
  const repoItems = shown.filter((i) => i.kind === "repo");

  return (
    <div className="mt-3 max-h-80 overflow-y-auto">
      {error ? (
        <ErrorPanel error={error} what="your organizations and repositories" level={3} />
      ) : loading ? (
        <LoadingBlock label="Loading organizations and repositories…" lines={4} />
      ) : shown.length === 0 ? (
        <p className="text-sm text-gray-700 dark:text-gray-300" role="status">
          {items.length === 0
            ? "You don't administer any organization or repository."
            : `Nothing matches “${query}”.`}
        </p>
      ) : (
        <>
          <SwitcherGroup title="Organizations" items={orgItems} />
          <SwitcherGroup title="Repositories you administer" items={repoItems} />
        </>
      )}
    </div>
  );
}

function SwitcherGroup({ title, items }: { title: string; items: SwitcherItem[] }) {
  const headingId = useId();
  if (items.length === 0) return null;
  return (
    <div className="mb-2">
      <p
        id={headingId}
        className="px-1 py-1 text-xs font-semibold text-gray-700 uppercase dark:text-gray-300"
      >
        {title}
      </p>
      <ul aria-labelledby={headingId}>
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              className="block truncate rounded px-2 py-1 text-sm text-gray-900 hover:bg-gray-100 focus-visible:bg-gray-100 dark:text-gray-100 dark:hover:bg-gray-800 dark:focus-visible:bg-gray-800"
            >
              {item.name}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
