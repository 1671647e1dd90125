import { queryOptions } from "@tanstack/react-query";
import type { Endpoints } from "@octokit/types";
import type { GitHubClient } from "./client";
import { liveRefetchInterval } from "./polling";
import { runKeys } from "./runs";

type GetJob = Endpoints["GET /repos/{owner}/{repo}/actions/jobs/{job_id}"];
export type WorkflowJob = GetJob["response"]["data"];
type ListJobs = Endpoints["GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs"];
export type RunJobsPage = ListJobs["response"]["data"];

export const jobKeys = {
  detail: (owner: string, repo: string, runId: number, jobId: number) =>
    [...runKeys.detail(owner, repo, runId), "job", jobId] as const,
  /** Every job of a run's latest attempt (filter=latest), all pages. */
  ofRun: (owner: string, repo: string, runId: number) => [...runKeys.detail(owner, repo, runId), "jobs", "all"] as const,
};

/** Polls every 3 s while the job is queued or running (its steps progress on screen). */
export const JOB_POLL_MS = 3_000;

export const jobQueries = {
  detail: (client: GitHubClient, owner: string, repo: string, runId: number, jobId: number) =>
    queryOptions({
      queryKey: jobKeys.detail(owner, repo, runId, jobId),
      queryFn: async (): Promise<WorkflowJob> =>
        (await client.request("GET /repos/{owner}/{repo}/actions/jobs/{job_id}", { owner, repo, job_id: jobId })).data,
      staleTime: 2_000,
      refetchInterval: liveRefetchInterval<WorkflowJob>((job) => [job], JOB_POLL_MS),
    }),
  ofRun: (client: GitHubClient, owner: string, repo: string, runId: number) =>
    queryOptions({
      queryKey: jobKeys.ofRun(owner, repo, runId),
      queryFn: async (): Promise<ListJobs["response"]["data"]["jobs"]> => {
        const jobs: ListJobs["response"]["data"]["jobs"] = [];
        for (let page = 1; page <= 20; page++) {
          const data = (
            await client.request("GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs", {
              owner,
              repo,
              run_id: runId,
              per_page: 100,
              page,
            })
          ).data;
          jobs.push(...data.jobs);
          if (data.jobs.length < 100 || jobs.length >= data.total_count) break;
        }
        return jobs;
      },
      staleTime: 10_000,
    }),
};
