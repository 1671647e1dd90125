/** Pure helpers for the secrets pages: access changes, overrides, filters and labels. */
import type { OrgVisibility } from "./write";

export type AccessChange =
  | { kind: "none" }
  /** Visibility changes (and, for "selected", the repositories with it): PUT the secret without a value. */
  | { kind: "visibility"; visibility: OrgVisibility; ids: number[] }
  /** PUT .../repositories/{id} */
  | { kind: "add"; id: number }
  /** DELETE .../repositories/{id} */
  | { kind: "remove"; id: number }
  /** PUT .../repositories with the whole list */
  | { kind: "set"; ids: number[] };

/** The fewest requests that take an org secret from its current access to the chosen one. */
export function planAccessChange(
  current: { visibility: OrgVisibility; ids: readonly number[] },
  next: { visibility: OrgVisibility; ids: readonly number[] },
): AccessChange {
  const nextIds = [...new Set(next.ids)].sort((a, b) => a - b);
  if (current.visibility !== next.visibility) {
    return { kind: "visibility", visibility: next.visibility, ids: next.visibility === "selected" ? nextIds : [] };
  }
  if (next.visibility !== "selected") return { kind: "none" };
  const before = new Set(current.ids);
  const after = new Set(nextIds);
  const add = nextIds.filter((id) => !before.has(id));
  const remove = [...before].filter((id) => !after.has(id));
  if (add.length === 0 && remove.length === 0) return { kind: "none" };
  if (add.length === 1 && remove.length === 0) return { kind: "add", id: add[0]! };
  if (remove.length === 1 && add.length === 0) return { kind: "remove", id: remove[0]! };
  return { kind: "set", ids: nextIds };
}

export function describeAccessChange(change: AccessChange, repoName: (id: number) => string): string {
  switch (change.kind) {
    case "none":
      return "Nothing to change.";
    case "visibility":
      return change.visibility === "selected"
        ? `Visibility set to selected repositories (${change.ids.length}).`
        : `Visibility set to ${visibilityLabel(change.visibility).toLowerCase()}.`;
    case "add":
      return `Added ${repoName(change.id)}.`;
    case "remove":
      return `Removed ${repoName(change.id)}.`;
    case "set":
      return `Selected repositories set (${change.ids.length}).`;
  }
}

export function visibilityLabel(visibility: string): string {
  switch (visibility) {
    case "all":
      return "All repositories";
    case "private":
      return "Private and internal repositories";
    case "selected":
      return "Selected repositories";
    default:
      return visibility;
  }
}

/** Case-insensitive substring filter on names (secret names are upper-case, users type any case). */
export function filterByName<T extends { name: string }>(items: readonly T[], query: string): T[] {
  const q = query.trim().toUpperCase();
  if (!q) return [...items];
  return items.filter((i) => i.name.toUpperCase().includes(q));
}

/** Repositories matching a search (name or full name), for the picker. */
export function filterRepos<T extends { name: string; full_name: string }>(repos: readonly T[], query: string): T[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...repos];
  return repos.filter((r) => r.full_name.toLowerCase().includes(q));
}

/** Names of the org secrets this repository can use that a repository secret of the same name overrides. */
export function overriddenOrgSecrets(repoSecrets: readonly { name: string }[], orgSecrets: readonly { name: string }[]): Set<string> {
  const own = new Set(repoSecrets.map((s) => s.name.toUpperCase()));
  return new Set(orgSecrets.filter((s) => own.has(s.name.toUpperCase())).map((s) => s.name));
}
