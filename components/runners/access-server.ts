/** The runners pages' write gate, computed once per request on the server from GitHub's answers and the session. */
import "server-only";
import { getSession } from "@/lib/auth/session";
import { parseScopes } from "@/lib/auth/scopes";
import type { GitHubClient } from "@/lib/queries/client";
import { ALLOWED, orgRoleOf, repoRoleOf, writeAccess, type AccessFacts, type WriteAccess } from "@/lib/runners/access";
import type { RunnerScope } from "@/lib/runners/scope";

// Fine-grained tokens carry permissions, not scopes: no scope list says anything about them.
const FINE_GRAINED = "github_pat_";

interface Answer {
  role: AccessFacts["role"];
  /** X-OAuth-Scopes of that answer: the token's scopes now (the session's are those at sign-in). */
  scopes: string[] | undefined;
}

async function ask(gh: GitHubClient, scope: RunnerScope): Promise<Answer> {
  try {
    if (scope.kind === "org") {
      const r = await gh.request("GET /user/memberships/orgs/{org}", { org: scope.org });
      return { role: orgRoleOf(r.data.role), scopes: scopesOf(r.headers) };
    }
    const r = await gh.request("GET /repos/{owner}/{repo}", { owner: scope.owner, repo: scope.repo });
    return { role: repoRoleOf(r.data.permissions), scopes: scopesOf(r.headers) };
  } catch {
    // Unreadable (no read:org, a blip): the write itself will say; the page's reads decide what shows.
    return { role: null, scopes: undefined };
  }
}

function scopesOf(headers: Record<string, unknown>): string[] | undefined {
  const h = headers["x-oauth-scopes"];
  return typeof h === "string" ? parseScopes(h) : undefined;
}

/** The gate from GitHub's answers for a token; `sessionScopes` (those at sign-in) serve when GitHub does not say. */
export async function writeAccessFor(
  gh: GitHubClient,
  scope: RunnerScope,
  token: { value: string; sessionScopes: readonly string[] },
): Promise<WriteAccess> {
  const answer = await ask(gh, scope);
  const scopes = token.value.startsWith(FINE_GRAINED) ? null : (answer.scopes ?? token.sessionScopes);
  return writeAccess(scope, { scopes, role: answer.role });
}

export async function runnerWriteAccess(gh: GitHubClient, scope: RunnerScope): Promise<WriteAccess> {
  const session = await getSession();
  if (!session) return ALLOWED;
  return writeAccessFor(gh, scope, { value: session.token, sessionScopes: session.scopes });
}
