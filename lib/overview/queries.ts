/**
 * Query factories of the org overview. Keys, general → specific:
 *   ["overview", org] → "repos"
 *                     → "live" → "runs" repo | "jobs" repo run attempt | "runners" | "groups" | "group-repos" id | "repo-runners" repo
 *                     → "failures" createdQuery repo
 *                     → "secrets" → "org" | "org-repos" name | "repo" repo
 * A poll refetches one branch ("live" every few seconds, "failures" every few minutes); nothing here refetches by
 * itself (staleTime Infinity, no focus refetch), so what a poll costs is exactly one request per query, a 304 when
 * nothing changed. Per-repository GitHub objects are reduced to small view models as they arrive.
 */
import { queryOptions } from "@tanstack/react-query";
import type { Endpoints } from "@octokit/types";
import { paginateAll, type GitHubClient } from "@/lib/queries/client";
import type { FailedRun } from "./failures";
import { activeOf, isComplete, RUNS_PAGE_SIZE, type RunsSnapshot } from "./runs-page";
import type { Visibility } from "./stuck";

type ApiRun = Endpoints["GET /repos/{owner}/{repo}/actions/runs"]["response"]["data"]["workflow_runs"][number];
type ApiJob = Endpoints["GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs"]["response"]["data"]["jobs"][number];
type ApiRepo = Endpoints["GET /orgs/{org}/repos"]["response"]["data"][number];
type ApiRunner = Endpoints["GET /orgs/{org}/actions/runners"]["response"]["data"]["runners"][number];
type ApiGroup = Endpoints["GET /orgs/{org}/actions/runner-groups"]["response"]["data"]["runner_groups"][number];
type ApiOrgSecret = Endpoints["GET /orgs/{org}/actions/secrets"]["response"]["data"]["secrets"][number];

export interface OverviewRepo {
  name: string;
  fullName: string;
  visibility: Visibility;
  archived: boolean;
}

export interface RunView {
  id: number;
  repo: string;
  workflowId: number;
  workflowName: string;
  path: string;
  title: string;
  runNumber: number;
  runAttempt: number;
  status: string;
  conclusion: string | null;
  branch: string | null;
  headSha: string;
  event: string;
  actor: string | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
}

export interface JobView {
  id: number;
  runId: number;
  name: string;
  status: string;
  labels: string[];
  createdAt: string;
  startedAt: string | null;
  runnerName: string | null;
}

export interface RunnerView {
  id: number;
  name: string;
  status: string;
  busy: boolean;
  labels: string[];
  groupId: number | null;
  repo: string | null;
}

export interface GroupView {
  id: number;
  name: string;
  visibility: string;
  default: boolean;
  inherited: boolean;
  allowsPublicRepositories: boolean;
  restrictedToWorkflows: boolean;
  selectedWorkflows: string[];
}

export type ActiveRuns = RunsSnapshot;

export const overviewKeys = {
  all: (org: string) => ["overview", org] as const,
  repos: (org: string) => [...overviewKeys.all(org), "repos"] as const,
  live: (org: string) => [...overviewKeys.all(org), "live"] as const,
  active: (org: string, repo: string) => [...overviewKeys.live(org), "runs", repo] as const,
  jobs: (org: string, repo: string, runId: number, attempt: number) => [...overviewKeys.live(org), "jobs", repo, runId, attempt] as const,
  runners: (org: string) => [...overviewKeys.live(org), "runners"] as const,
  groups: (org: string) => [...overviewKeys.live(org), "groups"] as const,
  groupRepos: (org: string, id: number) => [...overviewKeys.live(org), "group-repos", id] as const,
  repoRunners: (org: string, repo: string) => [...overviewKeys.live(org), "repo-runners", repo] as const,
  failuresAll: (org: string) => [...overviewKeys.all(org), "failures"] as const,
  failures: (org: string, created: string, repo: string) => [...overviewKeys.failuresAll(org), created, repo] as const,
  secrets: (org: string) => [...overviewKeys.all(org), "secrets"] as const,
  orgSecrets: (org: string) => [...overviewKeys.secrets(org), "org"] as const,
  orgSecretRepos: (org: string, name: string) => [...overviewKeys.secrets(org), "org-repos", name] as const,
  repoSecrets: (org: string, repo: string) => [...overviewKeys.secrets(org), "repo", repo] as const,
};

function split(fullName: string): { owner: string; repo: string } {
  const i = fullName.indexOf("/");
  return { owner: fullName.slice(0, i), repo: fullName.slice(i + 1) };
}

