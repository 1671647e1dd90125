/**
 * The server half of a run page: validates the URL, prefetches everything the page shows in parallel
 * (run, jobs, artifacts, timing, repository permissions; the workflow file as soon as the run says
 * which commit and file), and hydrates the client component. Shared by `/runs/{id}` and
 * `/runs/{id}/attempts/{n}`.
 */
import "server-only";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { serializeApiError, toApiError, type SerializedApiError } from "@/lib/client/api-error";
import { repoQueries } from "@/lib/queries/repos";
import { runPageQueries, type Run } from "@/lib/queries/run-page";
import { getServerGitHub, getServerQueryClient } from "@/lib/queries/server";
import { runStatusInfo } from "@/lib/runs/status";
import { Alert } from "@/components/ui/Alert";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { RunPage } from "./RunPage";

export interface RunPageParams {
  owner: string;
  repo: string;
  run_id: string;
  attempt?: string | undefined;
}

const ID = /^[1-9][0-9]{0,18}$/;

/** A positive integer from a URL segment, or undefined. */
function positive(value: string | undefined): number | undefined {
  return value !== undefined && ID.test(value) ? Number(value) : undefined;
}

export function runPagePath(owner: string, repo: string, runId: string, attempt?: string): string {
  const base = `/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/actions/runs/${encodeURIComponent(runId)}`;
  return attempt === undefined ? base : `${base}/attempts/${encodeURIComponent(attempt)}`;
}

/** The run (or attempt), fetched once per request: generateMetadata and the page share it. */
async function fetchRun(owner: string, repo: string, runId: number, attempt?: number): Promise<Run> {
  const gh = await getServerGitHub();
  return getServerQueryClient().fetchQuery(runPageQueries.run(gh, owner, repo, runId, attempt));
}

/** "CI #825 · acme/web", "CI #825 (attempt 2 of 3) · acme/web" (the layout appends the product name). */
export async function runPageMetadata(params: RunPageParams): Promise<Metadata> {
  const { owner, repo } = params;
  const runId = positive(params.run_id);
  const attempt = params.attempt === undefined ? undefined : positive(params.attempt);
  if (runId === undefined || (params.attempt !== undefined && attempt === undefined)) {
    return { title: `Run ${params.run_id} · ${owner}/${repo}` };
  }
  try {
    const run = await fetchRun(owner, repo, runId, attempt);
    const name = run.name ?? "Run";
    const status = runStatusInfo(run.status, run.conclusion).label;
    const attemptText = attempt !== undefined ? ` (attempt ${attempt})` : "";
    return {
      title: `${name} #${run.run_number}${attemptText} · ${owner}/${repo}`,
      description: `${status}: ${run.display_title} (${run.event} on ${run.head_branch ?? "?"}, ${run.head_sha.slice(0, 7)})`,
    };
  } catch {
    return { title: `Run ${runId} · ${owner}/${repo}` };
  }
}

function errorOf(result: PromiseSettledResult<unknown>): SerializedApiError | undefined {
  return result.status === "rejected" ? serializeApiError(toApiError(result.reason)) : undefined;
}

export async function RunPageServer(params: RunPageParams) {
  const { owner, repo } = params;
  await requireUser(runPagePath(owner, repo, params.run_id, params.attempt));
  const runId = positive(params.run_id);
  const attempt = params.attempt === undefined ? undefined : positive(params.attempt);
  if (runId === undefined || (params.attempt !== undefined && attempt === undefined)) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Workflow run</h1>
        <Alert tone="warning" title="This is not a run address">
          <p>
            {runId === undefined
              ? `“${params.run_id}” is not a run id: run ids are positive whole numbers, as in /${owner}/${repo}/actions/runs/123456.`
              : `“${params.attempt ?? ""}” is not an attempt number: attempts are numbered from 1.`}
          </p>
        </Alert>
      </div>
    );
  }

  const queryClient = getServerQueryClient();
  const client = getServerGitHub();
  const prefetch = <T,>(fn: (gh: Awaited<typeof client>) => Promise<T>) => client.then(fn);

  const runP = prefetch((gh) => queryClient.fetchQuery(runPageQueries.run(gh, owner, repo, runId, attempt)));
  // An earlier attempt's page also needs the run as it is now (how many attempts there are).
  const latestP =
    attempt === undefined
      ? runP
      : prefetch((gh) => queryClient.fetchQuery(runPageQueries.run(gh, owner, repo, runId)));
  const results = await Promise.allSettled([
    runP,
    latestP,
    prefetch((gh) => queryClient.fetchQuery(runPageQueries.jobs(gh, owner, repo, runId, attempt))),
    prefetch((gh) => queryClient.fetchQuery(runPageQueries.artifacts(gh, owner, repo, runId))),
    prefetch((gh) => queryClient.fetchQuery(runPageQueries.timing(gh, owner, repo, runId))),
    prefetch((gh) => queryClient.fetchQuery(repoQueries.detail(gh, owner, repo))),
    // Starts as soon as the run is known, alongside the others.
    runP.then((run) =>
      prefetch((gh) => queryClient.fetchQuery(runPageQueries.workflowFile(gh, owner, repo, run.path, run.head_sha))),
    ),
  ]);
  const [run, latest, jobs, artifacts, timing, repoDetail, file] = results;

  if (run.status === "rejected" || latest.status === "rejected") {
    const reason: unknown = run.status === "rejected" ? run.reason : latest.status === "rejected" ? latest.reason : null;
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">
          Run {runId}
          {attempt !== undefined ? `, attempt ${attempt}` : ""} · {owner}/{repo}
        </h1>
        <ErrorPanel
          error={serializeApiError(toApiError(reason))}
          what={`run ${runId}${attempt !== undefined ? ` (attempt ${attempt})` : ""} of ${owner}/${repo}`}
        />
      </div>
    );
  }

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <RunPage
        owner={owner}
        repo={repo}
        runId={runId}
        attempt={attempt}
        errors={{
          jobs: errorOf(jobs),
          artifacts: errorOf(artifacts),
          timing: errorOf(timing),
          repo: errorOf(repoDetail),
          workflowFile: errorOf(file),
        }}
      />
    </HydrationBoundary>
  );
}
