// Workflow runs, attempts, jobs, cancel and re-run, run timing.
import type { Hono } from "hono";
import type { SimContext, SimEnv } from "../context.js";
import { countWrite, findRepo, requireScope } from "../http/access.js";
import { DOCS, GhError, invalid, notFound } from "../http/errors.js";
import { paginate } from "../http/pagination.js";
import { route } from "../http/route.js";
import { checkSuiteId, jobBody, runBody } from "../serialize/actions.js";
import type { Job, Repo, Run, RunStatus, State } from "../store/types.js";
import {
  carryJob,
  dependents,
  hash32,
  iso,
  jobsOfRun,
  latestJobs,
  newAttempt,
  newJob,
  plansForRun,
  releaseRunner,
} from "../actions/model.js";
import { cancelRun } from "../engine.js";

const RUN_STATUSES: RunStatus[] = ["queued", "in_progress", "completed", "waiting", "requested", "pending"];
const CONCLUSIONS = ["action_required", "cancelled", "failure", "neutral", "skipped", "stale", "success", "timed_out"];

/** Reads: the repository as `findRepo` sees it with read access. */
export function readRepo(c: SimContext, p: Record<string, string>): Repo {
  return findRepo(c, p.owner ?? "", p.repo ?? "", "read");
}

/** Writes: a token with `repo` (or `public_repo` for a public repository) and write access. */
export function writeRepo(c: SimContext, p: Record<string, string>): Repo {
  requireScope(c, "repo", "public_repo");
  const repo = findRepo(c, p.owner ?? "", p.repo ?? "", "write");
  const caller = c.get("caller");
  if (repo.visibility !== "public" && caller && !caller.token.scopes.includes("repo")) throw notFound();
  return repo;
}

export function intParam(v: string | undefined): number {
  if (!v || !/^\d+$/.test(v)) throw notFound();
  return Number(v);
}

export function findRun(c: SimContext, repo: Repo, id: string | undefined): Run {
  const run = c.get("sim").state.runs.get(intParam(id));
  if (!run || run.repoId !== repo.id) throw notFound();
  return run;
}

/** GitHub's search date syntax for `created`: `>=D`, `>D`, `<=D`, `<D`, `A..B` (with `*`), or one day/time. */
export function createdFilter(expr: string): ((t: number) => boolean) | null {
  const dateOnly = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
  const start = (s: string) => Date.parse(dateOnly(s) ? `${s}T00:00:00Z` : s);
  const end = (s: string) => (dateOnly(s) ? Date.parse(`${s}T00:00:00Z`) + 86_400_000 - 1 : Date.parse(s));
  const e = expr.trim();
  const ok = (...n: number[]) => n.every((x) => Number.isFinite(x));
  let m: RegExpExecArray | null;
  if ((m = /^(.+?)\.\.(.+)$/.exec(e))) {
    const a = m[1] as string;
    const b = m[2] as string;
    const lo = a === "*" ? -Infinity : start(a);
    const hi = b === "*" ? Infinity : end(b);
    if ((a !== "*" && !ok(lo)) || (b !== "*" && !ok(hi))) return null;
    return (t) => t >= lo && t <= hi;
  }
  if ((m = /^(>=|<=|>|<)(.+)$/.exec(e))) {
    const op = m[1];
    const d = (m[2] as string).trim();
    const s = start(d);
    const en = end(d);
    if (!ok(s, en)) return null;
    if (op === ">=") return (t) => t >= s;
    if (op === ">") return (t) => t > en;
    if (op === "<=") return (t) => t <= en;
    return (t) => t < s;
  }
  const s = start(e);
  const en = end(e);
  if (!ok(s, en)) return null;
  return (t) => t >= s && t <= en;
}

const SEARCH_PARAMS = ["actor", "branch", "check_suite_id", "created", "event", "head_sha", "status"];

/** Filters, sorts (newest first) and paginates runs; answers `{ total_count, workflow_runs }`. */
export function listRuns(c: SimContext, repo: Repo, runs: Run[]): Response {
  const q = new URL(c.req.url).searchParams;
  const status = q.get("status");
  if (status && !RUN_STATUSES.includes(status as RunStatus) && !CONCLUSIONS.includes(status)) {
    throw invalid("Invalid request.\n\nNo subschema in \"anyOf\" matched.\nstatus is not a valid value.", [
      { resource: "WorkflowRun", field: "status", code: "invalid" },
    ]);
  }
  const actor = q.get("actor")?.toLowerCase();
  const branch = q.get("branch");
  const event = q.get("event");
  const headSha = q.get("head_sha");
  const csRaw = q.get("check_suite_id");
  const createdRaw = q.get("created");
  const created = createdRaw ? createdFilter(createdRaw) : null;
  const excludePrs = q.get("exclude_pull_requests") === "true";
  let list = runs.filter((r) => {
    if (actor && r.actor.toLowerCase() !== actor) return false;
    if (branch && r.head_branch !== branch) return false;
    if (event && r.event !== event) return false;
    if (headSha && r.head_sha !== headSha) return false;
    if (csRaw && String(checkSuiteId(r)) !== csRaw) return false;
    if (status) {
      if (RUN_STATUSES.includes(status as RunStatus)) {
        if (r.status !== status) return false;
      } else if (r.conclusion !== status) return false;
    }
    if (createdRaw) {
      if (!created || !created(Date.parse(r.created_at))) return false;
    }
    return true;
  });
  list.sort((a, b) => b.id - a.id);
  // GitHub answers at most 1,000 results for a search with these parameters.
  if (SEARCH_PARAMS.some((p) => q.has(p))) list = list.slice(0, 1000);
  const page = paginate(c, list);
  return c.json({
    total_count: page.total,
    workflow_runs: page.items.map((r) => runBody(c, repo, r, { excludePullRequests: excludePrs })),
  });
}

