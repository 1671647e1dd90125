"use client";

import { useId, useState } from "react";
import { filterRepos } from "@/lib/secrets/access";
import type { OrgRepo } from "@/lib/queries/secrets";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { inputClass } from "./fields";

/** A searchable list of the org's repositories with checkboxes. */
export function RepoPicker({
  repos,
  selected,
  onChange,
  label = "Repositories",
  loading,
}: {
  repos: readonly OrgRepo[];
  selected: ReadonlySet<number>;
  onChange: (next: Set<number>) => void;
  label?: string;
  loading?: boolean;
}) {
  const id = useId();
  const [query, setQuery] = useState("");
  const shown = filterRepos(repos, query);
  const toggle = (repoId: number, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(repoId);
    else next.delete(repoId);
    onChange(next);
  };
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">
        {label} <span className="font-normal text-gray-700 dark:text-gray-300">({selected.size} selected)</span>
      </legend>
      <div className="flex gap-2">
        <label htmlFor={id} className="sr-only">
          Search repositories
        </label>
        <input
          id={id}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Search repositories"
          autoComplete="off"
          className={inputClass}
        />
        <Button size="sm" className="whitespace-nowrap" onClick={() => onChange(new Set([...selected, ...shown.map((r) => Number(r.id))]))} disabled={shown.length === 0}>
          Select shown
        </Button>
        <Button size="sm" onClick={() => onChange(new Set())} disabled={selected.size === 0}>
          Clear
        </Button>
      </div>
      <ul className="max-h-56 overflow-auto rounded-md border border-gray-200 dark:border-gray-700" aria-label={`${label}: ${shown.length} shown`}>
        {loading ? <li className="px-3 py-2 text-sm">Loading repositories…</li> : null}
        {!loading && shown.length === 0 ? <li className="px-3 py-2 text-sm">No repository matches “{query}”.</li> : null}
        {shown.map((r) => (
          <li key={r.id} className="border-b border-gray-100 last:border-b-0 dark:border-gray-800">
            <label className="flex cursor-pointer items-center gap-2 px-3 py-1.5 text-sm hover:bg-gray-50 dark:hover:bg-gray-800/60">
              <input type="checkbox" checked={selected.has(Number(r.id))} onChange={(e) => toggle(Number(r.id), e.target.checked)} />
              <span className="font-mono">{r.full_name}</span>
              {r.visibility ? <Badge>{r.visibility}</Badge> : null}
              {r.archived ? <Badge tone="warning">archived</Badge> : null}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
