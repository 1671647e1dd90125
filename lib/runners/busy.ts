/**
 * What a busy runner is doing: GitHub's runner objects only say `busy`, so the job is found among the
 * in-progress jobs of in-progress runs (`runner_id`, or `runner_name` when an older server leaves the id
 * out). For an org that means every repository's in-progress runs, fetched with bounded concurrency
 * through the ETag-revalidating client (an unchanged list is a free 304), stopping once every busy
 * runner is matched.
 */
import type { GitHubClient } from "@/lib/queries/client";
import { paginateAll } from "@/lib/queries/client";
import type { RunnerScope } from "./scope";
import { mapLimit } from "@/lib/map-limit";

export interface BusyJob {
  id: number;
  run_id: number;
  name: string;
  owner: string;
  repo: string;
  runner_id: number | null;
  runner_name: string | null;
  started_at: string | null;
  workflow_name?: string | null | undefined;
}

export interface JobLike {
  id: number;
  run_id: number;
  name: string;
  status: string;
  runner_id?: number | null | undefined;
  runner_name?: string | null | undefined;
  started_at?: string | null | undefined;
  workflow_name?: string | null | undefined;
}

/** The dashboard's log page of a job (GitHub's path). */
export function jobLogPath(job: Pick<BusyJob, "owner" | "repo" | "run_id" | "id">): string {
  return `/${encodeURIComponent(job.owner)}/${encodeURIComponent(job.repo)}/actions/runs/${job.run_id}/job/${job.id}`;
}

/** Matches busy runners to in-progress jobs: by runner id first, then by name (case-insensitive). */
export function matchBusyJobs(
  runners: readonly { id: number; name: string; busy: boolean }[],
  jobs: readonly BusyJob[],
): Map<number, BusyJob> {
  const byId = new Map<number, BusyJob>();
  const byName = new Map<string, BusyJob>();
  for (const j of jobs) {
    if (j.runner_id !== null) byId.set(j.runner_id, j);
    else if (j.runner_name) byName.set(j.runner_name.toLowerCase(), j);
  }
  const out = new Map<number, BusyJob>();
  for (const r of runners) {
    if (!r.busy) continue;
    const job = byId.get(r.id) ?? byName.get(r.name.toLowerCase());
    if (job) out.set(r.id, job);
  }
  return out;
}

// (kept here for its callers and tests: the one bounded map is lib/map-limit.ts)
export { mapLimit };

export function toBusyJob(j: JobLike, owner: string, repo: string): BusyJob {
  return {
    id: j.id,
    run_id: j.run_id,
    name: j.name,
    owner,
    repo,
    runner_id: j.runner_id ?? null,
    runner_name: j.runner_name ?? null,
    started_at: j.started_at ?? null,
    workflow_name: j.workflow_name,
  };
}

interface RepoLike {
  name: string;
  owner: { login: string };
  archived?: boolean | undefined;
}

type Req = (route: string, params: Record<string, unknown>) => Promise<{ data: unknown }>;

/**
 * The in-progress jobs that run on this scope's busy runners. `busy` lists the runners to account for;
 * nothing is fetched when it is empty.
 */
export async function findBusyJobs(
  client: GitHubClient,
  scope: RunnerScope,
  busy: readonly { id: number; name: string }[],
  concurrency = 4,
): Promise<BusyJob[]> {
  if (busy.length === 0) return [];
  const request = client.request as unknown as Req;
  let repos: { owner: string; repo: string }[];
  if (scope.kind === "repo") repos = [{ owner: scope.owner, repo: scope.repo }];
  else {
    const list = await paginateAll<RepoLike>(client, "GET /orgs/{org}/repos", { org: scope.org, type: "all" });
    repos = list.filter((r) => !r.archived).map((r) => ({ owner: r.owner.login, repo: r.name }));
  }
  const wanted = new Set(busy.map((b) => b.id));
  const wantedNames = new Set(busy.map((b) => b.name.toLowerCase()));
  const found: BusyJob[] = [];
  const matched = new Set<number>();
  const done = () => matched.size >= wanted.size;
  await mapLimit(
    repos,
    concurrency,
    async ({ owner, repo }) => {
      const runs = (await request("GET /repos/{owner}/{repo}/actions/runs", { owner, repo, status: "in_progress", per_page: 100 }))
        .data as { workflow_runs: { id: number }[] };
      for (const run of runs.workflow_runs) {
        if (done()) return;
        const jobs = (await request("GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs", {
          owner,
          repo,
          run_id: run.id,
          filter: "latest",
          per_page: 100,
        })).data as { jobs: JobLike[] };
        for (const j of jobs.jobs) {
          if (j.status !== "in_progress") continue;
          const byId = j.runner_id != null && wanted.has(j.runner_id);
          const byName = j.runner_id == null && j.runner_name != null && wantedNames.has(j.runner_name.toLowerCase());
          if (!byId && !byName) continue;
          found.push(toBusyJob(j, owner, repo));
          if (byId && j.runner_id != null) matched.add(j.runner_id);
          else {
            const r = busy.find((b) => b.name.toLowerCase() === j.runner_name?.toLowerCase());
            if (r) matched.add(r.id);
          }
        }
      }
    },
    done,
  );
  return found;
}