function runsOfRepo(state: State, repo: Repo): Run[] {
  const out: Run[] = [];
  for (const r of state.runs.values()) if (r.repoId === repo.id) out.push(r);
  return out;
}

const notCompleted = (run: Run) => run.status !== "completed";

function jobsResponse(c: SimContext, repo: Repo, run: Run, jobs: Job[]): Response {
  const page = paginate(c, jobs);
  return c.json({ total_count: page.total, jobs: page.items.map((j) => jobBody(c, repo, run, j)) });
}

/** Re-runs the named jobs of a completed run (null: all) in a new attempt; the others are carried over. */
function rerun(c: SimContext, run: Run, which: Set<string> | null): void {
  const sim = c.get("sim");
  const state = sim.state;
  const caller = c.get("caller");
  const now = sim.now().getTime();
  const prev = latestJobs(state, run);
  newAttempt(run, caller?.user.login ?? run.actor, now);
  const plans = plansForRun(state, run, hash32(run.id, run.run_attempt)) ?? [];
  const planByName = new Map(plans.map((p) => [p.name, p]));
  const names = which ? dependents(prev, which) : null;
  const source = plans.length ? plans.map((p) => p.name) : prev.map((j) => j.name);
  for (const name of source) {
    const old = prev.find((j) => j.name === name);
    if (names && !names.has(name) && old) {
      carryJob(state, old, run.run_attempt);
      continue;
    }
    const plan = planByName.get(name);
    if (plan) newJob(state, run, plan, now);
    else if (old) {
      const copy = carryJob(state, old, run.run_attempt);
      Object.assign(copy, {
        status: "queued",
        conclusion: null,
        created_at: iso(now),
        started_at: null,
        completed_at: null,
        runner_id: null,
        runner_name: null,
        runner_group_id: null,
        runner_group_name: null,
      });
      copy.steps = copy.steps.map((s) => ({ ...s, status: "queued" as const, conclusion: null, started_at: null, completed_at: null }));
    }
  }
}

function alreadyRunning(): GhError {
  return new GhError(403, "This workflow is already running", { documentation_url: `${DOCS}/actions/workflow-runs#re-run-a-workflow` });
}

