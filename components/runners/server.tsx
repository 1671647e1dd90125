/** Server halves of the runners pages: session check, prefetch for the first paint, ErrorPanel on failure. */
import { HydrationBoundary, dehydrate, type QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { serializeApiError, toApiError } from "@/lib/client/api-error";
import { groupQueries, runnerQueries } from "@/lib/queries/runners";
import { getServerGitHub, getServerQueryClient } from "@/lib/queries/server";
import type { GitHubClient } from "@/lib/queries/client";
import { runnersPath, scopeLabel, type RunnerScope } from "@/lib/runners/scope";
import { ALLOWED, type WriteAccess } from "@/lib/runners/access";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { runnerWriteAccess } from "./access-server";
import { WriteAccessProvider } from "./WriteAccess";

/**
 * Requires a session, runs `prefetch` (its first promise decides whether the page can be shown: a 403
 * means the token lacks admin:org or the user is not an owner / repo admin), then hydrates `children`
 * with the write gate of `scope` (computed alongside the prefetch).
 */
export async function prefetchedPage(
  returnTo: string,
  title: string,
  what: string,
  prefetch: (gh: GitHubClient, qc: QueryClient) => [Promise<unknown>, ...Promise<unknown>[]],
  children: ReactNode,
  scope: RunnerScope,
) {
  await requireUser(returnTo);
  const qc = getServerQueryClient();
  let failure: unknown;
  let access: WriteAccess = ALLOWED;
  try {
    const gh = await getServerGitHub();
    const accessP = runnerWriteAccess(gh, scope);
    const [main, ...rest] = prefetch(gh, qc);
    // All settled first: a main promise rejecting while the others run would otherwise be reported unhandled.
    await Promise.allSettled([main, ...rest]);
    await main;
    access = await accessP;
  } catch (error) {
    failure = error;
  }
  if (failure !== undefined) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">{title}</h1>
        <ErrorPanel error={serializeApiError(toApiError(failure))} what={what} />
      </div>
    );
  }
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <WriteAccessProvider access={access}>{children}</WriteAccessProvider>
    </HydrationBoundary>
  );
}

export function prefetchRunners(scope: RunnerScope) {
  return (gh: GitHubClient, qc: QueryClient): [Promise<unknown>, ...Promise<unknown>[]] => [
    qc.fetchQuery(runnerQueries.list(gh, scope)),
    ...(scope.kind === "org" ? [qc.fetchQuery(groupQueries.list(gh, scope.org))] : []),
  ];
}

export function runnersTitle(scope: RunnerScope) {
  return { returnTo: runnersPath(scope), what: `the self-hosted runners of ${scopeLabel(scope)}` };
}

export function webUrl(): string {
  return getConfig().webUrl;
}
