import type { Caller, Sim, SimContext } from "../context.js";
import type { Org, OrgRole, Repo, RepoRole } from "../store/types.js";
import { GhError, notFound } from "./errors.js";

const ROLE_RANK: Record<RepoRole, number> = { read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

/** Scopes that imply others, as GitHub's classic scopes do. */
const IMPLIES: Record<string, string[]> = {
  repo: ["public_repo", "repo:status", "repo_deployment", "repo:invite", "security_events"],
  "admin:org": ["write:org", "read:org"],
  "write:org": ["read:org"],
  user: ["read:user", "user:email", "user:follow"],
};

export function hasScope(scopes: string[], wanted: string): boolean {
  return scopes.some((s) => s === wanted || (IMPLIES[s] ?? []).includes(wanted));
}

/** The authenticated caller, or 401 as GitHub answers it. */
export function requireCaller(c: SimContext): Caller {
  const caller = c.get("caller");
  if (!caller) {
    throw new GhError(401, "Requires authentication", {
      documentation_url: "https://docs.github.com/enterprise-server@3.19/rest",
    });
  }
  return caller;
}

/**
 * 403 unless the token has one of `anyOf`; GitHub names what it accepts in X-Accepted-OAuth-Scopes.
 */
export function requireScope(c: SimContext, ...anyOf: string[]): Caller {
  const caller = requireCaller(c);
  c.header("X-Accepted-OAuth-Scopes", anyOf.join(", "));
  if (!anyOf.some((s) => hasScope(caller.token.scopes, s))) {
    throw new GhError(403, `This API operation needs the ${anyOf.map((s) => `"${s}"`).join(" or ")} scope.`, {
      documentation_url: "https://docs.github.com/enterprise-server@3.19/rest",
    });
  }
  return caller;
}

export function orgRole(org: Org, login: string): OrgRole | null {
  return org.members[login] ?? null;
}

export function repoRole(sim: Sim, repo: Repo, login: string): RepoRole | null {
  if (repo.ownerType === "User" && repo.owner === login) return "admin";
  if (repo.ownerType === "Organization") {
    const org = sim.state.orgs.get(repo.owner);
    if (org && orgRole(org, login) === "owner") return "admin";
    const explicit = repo.collaborators[login];
    if (explicit) return explicit;
    // Org members read internal repositories, everyone reads public ones.
    if (org && orgRole(org, login) && repo.visibility === "internal") return "read";
  } else if (repo.collaborators[login]) {
    return repo.collaborators[login];
  }
  return repo.visibility === "public" ? "read" : null;
}

/**
 * The org, when the caller may see it with `need`: non-members get 404 for member-only resources
 * (as GitHub hides them); members without ownership get 403 where an owner is needed.
 */
export function findOrg(c: SimContext, login: string, need: "any" | "member" | "owner"): Org {
  const caller = requireCaller(c);
  const org = c.get("sim").state.orgs.get(login.toLowerCase()) ?? [...c.get("sim").state.orgs.values()].find(
    (o) => o.login.toLowerCase() === login.toLowerCase(),
  );
  if (!org) throw notFound();
  const role = orgRole(org, caller.user.login);
  if (need === "any") return org;
  if (!role) throw notFound();
  if (need === "owner" && role !== "owner") {
    throw new GhError(403, "You must be an org admin or have the appropriate fine-grained permission.", {
      documentation_url: "https://docs.github.com/enterprise-server@3.19/rest/actions",
    });
  }
  return org;
}

export function lookupRepo(sim: Sim, owner: string, name: string): Repo | undefined {
  const o = owner.toLowerCase();
  const n = name.toLowerCase();
  for (const r of sim.state.repos.values()) {
    if (r.owner.toLowerCase() === o && r.name.toLowerCase() === n) return r;
  }
  return undefined;
}

/**
 * The repository, when the caller may see it and has at least `need`: 404 when not visible
 * (private repositories are hidden), 403 when visible but the role is too low.
 */
export function findRepo(c: SimContext, owner: string, name: string, need: RepoRole): Repo {
  const caller = requireCaller(c);
  const sim = c.get("sim");
  const repo = lookupRepo(sim, owner, name);
  if (!repo) throw notFound();
  const role = repoRole(sim, repo, caller.user.login);
  if (!role) throw notFound();
  if (repo.visibility !== "public" && !hasScope(caller.token.scopes, "repo")) throw notFound();
  if (ROLE_RANK[role] < ROLE_RANK[need]) {
    throw new GhError(403, need === "admin" ? "Must have admin rights to Repository." : "Resource not accessible by integration", {
      documentation_url: "https://docs.github.com/enterprise-server@3.19/rest/actions",
    });
  }
  return repo;
}

/** Counts an applied write so tests can prove it happened exactly once. */
export function countWrite(c: SimContext): void {
  const sim = c.get("sim");
  const key = c.get("route") ?? `${c.req.method} ${new URL(c.req.url).pathname}`;
  sim.writes.set(key, (sim.writes.get(key) ?? 0) + 1);
}
