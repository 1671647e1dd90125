import { queryOptions } from "@tanstack/react-query";
import type { Endpoints } from "@octokit/types";
import type { GitHubClient } from "./client";
import { paginateAll } from "./client";
import { paginateCounted } from "./paginate-counted";
import { findBusyJobs, type BusyJob } from "@/lib/runners/busy";
import type { RunnerDownload } from "@/lib/runners/commands";
import { apiParams, apiPrefix, scopeKey, type RunnerScope } from "@/lib/runners/scope";

export type Runner = Endpoints["GET /orgs/{org}/actions/runners"]["response"]["data"]["runners"][number];
export type RunnerGroup = Endpoints["GET /orgs/{org}/actions/runner-groups"]["response"]["data"]["runner_groups"][number];
export type OrgRepo = Endpoints["GET /orgs/{org}/repos"]["response"]["data"][number];
export type GroupRepo = Endpoints["GET /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories"]["response"]["data"]["repositories"][number];

type Req = (route: string, params: Record<string, unknown>) => Promise<{ data: unknown }>;

/** A request on the scope's API prefix: `scopedRequest(client, scope, "GET", "/actions/runners")`. */
export async function scopedRequest<T>(
  client: GitHubClient,
  scope: RunnerScope,
  method: string,
  suffix: string,
  params: Record<string, unknown> = {},
): Promise<T> {
  const request = client.request as unknown as Req;
  return (await request(`${method} ${apiPrefix(scope)}${suffix}`, { ...apiParams(scope), ...params })).data as T;
}

export const RUNNERS_POLL_MS = 5_000;

export const runnerKeys = {
  all: (scope: RunnerScope) => ["runners", ...scopeKey(scope)] as const,
  list: (scope: RunnerScope) => [...runnerKeys.all(scope), "list"] as const,
  detail: (scope: RunnerScope, id: number) => [...runnerKeys.all(scope), "detail", id] as const,
  busyJobs: (scope: RunnerScope, ids: readonly number[]) => [...runnerKeys.all(scope), "busy-jobs", ids.join(",")] as const,
  downloads: (scope: RunnerScope) => [...runnerKeys.all(scope), "downloads"] as const,
};

export const groupKeys = {
  all: (org: string) => ["runner-groups", org] as const,
  list: (org: string) => [...groupKeys.all(org), "list"] as const,
  detail: (org: string, id: number) => [...groupKeys.all(org), "detail", id] as const,
  repos: (org: string, id: number) => [...groupKeys.detail(org, id), "repos"] as const,
  runners: (org: string, id: number) => [...groupKeys.detail(org, id), "runners"] as const,
  orgRepos: (org: string) => ["orgs", org, "repos", "all"] as const,
};

export const runnerQueries = {
  /**
   * Every runner of the scope: page 1, then the other pages its total_count calls for in parallel; polls while the
   * page is open (ETags: unchanged pages are 304s).
   */
  list: (client: GitHubClient, scope: RunnerScope) =>
    queryOptions({
      queryKey: runnerKeys.list(scope),
      queryFn: async (): Promise<Runner[]> =>
        paginateCounted<Runner>(client, `GET ${apiPrefix(scope)}/actions/runners`, apiParams(scope), "runners"),
      staleTime: 4_000,
      refetchInterval: (query) => (query.state.status === "error" ? false : RUNNERS_POLL_MS),
    }),
  detail: (client: GitHubClient, scope: RunnerScope, id: number) =>
    queryOptions({
      queryKey: runnerKeys.detail(scope, id),
      queryFn: async (): Promise<Runner> => scopedRequest<Runner>(client, scope, "GET", "/actions/runners/{runner_id}", { runner_id: id }),
      staleTime: 4_000,
      refetchInterval: (query) => (query.state.status === "error" ? false : RUNNERS_POLL_MS),
    }),
  busyJobs: (client: GitHubClient, scope: RunnerScope, busy: readonly { id: number; name: string }[]) =>
    queryOptions({
      queryKey: runnerKeys.busyJobs(scope, busy.map((b) => b.id).sort((a, b) => a - b)),
      queryFn: async (): Promise<BusyJob[]> => findBusyJobs(client, scope, busy),
      staleTime: 8_000,
      refetchInterval: (query) => (query.state.status === "error" || busy.length === 0 ? false : 10_000),
    }),
  downloads: (client: GitHubClient, scope: RunnerScope) =>
    queryOptions({
      queryKey: runnerKeys.downloads(scope),
      queryFn: async (): Promise<RunnerDownload[]> => scopedRequest<RunnerDownload[]>(client, scope, "GET", "/actions/runners/downloads"),
      staleTime: 60 * 60_000,
    }),
};

export const groupQueries = {
  list: (client: GitHubClient, org: string) =>
    queryOptions({
      queryKey: groupKeys.list(org),
      queryFn: async (): Promise<RunnerGroup[]> =>
        paginateAll<RunnerGroup>(client, "GET /orgs/{org}/actions/runner-groups", { org }, "runner_groups"),
      staleTime: 30_000,
    }),
  detail: (client: GitHubClient, org: string, id: number) =>
    queryOptions({
      queryKey: groupKeys.detail(org, id),
      queryFn: async (): Promise<RunnerGroup> =>
        (await client.request("GET /orgs/{org}/actions/runner-groups/{runner_group_id}", { org, runner_group_id: id })).data,
      staleTime: 30_000,
    }),
  repos: (client: GitHubClient, org: string, id: number) =>
    queryOptions({
      queryKey: groupKeys.repos(org, id),
      queryFn: async (): Promise<GroupRepo[]> =>
        paginateAll<GroupRepo>(client, "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories", { org, runner_group_id: id }, "repositories"),
      staleTime: 30_000,
    }),
  runners: (client: GitHubClient, org: string, id: number) =>
    queryOptions({
      queryKey: groupKeys.runners(org, id),
      queryFn: async (): Promise<Runner[]> =>
        paginateAll<Runner>(client, "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/runners", { org, runner_group_id: id }, "runners"),
      staleTime: 30_000,
    }),
  orgRepos: (client: GitHubClient, org: string) =>
    queryOptions({
      queryKey: groupKeys.orgRepos(org),
      queryFn: async (): Promise<OrgRepo[]> => paginateAll<OrgRepo>(client, "GET /orgs/{org}/repos", { org, type: "all" }),
      staleTime: 5 * 60_000,
    }),
};
