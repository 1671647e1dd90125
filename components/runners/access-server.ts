/** The runners pages' write gate, computed once per request on the server from the session and GitHub. */
import "server-only";
import type { QueryClient } from "@tanstack/react-query";
import { getSession } from "@/lib/auth/session";
import type { GitHubClient } from "@/lib/queries/client";
import { repoQueries } from "@/lib/queries/repos";
import { ALLOWED, orgRoleOf, repoRoleOf, writeAccess, type AccessFacts, type WriteAccess } from "@/lib/runners/access";
import type { RunnerScope } from "@/lib/runners/scope";

// Fine-grained tokens carry permissions, not scopes: their scope list says nothing.
const FINE_GRAINED = "github_pat_";

async function roleOf(gh: GitHubClient, qc: QueryClient, scope: RunnerScope): Promise<AccessFacts["role"]> {
  try {
    if (scope.kind === "org") {
      const { data } = await gh.request("GET /user/memberships/orgs/{org}", { org: scope.org });
      return orgRoleOf(data.role);
    }
    return repoRoleOf((await qc.fetchQuery(repoQueries.detail(gh, scope.owner, scope.repo))).permissions);
  } catch {
    // Unreadable (no read:org, a blip): the write itself will say; the page's reads decide what shows.
    return null;
  }
}

export async function runnerWriteAccess(gh: GitHubClient, qc: QueryClient, scope: RunnerScope): Promise<WriteAccess> {
  const session = await getSession();
  if (!session) return ALLOWED;
  const scopes = session.token.startsWith(FINE_GRAINED) ? null : session.scopes;
  return writeAccess(scope, { scopes, role: await roleOf(gh, qc, scope) });
}
