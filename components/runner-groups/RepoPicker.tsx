"use client";

import { useState } from "react";
import { searchRepos } from "@/lib/runners/groups";

export interface PickerRepo {
  id: number;
  full_name: string;
  private?: boolean | undefined;
}

/** Org repositories as the picker needs them. */
export function pickerRepos(repos: readonly { id: number | bigint; full_name: string; private?: boolean }[]): PickerRepo[] {
  return repos.map((r) => ({ id: Number(r.id), full_name: r.full_name, private: r.private }));
}

const field = "w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm dark:border-gray-600 dark:bg-gray-950";

/** A searchable checklist over all of the org's repositories. */
export function RepoPicker({
  repos,
  selected,
  onChange,
  disabled,
}: {
  repos: readonly PickerRepo[];
  selected: readonly number[];
  onChange: (ids: number[]) => void;
  disabled?: boolean;
}) {
  const [q, setQ] = useState("");
  const shown = searchRepos(repos, q);
  const set = new Set(selected);
  return (
    <fieldset className="space-y-2" disabled={disabled}>
      <legend className="text-sm font-medium">
        Repositories ({selected.length} of {repos.length} selected)
      </legend>
      <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Search repositories" aria-label="Search repositories" className={field} />
      <ul className="max-h-64 space-y-1 overflow-auto rounded-md border border-gray-200 p-2 dark:border-gray-700">
        {shown.length === 0 ? <li className="text-sm">No repository matches “{q}”.</li> : null}
        {shown.map((r) => (
          <li key={r.id}>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={set.has(r.id)}
                onChange={() => onChange(set.has(r.id) ? selected.filter((id) => id !== r.id) : [...selected, r.id])}
              />
              <span className="font-mono">{r.full_name}</span>
              {r.private ? <span className="text-xs text-gray-700 dark:text-gray-300">(private)</span> : null}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
