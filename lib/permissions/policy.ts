/**
 * Pure rules of the Actions permissions pages: what a change does to which repositories, and what the
 * organization's policy leaves a repository to choose. No React, unit-tested.
 */

export type EnabledRepositories = "all" | "none" | "selected";
export type AllowedActions = "all" | "local_only" | "selected";

export const ENABLED_REPOSITORIES: readonly EnabledRepositories[] = ["all", "selected", "none"];
export const ALLOWED_ACTIONS: readonly AllowedActions[] = ["all", "selected", "local_only"];

/** How strict each allowed_actions policy is: a repository may only be as strict as its org, or stricter. */
export const STRICTNESS: Record<AllowedActions, number> = { all: 0, selected: 1, local_only: 2 };

export function isEnabledRepositories(value: unknown): value is EnabledRepositories {
  return value === "all" || value === "none" || value === "selected";
}

export function isAllowedActions(value: unknown): value is AllowedActions {
  return value === "all" || value === "local_only" || value === "selected";
}

/** An org's "which repositories may run Actions" policy; `selected` lists repository ids. */
export interface RepoAccess {
  enabled: EnabledRepositories;
  /** The selected repository ids (only read when `enabled` is "selected"). */
  selected: readonly number[];
}

export interface RepoRef {
  id: number;
  full_name: string;
}

/** Whether an org policy lets a repository run Actions. */
export function orgAllowsRepo(access: RepoAccess, repoId: number): boolean {
  return access.enabled === "all" || (access.enabled === "selected" && access.selected.includes(repoId));
}

/**
 * The repositories of the org that may run Actions under `before` and may not under `after`: the ones
 * that lose Actions when the change is saved (sorted by name). Repositories the org policy already
 * excludes are not counted, whatever their own setting.
 */
export function reposLosingActions<T extends RepoRef>(
  repos: readonly T[],
  before: RepoAccess,
  after: RepoAccess,
): T[] {
  return repos
    .filter((r) => orgAllowsRepo(before, r.id) && !orgAllowsRepo(after, r.id))
    .sort((a, b) => a.full_name.localeCompare(b.full_name));
}

/** The repositories that gain Actions (the mirror image, for the summary of a change). */
export function reposGainingActions<T extends RepoRef>(
  repos: readonly T[],
  before: RepoAccess,
  after: RepoAccess,
): T[] {
  return reposLosingActions(repos, after, before);
}

/** "3 repositories", "1 repository". */
export function countRepos(n: number): string {
  return `${n} ${n === 1 ? "repository" : "repositories"}`;
}

/** "acme/a, acme/b, acme/c and 4 more" (for confirmations that name what is affected). */
export function nameSome(names: readonly string[], max = 5): string {
  if (names.length === 0) return "";
  if (names.length <= max) {
    if (names.length === 1) return names[0] ?? "";
    return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1] ?? ""}`;
  }
  return `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}

/** Whether moving from one allowed_actions policy to another restricts what workflows may use. */
export function isTightening(before: AllowedActions | undefined, after: AllowedActions): boolean {
  return before !== undefined && STRICTNESS[after] > STRICTNESS[before];
}

/** What the org's policy (when it could be read) leaves a repository to decide. */
export interface RepoConstraints {
  /** The org decides that this repository cannot run Actions (none, or selected without it). */
  disabledByOrg: boolean;
  /** The allowed_actions options the repository may pick; looser ones are the org's to give. */
  allowedOptions: AllowedActions[];
  /** The org selects the actions, so its list applies and the repository cannot edit one. */
  selectedActionsFromOrg: boolean;
}

/**
 * `org` is undefined for repositories of user accounts (nothing above them) and when the org's policy
 * could not be read (then the server is the judge, and its refusal is shown).
 */
export function repoConstraints(
  org: { access: RepoAccess; allowed: AllowedActions | undefined } | undefined,
  repoId: number,
): RepoConstraints {
  if (!org) return { disabledByOrg: false, allowedOptions: [...ALLOWED_ACTIONS], selectedActionsFromOrg: false };
  const orgAllowed = org.allowed ?? "all";
  return {
    disabledByOrg: !orgAllowsRepo(org.access, repoId),
    allowedOptions: ALLOWED_ACTIONS.filter((a) => STRICTNESS[a] >= STRICTNESS[orgAllowed]),
    selectedActionsFromOrg: orgAllowed === "selected",
  };
}

/** Toggles one id in a set (for the repository picker). */
export function toggleId(ids: readonly number[], id: number, on: boolean): number[] {
  const rest = ids.filter((x) => x !== id);
  return on ? [...rest, id] : rest;
}

export function sameIds(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}

/** Repositories whose full name contains every word of the query (case-insensitive). */
export function filterRepos<T extends { full_name: string }>(repos: readonly T[], query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...repos];
  return repos.filter((r) => words.every((w) => r.full_name.toLowerCase().includes(w)));
}

const ENABLED_LABELS: Record<EnabledRepositories, string> = {
  all: "All repositories",
  selected: "Selected repositories",
  none: "Disabled for all repositories",
};

export function enabledLabel(value: EnabledRepositories): string {
  return ENABLED_LABELS[value];
}

/** GitHub's wording, with the owner's name ("Allow acme actions and reusable workflows"). */
export function allowedLabel(value: AllowedActions, owner: string): string {
  switch (value) {
    case "all":
      return "Allow all actions and reusable workflows";
    case "local_only":
      return `Allow ${owner} actions and reusable workflows`;
    case "selected":
      return `Allow ${owner}, and select non-${owner}, actions and reusable workflows`;
  }
}