export function toRunView(run: ApiRun, repo: string): RunView {
  return {
    id: Number(run.id),
    repo,
    workflowId: run.workflow_id,
    workflowName: run.name ?? run.path ?? `Workflow ${run.workflow_id}`,
    path: run.path ?? "",
    title: run.display_title || run.name || `Run ${run.id}`,
    runNumber: run.run_number,
    runAttempt: run.run_attempt ?? 1,
    status: run.status ?? "",
    conclusion: run.conclusion ?? null,
    branch: run.head_branch ?? null,
    headSha: run.head_sha,
    event: run.event,
    actor: run.actor?.login ?? null,
    createdAt: run.created_at,
    updatedAt: run.updated_at,
    startedAt: run.run_started_at ?? null,
  };
}

export function toFailedRun(run: RunView): FailedRun {
  return {
    id: run.id,
    repo: run.repo,
    workflowId: run.workflowId,
    workflowName: run.workflowName,
    title: run.title,
    runNumber: run.runNumber,
    runAttempt: run.runAttempt,
    branch: run.branch,
    event: run.event,
    actor: run.actor,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
  };
}

function toJobView(job: ApiJob): JobView {
  return {
    id: Number(job.id),
    runId: Number(job.run_id),
    name: job.name,
    status: job.status,
    labels: job.labels,
    createdAt: job.created_at,
    startedAt: job.started_at ?? null,
    runnerName: job.runner_name ?? null,
  };
}

function toRunnerView(runner: ApiRunner, repo: string | null): RunnerView {
  const groupId = (runner as ApiRunner & { runner_group_id?: number }).runner_group_id;
  return {
    id: runner.id,
    name: runner.name,
    status: runner.status,
    busy: runner.busy,
    labels: runner.labels.map((l) => l.name),
    groupId: typeof groupId === "number" ? groupId : null,
    repo,
  };
}

function toVisibility(repo: Pick<ApiRepo, "visibility" | "private">): Visibility {
  if (repo.visibility === "public" || repo.visibility === "private" || repo.visibility === "internal") return repo.visibility;
  return repo.private ? "private" : "public";
}

async function runsWithStatus(client: GitHubClient, fullName: string, params: Record<string, string>): Promise<RunView[]> {
  const { owner, repo } = split(fullName);
  const runs = await paginateAll<ApiRun>(client, "GET /repos/{owner}/{repo}/actions/runs", { owner, repo, ...params }, "workflow_runs");
  return runs.map((r) => toRunView(r, fullName));
}

const manual = { staleTime: Infinity, refetchOnWindowFocus: false, refetchOnReconnect: false } as const;