export function register(api: Hono<SimEnv>): void {
  route(api, "GET", "/repos/{owner}/{repo}/actions/runs", (c, p) => {
    const repo = readRepo(c, p);
    return listRuns(c, repo, runsOfRepo(c.get("sim").state, repo));
  });

  route(api, "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}", (c, p) => {
    const repo = readRepo(c, p);
    const run = findRun(c, repo, p.run_id);
    return c.json(runBody(c, repo, run, { excludePullRequests: c.req.query("exclude_pull_requests") === "true" }));
  });

  route(api, "DELETE", "/repos/{owner}/{repo}/actions/runs/{run_id}", (c, p) => {
    const repo = writeRepo(c, p);
    const run = findRun(c, repo, p.run_id);
    const state = c.get("sim").state;
    if (notCompleted(run)) {
      throw new GhError(409, "Cannot delete a workflow run that is not completed.", { documentation_url: `${DOCS}/actions/workflow-runs#delete-a-workflow-run` });
    }
    for (const j of jobsOfRun(state, run.id)) {
      releaseRunner(state, j);
      state.jobs.delete(j.id);
    }
    for (const a of [...state.artifacts.values()]) if (a.runId === run.id) state.artifacts.delete(a.id);
    state.runs.delete(run.id);
    countWrite(c);
    return c.body(null, 204);
  });

  route(api, "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}", (c, p) => {
    const repo = readRepo(c, p);
    const run = findRun(c, repo, p.run_id);
    const n = intParam(p.attempt_number);
    const exclude = c.req.query("exclude_pull_requests") === "true";
    if (n === run.run_attempt) return c.json(runBody(c, repo, run, { excludePullRequests: exclude }));
    const snap = run.previousAttempts.find((a) => a.run_attempt === n);
    if (!snap) throw notFound();
    return c.json(runBody(c, repo, run, { excludePullRequests: exclude, attempt: snap }));
  });

  route(api, "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs", (c, p) => {
    const repo = readRepo(c, p);
    const run = findRun(c, repo, p.run_id);
    const n = intParam(p.attempt_number);
    if (n < 1 || n > run.run_attempt) throw notFound();
    return jobsResponse(c, repo, run, jobsOfRun(c.get("sim").state, run.id, n));
  });

  route(api, "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/jobs", (c, p) => {
    const repo = readRepo(c, p);
    const run = findRun(c, repo, p.run_id);
    const filter = c.req.query("filter") ?? "latest";
    if (filter !== "latest" && filter !== "all") {
      throw invalid("Invalid request.\n\nfilter must be one of: latest, all.", [{ resource: "WorkflowJob", field: "filter", code: "invalid" }]);
    }
    const state = c.get("sim").state;
    return jobsResponse(c, repo, run, filter === "all" ? jobsOfRun(state, run.id) : latestJobs(state, run));
  });

  route(api, "GET", "/repos/{owner}/{repo}/actions/jobs/{job_id}", (c, p) => {
    const repo = readRepo(c, p);
    const state = c.get("sim").state;
    const job = state.jobs.get(intParam(p.job_id));
    const run = job ? state.runs.get(job.runId) : undefined;
    if (!job || !run || run.repoId !== repo.id) throw notFound();
    return c.json(jobBody(c, repo, run, job));
  });

  const cancel = (force: boolean) => (c: SimContext, p: Record<string, string>) => {
    const repo = writeRepo(c, p);
    const run = findRun(c, repo, p.run_id);
    if (run.status === "completed") {
      throw new GhError(409, "Cannot cancel a workflow run that is completed.", { documentation_url: `${DOCS}/actions/workflow-runs#${force ? "force-" : ""}cancel-a-workflow-run` });
    }
    cancelRun(c.get("sim").state, run, c.get("sim").now().getTime());
    countWrite(c);
    return c.json({}, 202);
  };
  route(api, "POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/cancel", cancel(false));
  route(api, "POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/force-cancel", cancel(true));

  route(api, "POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/rerun", (c, p) => {
    const repo = writeRepo(c, p);
    const run = findRun(c, repo, p.run_id);
    if (notCompleted(run)) throw alreadyRunning();
    rerun(c, run, null);
    countWrite(c);
    return c.json({}, 201);
  });

  route(api, "POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs", (c, p) => {
    const repo = writeRepo(c, p);
    const run = findRun(c, repo, p.run_id);
    if (notCompleted(run)) throw alreadyRunning();
    const failed = latestJobs(c.get("sim").state, run).filter((j) => ["failure", "cancelled", "timed_out"].includes(j.conclusion ?? ""));
    if (!failed.length) {
      throw new GhError(403, "This workflow run has no failed jobs to re-run.", { documentation_url: `${DOCS}/actions/workflow-runs#re-run-failed-jobs-from-a-workflow-run` });
    }
    rerun(c, run, new Set(failed.map((j) => j.name)));
    countWrite(c);
    return c.json({}, 201);
  });

  route(api, "POST", "/repos/{owner}/{repo}/actions/jobs/{job_id}/rerun", (c, p) => {
    const repo = writeRepo(c, p);
    const state = c.get("sim").state;
    const job = state.jobs.get(intParam(p.job_id));
    const run = job ? state.runs.get(job.runId) : undefined;
    if (!job || !run || run.repoId !== repo.id) throw notFound();
    if (notCompleted(run)) throw alreadyRunning();
    if (job.run_attempt !== run.run_attempt) {
      throw new GhError(403, "Only jobs of the latest attempt can be re-run.", { documentation_url: `${DOCS}/actions/workflow-jobs#re-run-a-job-from-a-workflow-run` });
    }
    rerun(c, run, new Set([job.name]));
    countWrite(c);
    return c.json({}, 201);
  });

  route(api, "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/timing", (c, p) => {
    const repo = readRepo(c, p);
    const run = findRun(c, repo, p.run_id);
    const state = c.get("sim").state;
    const now = c.get("sim").now().getTime();
    const billable: Record<string, { total_ms: number; jobs: number; job_runs: { job_id: number; duration_ms: number }[] }> = {};
    for (const j of jobsOfRun(state, run.id)) {
      if (!j.started_at || j.steps.length === 0) continue;
      const os = osOf(j.labels);
      const end = j.completed_at ? Date.parse(j.completed_at) : now;
      const d = Math.max(0, end - Date.parse(j.started_at));
      const b = (billable[os] ??= { total_ms: 0, jobs: 0, job_runs: [] });
      b.total_ms += d;
      b.jobs += 1;
      b.job_runs.push({ job_id: j.id, duration_ms: d });
    }
    const start = Date.parse(run.run_started_at);
    const end = run.status === "completed" ? Date.parse(run.updated_at) : now;
    return c.json({ billable, run_duration_ms: Math.max(0, end - start) });
  });
}

/** The billing bucket of a job, from its runner labels. */
export function osOf(labels: string[]): "UBUNTU" | "WINDOWS" | "MACOS" {
  const l = labels.map((x) => x.toLowerCase());
  if (l.some((x) => x.includes("windows"))) return "WINDOWS";
  if (l.some((x) => x.includes("mac"))) return "MACOS";
  return "UBUNTU";
}
