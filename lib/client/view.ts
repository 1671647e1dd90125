/** Small pure view-model helpers shared by the overview pages (unit-tested). */

export type RepoRole = "admin" | "maintain" | "write" | "triage" | "read";

export interface RepoPermissions {
  admin?: boolean | undefined;
  maintain?: boolean | undefined;
  push?: boolean | undefined;
  triage?: boolean | undefined;
  pull?: boolean | undefined;
}

/** The user's highest role on a repository, from GitHub's `permissions` object. */
export function repoRole(permissions: RepoPermissions | null | undefined): RepoRole {
  if (!permissions) return "read";
  if (permissions.admin) return "admin";
  if (permissions.maintain) return "maintain";
  if (permissions.push) return "write";
  if (permissions.triage) return "triage";
  return "read";
}

/** "2024-05-01 12:03 UTC": the same on server and browser (no hydration mismatch). */
export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "—";
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The file name of a workflow path: ".github/workflows/ci.yml" → "ci.yml" (the URL segment GitHub uses). */
export function workflowFile(path: string): string {
  const parts = path.split("/");
  return parts[parts.length - 1] ?? path;
}

const ENABLED_REPOS: Record<string, string> = {
  all: "All repositories",
  none: "No repositories (Actions is disabled)",
  selected: "Selected repositories",
};

const ALLOWED_ACTIONS: Record<string, string> = {
  all: "All actions and reusable workflows",
  local_only: "Only actions and reusable workflows in this enterprise/organization",
  selected: "Selected actions and reusable workflows",
};

export function describeEnabledRepositories(value: string | null | undefined): string {
  return (value && ENABLED_REPOS[value]) ?? value ?? "—";
}

export function describeAllowedActions(value: string | null | undefined): string {
  if (value === undefined || value === null) return "Not applicable (Actions is disabled)";
  return ALLOWED_ACTIONS[value] ?? value;
}
