/**
 * Server prefetch for the runs views (runs page, workflow page): the workflow list, then the
 * first page of runs under the same key the client uses. Failures are left to the client, which
 * shows them in place with a retry; so the prefetch waits little (PREFETCH_TIMING): a slow or
 * failing GitHub is then waited for once, by the client, within 12 s.
 */
import "server-only";
import { actionsQueries } from "@/lib/queries/actions";
import { getServerPrefetchGitHub, getServerQueryClient } from "@/lib/queries/server";
import { workflowQueries } from "@/lib/queries/workflows";
import { RUNS_PER_PAGE, resolveRunFilters } from "./filters";

export async function prefetchRuns(
  owner: string,
  repo: string,
  query: string,
  page: number,
  workflowFileName?: string,
): Promise<void> {
  const queryClient = getServerQueryClient();
  try {
    const gh = await getServerPrefetchGitHub();
    const workflows = await queryClient.fetchQuery(workflowQueries.list(gh, owner, repo));
    const resolved = resolveRunFilters(query, page, workflows, workflowFileName);
    if (Object.keys(resolved.errors).length > 0 || resolved.waitingForWorkflows) return;
    await queryClient.prefetchQuery(
      actionsQueries.runsPage(gh, owner, repo, resolved.filters, RUNS_PER_PAGE),
    );
  } catch {
    // The client shows the error (with its kind and a retry) where the list would be.
  }
}

/** `query` and `page` of a Next.js searchParams record. */
export function runsSearch(search: Record<string, string | string[] | undefined>): {
  query: string;
  page: number;
} {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
  const rawPage = first(search.page);
  return { query: first(search.query), page: /^\d+$/.test(rawPage) ? Math.max(1, Number(rawPage)) : 1 };
}
