/**
 * Query factories for a run page (`/{owner}/{repo}/actions/runs/{run_id}` and `/attempts/{n}`): the run
 * (or one attempt of it), its jobs, its artifacts, its timing and its workflow file at the run's commit.
 * Every key sits under `runKeys.detail(owner, repo, runId)`, so invalidating that key after a write
 * refreshes the whole page. The same factories serve the server prefetch and the browser.
 */
import { queryOptions } from "@tanstack/react-query";
import type { Endpoints } from "@octokit/types";
import { isApiError } from "@/lib/client/api-error";
import { parseWorkflowGraph, workflowFilePath, type WorkflowGraph } from "@/lib/runs/timeline";
import { paginateAll, type GitHubClient } from "./client";
import { LIVE_POLL_MS, liveRefetchInterval, pollInterval } from "./polling";
import { repoKeys } from "./repos";
import { runKeys } from "./runs";

export type Run = Endpoints["GET /repos/{owner}/{repo}/actions/runs/{run_id}"]["response"]["data"];
type OctokitJob =
  Endpoints["GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs"]["response"]["data"]["jobs"][number];
/** A job; ids are JSON numbers (the types allow bigint, which JSON never produces). */
export type Job = Omit<OctokitJob, "id" | "run_id"> & { id: number; run_id: number };
export type Artifact =
  Endpoints["GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts"]["response"]["data"]["artifacts"][number];
export type RunTiming = Endpoints["GET /repos/{owner}/{repo}/actions/runs/{run_id}/timing"]["response"]["data"];

/** Timing, or why the server does not offer it (GHES answers 404 where billing is not kept). */
export type TimingResult = { available: true; timing: RunTiming } | { available: false; message: string };

/** The workflow's job graph at the run's commit, or why it could not be read. */
export type WorkflowFileResult =
  | { ok: true; path: string; graph: WorkflowGraph }
  | { ok: false; path: string | null; message: string };

export const runPageKeys = {
  /** The run as it is now (latest attempt): runKeys.detail itself. */
  run: (owner: string, repo: string, runId: number) => runKeys.detail(owner, repo, runId),
  attempt: (owner: string, repo: string, runId: number, attempt: number) =>
    [...runKeys.detail(owner, repo, runId), "attempts", attempt] as const,
  jobs: (owner: string, repo: string, runId: number, attempt?: number) =>
    attempt === undefined
      ? runKeys.jobs(owner, repo, runId)
      : ([...runPageKeys.attempt(owner, repo, runId, attempt), "jobs"] as const),
  artifacts: (owner: string, repo: string, runId: number) =>
    [...runKeys.detail(owner, repo, runId), "artifacts"] as const,
  timing: (owner: string, repo: string, runId: number) =>
    [...runKeys.detail(owner, repo, runId), "timing"] as const,
  workflowFile: (owner: string, repo: string, path: string, sha: string) =>
    [...repoKeys.detail(owner, repo), "workflow-file", path, sha] as const,
};

/** Polls the run while it is active (stops when it completes, on an error, or while the tab is hidden). */
const runRefetch = liveRefetchInterval<Run>((run) => [run]);

