/**
 * What each classic OAuth/PAT scope allows in this dashboard. Shared by server and browser code.
 */

/** Scopes the OAuth sign-in asks for. */
export const REQUESTED_SCOPES = ["repo", "admin:org", "workflow", "read:user"] as const;

export interface ScopeInfo {
  scope: string;
  title: string;
  allows: string[];
  doesNotAllow: string[];
}

export const SCOPE_INFO: Record<string, ScopeInfo> = {
  repo: {
    scope: "repo",
    title: "Full control of repositories",
    allows: [
      "see runs, jobs, logs and artifacts of private and internal repositories",
      "re-run, cancel and dispatch workflow runs; enable or disable workflows",
      "manage repository runners, secrets and Actions permissions (where you are a repository admin)",
    ],
    doesNotAllow: ["manage organization runners, runner groups, secrets or permissions (needs admin:org)"],
  },
  public_repo: {
    scope: "public_repo",
    title: "Public repositories only",
    allows: ["re-run, cancel and dispatch runs in public repositories"],
    doesNotAllow: ["anything in private or internal repositories (needs repo)"],
  },
  "admin:org": {
    scope: "admin:org",
    title: "Full control of organizations",
    allows: [
      "manage organization self-hosted runners and runner groups (as an organization owner)",
      "manage organization secrets and Actions permissions (as an organization owner)",
      "list your organizations and their members",
    ],
    doesNotAllow: ["anything inside private repositories (needs repo)"],
  },
  "write:org": {
    scope: "write:org",
    title: "Read and write organization membership",
    allows: ["list your organizations"],
    doesNotAllow: ["manage organization runners, secrets or permissions (needs admin:org)"],
  },
  "read:org": {
    scope: "read:org",
    title: "Read organization membership",
    allows: ["list your organizations and read organization settings you can see"],
    doesNotAllow: ["manage organization runners, secrets or permissions (needs admin:org)"],
  },
  workflow: {
    scope: "workflow",
    title: "Update workflow files",
    allows: ["change files under .github/workflows (together with repo)"],
    doesNotAllow: ["on its own, anything in private repositories (needs repo)"],
  },
  "read:user": {
    scope: "read:user",
    title: "Read your profile",
    allows: ["show your name and avatar"],
    doesNotAllow: [],
  },
  user: {
    scope: "user",
    title: "Read and write your profile",
    allows: ["show your name and avatar"],
    doesNotAllow: [],
  },
};

/** Scopes that a held scope implies (GitHub's hierarchy). */
const IMPLIES: Record<string, string[]> = {
  repo: ["repo:status", "repo_deployment", "public_repo", "repo:invite", "security_events"],
  "admin:org": ["write:org", "read:org", "manage_runners:org"],
  "write:org": ["read:org"],
  "admin:public_key": ["write:public_key", "read:public_key"],
  "write:public_key": ["read:public_key"],
  "admin:repo_hook": ["write:repo_hook", "read:repo_hook"],
  "write:repo_hook": ["read:repo_hook"],
  "admin:org_hook": [],
  user: ["read:user", "user:email", "user:follow"],
  "admin:enterprise": ["manage_runners:enterprise", "manage_billing:enterprise", "read:enterprise"],
  "write:packages": ["read:packages"],
};

/** Parse an `X-OAuth-Scopes`-style header ("repo, admin:org") into a list. */
export function parseScopes(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The held scopes plus everything they imply. */
export function expandScopes(scopes: readonly string[]): Set<string> {
  const out = new Set<string>();
  const visit = (s: string) => {
    if (out.has(s)) return;
    out.add(s);
    for (const i of IMPLIES[s] ?? []) visit(i);
  };
  scopes.forEach(visit);
  return out;
}

/** Whether `scopes` satisfy `needed` directly or through an implied scope. */
export function hasScope(scopes: readonly string[], needed: string): boolean {
  return expandScopes(scopes).has(needed);
}

export interface Capability {
  id: string;
  label: string;
  /** Any one of these scopes is enough. */
  anyOf: string[];
  /** A role the account also needs, shown next to the capability. */
  role?: string;
}

export const CAPABILITIES: Capability[] = [
  { id: "read-public", label: "See runs and logs of public repositories", anyOf: [] },
  {
    id: "read-private",
    label: "See runs, logs and artifacts of private and internal repositories",
    anyOf: ["repo"],
  },
  {
    id: "run-actions",
    label: "Re-run, cancel and dispatch workflow runs",
    anyOf: ["repo"],
    role: "write access to the repository",
  },
  {
    id: "repo-admin",
    label: "Manage repository runners, secrets and Actions permissions",
    anyOf: ["repo"],
    role: "repository admin",
  },
  {
    id: "org-admin",
    label: "Manage organization runners, runner groups, secrets and Actions permissions",
    anyOf: ["admin:org"],
    role: "organization owner",
  },
  {
    id: "list-orgs",
    label: "List your organizations",
    anyOf: ["read:org", "admin:org", "write:org", "user", "read:user"],
  },
];

export interface CapabilityCheck extends Capability {
  allowed: boolean;
}

/** What a token with these scopes can and cannot do here (for the sign-in page). */
export function describeScopes(scopes: readonly string[]): CapabilityCheck[] {
  const held = expandScopes(scopes);
  return CAPABILITIES.map((c) => ({
    ...c,
    allowed: c.anyOf.length === 0 || c.anyOf.some((s) => held.has(s)),
  }));
}

/** Scopes from `acceptedAnyOf` that are missing (empty when one of them is held). */
export function missingScopes(held: readonly string[], acceptedAnyOf: readonly string[]): string[] {
  if (acceptedAnyOf.length === 0) return [];
  const h = expandScopes(held);
  return acceptedAnyOf.some((s) => h.has(s)) ? [] : [...acceptedAnyOf];
}