export const overviewQueries = {
  /** Every repository of the org (prefetched on the server). */
  repos: (client: GitHubClient, org: string) =>
    queryOptions({
      queryKey: overviewKeys.repos(org),
      queryFn: async (): Promise<OverviewRepo[]> => {
        const repos = await paginateAll<ApiRepo>(client, "GET /orgs/{org}/repos", { org, type: "all", sort: "full_name" });
        return repos
          .map((r) => ({ name: r.name, fullName: r.full_name, visibility: toVisibility(r), archived: r.archived ?? false }))
          .sort((a, b) => a.fullName.localeCompare(b.fullName));
      },
      staleTime: 5 * 60_000,
      refetchOnWindowFocus: false,
    }),
  /**
   * Queued and in-progress runs of one repository, and its newest runs: the first page of its runs (one request);
   * only when that page is not the whole history, the queued and in-progress lists as well (lib/overview/runs-page).
   */
  active: (client: GitHubClient, org: string, repo: string) =>
    queryOptions({
      queryKey: overviewKeys.active(org, repo),
      queryFn: async (): Promise<ActiveRuns> => {
        const { owner, repo: name } = split(repo);
        const first = await client.request("GET /repos/{owner}/{repo}/actions/runs", { owner, repo: name, per_page: RUNS_PAGE_SIZE });
        const { data } = first;
        const recent = data.workflow_runs.map((r) => toRunView(r, repo));
        if (isComplete(recent.length, data.total_count)) return { ...activeOf(recent), recent, complete: true };
        const [queued, inProgress] = await Promise.all([
          runsWithStatus(client, repo, { status: "queued" }),
          runsWithStatus(client, repo, { status: "in_progress" }),
        ]);
        return { queued, inProgress, recent, complete: false };
      },
      ...manual,
    }),
  /** The latest attempt's jobs of an active run (their labels and status). */
  jobs: (client: GitHubClient, org: string, repo: string, runId: number, attempt: number) =>
    queryOptions({
      queryKey: overviewKeys.jobs(org, repo, runId, attempt),
      queryFn: async (): Promise<JobView[]> => {
        const { owner, repo: name } = split(repo);
        const jobs = await paginateAll<ApiJob>(
          client,
          "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs",
          { owner, repo: name, run_id: runId, filter: "latest" },
          "jobs",
        );
        return jobs.map(toJobView);
      },
      ...manual,
    }),
  runners: (client: GitHubClient, org: string) =>
    queryOptions({
      queryKey: overviewKeys.runners(org),
      queryFn: async (): Promise<RunnerView[]> =>
        (await paginateAll<ApiRunner>(client, "GET /orgs/{org}/actions/runners", { org }, "runners")).map((r) => toRunnerView(r, null)),
      ...manual,
    }),
  groups: (client: GitHubClient, org: string) =>
    queryOptions({
      queryKey: overviewKeys.groups(org),
      queryFn: async (): Promise<GroupView[]> =>
        (await paginateAll<ApiGroup>(client, "GET /orgs/{org}/actions/runner-groups", { org }, "runner_groups")).map((g) => ({
          id: g.id,
          name: g.name,
          visibility: g.visibility,
          default: g.default,
          inherited: g.inherited,
          allowsPublicRepositories: g.allows_public_repositories ?? true,
          restrictedToWorkflows: g.restricted_to_workflows ?? false,
          selectedWorkflows: g.selected_workflows ?? [],
        })),
      ...manual,
    }),
  /** Full names of the repositories a "selected" group admits. */
  groupRepos: (client: GitHubClient, org: string, id: number) =>
    queryOptions({
      queryKey: overviewKeys.groupRepos(org, id),
      queryFn: async (): Promise<string[]> =>
        (
          await paginateAll<{ full_name: string }>(
            client,
            "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories",
            { org, runner_group_id: id },
            "repositories",
          )
        ).map((r) => r.full_name),
      ...manual,
    }),
  /** A repository's own runners (only asked for repositories with queued jobs). */
  repoRunners: (client: GitHubClient, org: string, repo: string) =>
    queryOptions({
      queryKey: overviewKeys.repoRunners(org, repo),
      queryFn: async (): Promise<RunnerView[]> => {
        const { owner, repo: name } = split(repo);
        return (await paginateAll<ApiRunner>(client, "GET /repos/{owner}/{repo}/actions/runners", { owner, repo: name }, "runners")).map(
          (r) => toRunnerView(r, repo),
        );
      },
      ...manual,
    }),
  /** Failed runs of one repository created in the range (`created` as parseFailureRange gives it). */
  failures: (client: GitHubClient, org: string, created: string, repo: string) =>
    queryOptions({
      queryKey: overviewKeys.failures(org, created, repo),
      queryFn: async (): Promise<RunView[]> => runsWithStatus(client, repo, { status: "failure", created }),
      ...manual,
    }),
  orgSecrets: (client: GitHubClient, org: string) =>
    queryOptions({
      queryKey: overviewKeys.orgSecrets(org),
      queryFn: async (): Promise<ApiOrgSecret[]> => paginateAll<ApiOrgSecret>(client, "GET /orgs/{org}/actions/secrets", { org }, "secrets"),
      ...manual,
    }),
  orgSecretRepos: (client: GitHubClient, org: string, name: string) =>
    queryOptions({
      queryKey: overviewKeys.orgSecretRepos(org, name),
      queryFn: async (): Promise<string[]> =>
        (
          await paginateAll<{ full_name: string }>(
            client,
            "GET /orgs/{org}/actions/secrets/{secret_name}/repositories",
            { org, secret_name: name },
            "repositories",
          )
        ).map((r) => r.full_name),
      ...manual,
    }),
  /** Names of a repository's secrets. */
  repoSecrets: (client: GitHubClient, org: string, repo: string) =>
    queryOptions({
      queryKey: overviewKeys.repoSecrets(org, repo),
      queryFn: async (): Promise<string[]> => {
        const { owner, repo: name } = split(repo);
        return (await paginateAll<{ name: string }>(client, "GET /repos/{owner}/{repo}/actions/secrets", { owner, repo: name }, "secrets")).map(
          (s) => s.name,
        );
      },
      ...manual,
    }),
};
