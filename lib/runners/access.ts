/**
 * Whether the signed-in user may change runners and runner groups of a scope, and if not, why: a small
 * view model computed once on the server (components/runners/access-server) and shown next to each
 * disabled control. Pure, shared by server and browser code.
 */
import { missingScopes } from "@/lib/auth/scopes";
import { repoRole, type RepoPermissions } from "@/lib/client/view";
import type { RunnerScope } from "./scope";

export type WriteAccess = { allowed: true } | { allowed: false; reason: string };

export const ALLOWED: WriteAccess = { allowed: true };

export interface AccessFacts {
  /** The token's classic scopes; null when unknown (a fine-grained token has none to show). */
  scopes: readonly string[] | null;
  /**
   * Whether the user is an org owner (org) or a repository admin (repo), with what they are instead
   * ("you are a member", "you have write access"). Null when it could not be read: then only GitHub can
   * say, so no gate.
   */
  role: { admin: true } | { admin: false; instead: string } | null;
}

function scopeList(scopes: readonly string[]): string {
  return scopes.length ? `your token has ${scopes.join(", ")}` : "your token has no scopes";
}

/** The scope is checked first: a token without it is refused whatever the role. */
export function writeAccess(scope: RunnerScope, facts: AccessFacts): WriteAccess {
  const needed = scope.kind === "org" ? "admin:org" : "repo";
  // A classic token's manage_runners:org (GHES) covers org runners and runner groups too: not a reason to refuse.
  const accepted = scope.kind === "org" ? [needed, "manage_runners:org"] : [needed];
  const held = facts.scopes;
  if (held !== null && missingScopes(held, accepted).length > 0) {
    return { allowed: false, reason: `Needs the ${needed} scope: ${scopeList(held)}.` };
  }
  if (facts.role !== null && !facts.role.admin) {
    const who = scope.kind === "org" ? "organization owners" : "repository admins";
    return { allowed: false, reason: `Only ${who} can do this; ${facts.role.instead}.` };
  }
  return ALLOWED;
}

/** What a non-admin holds on a repository, from its `permissions` object. */
export function repoRoleOf(permissions: RepoPermissions | undefined): AccessFacts["role"] {
  if (!permissions) return null;
  const role = repoRole(permissions);
  if (role === "admin") return { admin: true };
  return { admin: false, instead: role === "read" && !permissions.pull ? "you have no access" : `you have ${role} access` };
}

/** The org role from GET /user/memberships/orgs/{org}: "admin" is an owner. */
export function orgRoleOf(role: string | undefined): AccessFacts["role"] {
  if (role === undefined) return null;
  return role === "admin" ? { admin: true } : { admin: false, instead: `you are ${role === "member" ? "a member" : role}` };
}