/** Decodes the contents API's base64 (wrapped at 60 columns) as UTF-8. */
export function decodeBase64Utf8(b64: string): string {
  const binary = atob(b64.replace(/\s+/g, ""));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

export const runPageQueries = {
  /** The run (latest attempt), or one attempt of it when `attempt` is given. */
  run: (client: GitHubClient, owner: string, repo: string, runId: number, attempt?: number) =>
    queryOptions({
      queryKey:
        attempt === undefined
          ? runPageKeys.run(owner, repo, runId)
          : runPageKeys.attempt(owner, repo, runId, attempt),
      queryFn: async (): Promise<Run> =>
        attempt === undefined
          ? (
              await client.request("GET /repos/{owner}/{repo}/actions/runs/{run_id}", {
                owner,
                repo,
                run_id: runId,
              })
            ).data
          : (
              await client.request(
                "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}",
                { owner, repo, run_id: runId, attempt_number: attempt },
              )
            ).data,
      staleTime: 5_000,
      refetchInterval: runRefetch,
    }),

  /**
   * Every job of the latest attempt (or of `attempt`), all pages. Polls while `live` says the run is
   * active: the run, not the jobs, decides (a run can be in progress with every job still queued).
   */
  jobs: (
    client: GitHubClient,
    owner: string,
    repo: string,
    runId: number,
    attempt?: number,
    live?: { status?: string | null | undefined },
  ) =>
    queryOptions({
      queryKey: runPageKeys.jobs(owner, repo, runId, attempt),
      queryFn: (): Promise<Job[]> =>
        attempt === undefined
          ? paginateAll<Job>(
              client,
              "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs",
              { owner, repo, run_id: runId, filter: "latest" },
              "jobs",
            )
          : paginateAll<Job>(
              client,
              "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs",
              { owner, repo, run_id: runId, attempt_number: attempt },
              "jobs",
            ),
      staleTime: 5_000,
      refetchInterval: (query) =>
        query.state.status === "error" ? false : pollInterval(live ? [live] : undefined, { intervalMs: LIVE_POLL_MS }),
    }),

  artifacts: (client: GitHubClient, owner: string, repo: string, runId: number) =>
    queryOptions({
      queryKey: runPageKeys.artifacts(owner, repo, runId),
      queryFn: () =>
        paginateAll<Artifact>(
          client,
          "GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts",
          { owner, repo, run_id: runId },
          "artifacts",
        ),
      staleTime: 30_000,
    }),

  timing: (client: GitHubClient, owner: string, repo: string, runId: number) =>
    queryOptions({
      queryKey: runPageKeys.timing(owner, repo, runId),
      queryFn: async (): Promise<TimingResult> => {
        try {
          const { data } = await client.request("GET /repos/{owner}/{repo}/actions/runs/{run_id}/timing", {
            owner,
            repo,
            run_id: runId,
          });
          return { available: true, timing: data };
        } catch (error) {
          if (isApiError(error) && error.status === 404) {
            return {
              available: false,
              message: "This server does not report run timing (GitHub Enterprise Server keeps no billing data).",
            };
          }
          throw error;
        }
      },
      staleTime: 30_000,
    }),

  /**
   * The workflow file at the run's commit, parsed into its job graph. A commit's file never changes,
   * so it is never refetched. A missing file or invalid YAML is a result (the timeline says why it has
   * no critical path), not an error.
   */
  workflowFile: (client: GitHubClient, owner: string, repo: string, runPath: string, sha: string) => {
    const path = workflowFilePath(runPath);
    return queryOptions({
      queryKey: runPageKeys.workflowFile(owner, repo, path ?? runPath, sha),
      queryFn: async (): Promise<WorkflowFileResult> => {
        if (!path) {
          return { ok: false, path: null, message: "This run was not started from a workflow file in the repository." };
        }
        // `{path}` would be sent as one segment with its slashes encoded (%2F), which the proxy refuses:
        // the path goes into the route as literal, individually encoded segments instead.
        const route = `GET /repos/{owner}/{repo}/contents/${path
          .split("/")
          .map(encodeURIComponent)
          .join("/")}` as "GET /repos/{owner}/{repo}/contents/{path}";
        let content: unknown;
        try {
          const { data } = await client.request(route, { owner, repo, ref: sha } as unknown as Parameters<
            GitHubClient["request"]
          >[1] & { owner: string; repo: string; path: string });
          content = data;
        } catch (error) {
          if (isApiError(error) && error.status === 404) {
            return { ok: false, path, message: `${path} was not found at commit ${sha.slice(0, 7)}.` };
          }
          throw error;
        }
        const file = content as { type?: string; content?: string; encoding?: string };
        if (file.type !== "file" || typeof file.content !== "string" || file.encoding !== "base64") {
          return { ok: false, path, message: `${path} is not a file this page can read.` };
        }
        const parsed = parseWorkflowGraph(decodeBase64Utf8(file.content));
        return parsed.ok ? { ok: true, path, graph: parsed.graph } : { ok: false, path, message: parsed.message };
      },
      staleTime: Infinity,
      gcTime: 30 * 60_000,
    });
  },
};
