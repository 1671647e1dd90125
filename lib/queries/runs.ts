import { queryOptions } from "@tanstack/react-query";
import type { Endpoints } from "@octokit/types";
import type { GitHubClient } from "./client";
import { liveRefetchInterval } from "./polling";
import { repoKeys } from "./repos";

type ListRuns = Endpoints["GET /repos/{owner}/{repo}/actions/runs"];
export type RunsPage = ListRuns["response"]["data"];
export type WorkflowRun = RunsPage["workflow_runs"][number];

/** Filters from the URL's query string (only what GitHub accepts for this endpoint). */
export interface RunFilters {
  per_page?: number;
  page?: number;
  status?: string;
  branch?: string;
  event?: string;
  actor?: string;
  head_sha?: string;
}

/** Drops empty values so `{}` and `{ branch: "" }` share a key. */
export function normalizeRunFilters(filters: RunFilters): RunFilters {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(filters) as [keyof RunFilters, string | number | undefined][]) {
    if (value === undefined || value === "") continue;
    out[name] = value;
  }
  return out;
}

/** Keys, general → specific: runs.all → runs.list(filters) → runs.detail(id) → runs.jobs(id). */
export const runKeys = {
  all: (owner: string, repo: string) => [...repoKeys.detail(owner, repo), "runs"] as const,
  lists: (owner: string, repo: string) => [...runKeys.all(owner, repo), "list"] as const,
  list: (owner: string, repo: string, filters: RunFilters) =>
    [...runKeys.lists(owner, repo), normalizeRunFilters(filters)] as const,
  detail: (owner: string, repo: string, runId: number) =>
    [...runKeys.all(owner, repo), "detail", runId] as const,
  jobs: (owner: string, repo: string, runId: number) =>
    [...runKeys.detail(owner, repo, runId), "jobs"] as const,
};

export const runQueries = {
  /** One page of runs; polls while any run on it is queued or in progress. */
  list: (client: GitHubClient, owner: string, repo: string, filters: RunFilters = {}) =>
    queryOptions({
      queryKey: runKeys.list(owner, repo, filters),
      queryFn: async (): Promise<RunsPage> =>
        (
          await client.request("GET /repos/{owner}/{repo}/actions/runs", {
            owner,
            repo,
            ...normalizeRunFilters(filters),
          } as ListRuns["parameters"])
        ).data,
      staleTime: 10_000,
      refetchInterval: liveRefetchInterval<RunsPage>((data) => data.workflow_runs),
    }),
};

/** How many runs the repository overview shows. */
export const LATEST_RUNS = 10;
