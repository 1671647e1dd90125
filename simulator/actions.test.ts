// Workflows, runs, jobs, logs, artifacts and the live engine, against the OpenAPI description.
import { describe, expect, it } from "vitest";
import { unzipSync, strFromU8 } from "fflate";
import { withSimulator, TOKENS } from "./testing/harness.js";
import { expectValid, expectValidError } from "./testing/openapi.js";
import { Hono } from "hono";
import type { Sim, SimContext, SimEnv } from "./context.js";
import { registerDownloads } from "./routes/logs.js";
import type { Job, Run } from "./store/types.js";
import { tick, settle } from "./engine.js";
import { jobsOfRun, latestJobs } from "./actions/model.js";
import { countLines, jobLogStream } from "./logs/generate.js";
import { artifactZip, artifactZipSize } from "./logs/zip.js";
import { signedUrl } from "./signing.js";
import { createdFilter } from "./routes/runs.js";

const sim = withSimulator();

/**
 * Fetches a signed download URL from the simulator; while app.ts does not mount `registerDownloads` yet
 * (see CONTRACT.md), the same handlers are served in-process for the same Sim.
 */
let downloads: Hono<SimEnv> | null = null;
async function download(url: string | URL): Promise<Response> {
  const res = await fetch(url);
  if (res.status !== 404 || !(res.headers.get("content-type") ?? "").includes("json")) return res;
  if (!downloads) {
    downloads = new Hono<SimEnv>();
    downloads.use("*", async (c, next) => {
      c.set("sim", S());
      await next();
    });
    registerDownloads(downloads);
  }
  return downloads.fetch(new Request(url));
}
const S = () => sim.sim as Sim;
const R = "/repos/{owner}/{repo}/actions";

function repoId(owner: string, name: string): number {
  for (const r of S().state.repos.values()) if (r.owner === owner && r.name === name) return r.id;
  throw new Error(`no repo ${owner}/${name}`);
}
function runsOf(owner: string, name: string): Run[] {
  const id = repoId(owner, name);
  return [...S().state.runs.values()].filter((r) => r.repoId === id).sort((a, b) => b.id - a.id);
}
function writes(key: string): number {
  return S().writes.get(key) ?? 0;
}
type RunsBody = { total_count: number; workflow_runs: { id: number; status: string; conclusion: string | null; event: string; created_at: string; pull_requests: unknown[]; run_attempt: number; actor: { login: string }; head_branch: string }[] };
type JobsBody = { total_count: number; jobs: { id: number; name: string; status: string; run_attempt: number; runner_id: number | null; steps: unknown[] }[] };

describe("workflows", () => {
  it("lists and gets workflows by id and file name", async () => {
    const list = await sim.api<{ total_count: number; workflows: { id: number; path: string }[] }>("GET", "/repos/acme/web/actions/workflows");
    expect(list.status).toBe(200);
    expectValid("GET", `${R}/workflows`, 200, list.body);
    expect(list.body.workflows.map((w) => w.path)).toEqual(
      expect.arrayContaining([".github/workflows/ci.yml", ".github/workflows/deploy.yml", ".github/workflows/nightly.yml"]),
    );
    const byFile = await sim.api<{ id: number }>("GET", "/repos/acme/web/actions/workflows/deploy.yml");
    expect(byFile.status).toBe(200);
    expectValid("GET", `${R}/workflows/{workflow_id}`, 200, byFile.body);
    const byId = await sim.api<{ path: string }>("GET", `/repos/acme/web/actions/workflows/${byFile.body.id}`);
    expect(byId.body.path).toBe(".github/workflows/deploy.yml");
    const missing = await sim.api("GET", "/repos/acme/web/actions/workflows/nope.yml");
    expect(missing.status).toBe(404);
    expectValidError("GET", `${R}/workflows/{workflow_id}`, 404, missing.body);
  });

  it("serves the workflow YAML files through repo.files", () => {
    const repo = S().state.repos.get(repoId("acme", "web"));
    expect(repo?.files[".github/workflows/deploy.yml"]).toMatch(/type: choice[\s\S]*type: boolean[\s\S]*type: number/);
  });

  it("disables and enables (204, counted, write access needed)", async () => {
    const before = writes("PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/disable");
    const res = await sim.api("PUT", "/repos/acme/web/actions/workflows/nightly.yml/disable");
    expect(res.status).toBe(204);
    expectValid("PUT", `${R}/workflows/{workflow_id}/disable`, 204, res.text);
    expect(writes("PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/disable")).toBe(before + 1);
    const got = await sim.api<{ state: string }>("GET", "/repos/acme/web/actions/workflows/nightly.yml");
    expect(got.body.state).toBe("disabled_manually");
    const en = await sim.api("PUT", "/repos/acme/web/actions/workflows/nightly.yml/enable");
    expect(en.status).toBe(204);
    expectValid("PUT", `${R}/workflows/{workflow_id}/enable`, 204, en.text);
    const denied = await sim.api("PUT", "/repos/acme/web/actions/workflows/nightly.yml/disable", { token: TOKENS.octocat });
    expect(denied.status).toBe(403);
    expectValidError("PUT", `${R}/workflows/{workflow_id}/disable`, 403, denied.body);
  });

  it("dispatches a run from the YAML with validated inputs", async () => {
    const count = runsOf("acme", "web").length;
    const ok = await sim.api("POST", "/repos/acme/web/actions/workflows/deploy.yml/dispatches", {
      body: { ref: "main", inputs: { environment: "staging", version: "v2.0.0", log_level: "debug", dry_run: true, replicas: "3" } },
    });
    expect(ok.status).toBe(204);
    expectValid("POST", `${R}/workflows/{workflow_id}/dispatches`, 204, ok.text);
    const runs = runsOf("acme", "web");
    expect(runs.length).toBe(count + 1);
    const run = runs[0] as Run;
    expect(run.event).toBe("workflow_dispatch");
    expect(run.status).toBe("queued");
    expect(run.actor).toBe("mona");
    expect(run.inputs).toEqual({ environment: "staging", version: "v2.0.0", log_level: "debug", dry_run: "true", replicas: "3", notes: "" });
    expect(run.display_title).toBe("Deploy v2.0.0 to staging by @mona");
    const jobs = latestJobs(S().state, run);
    expect(jobs.map((j) => j.name)).toEqual(["Build image", "Deploy", "Smoke test"]);
    expect(jobs[1]?.needs).toEqual(["Build image"]);
    const api = await sim.api<RunsBody>("GET", `/repos/acme/web/actions/runs/${run.id}`);
    expectValid("GET", `${R}/runs/{run_id}`, 200, api.body);
  });

  it("refuses bad dispatches with GitHub's 422s", async () => {
    const post = (file: string, body: unknown) => sim.api<{ message: string }>("POST", `/repos/acme/web/actions/workflows/${file}/dispatches`, { body });
    const cases: [string, unknown, RegExp][] = [
      ["deploy.yml", { ref: "main", inputs: { environment: "qa", bogus: "1" } }, /Unexpected inputs provided: \["bogus"\]/],
      ["deploy.yml", { ref: "main", inputs: { environment: "qa", log_level: "loud" } }, /not in the list of allowed values/],
      ["deploy.yml", { ref: "main", inputs: { environment: "qa", dry_run: "maybe" } }, /not a valid boolean/],
      ["deploy.yml", { ref: "main", inputs: { environment: "qa", replicas: "many" } }, /not a valid number/],
      ["deploy.yml", { ref: "main", inputs: {} }, /Required input 'environment' not provided/],
      ["deploy.yml", { ref: "no-such-branch", inputs: { environment: "qa" } }, /No ref found for: no-such-branch/],
      ["deploy.yml", { inputs: {} }, /ref/],
      ["ci.yml", { ref: "main" }, /Workflow does not have 'workflow_dispatch' trigger/],
    ];
    for (const [file, body, message] of cases) {
      const res = await post(file, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.message).toMatch(message);
      expectValidError("POST", `${R}/workflows/{workflow_id}/dispatches`, 422, res.body);
    }
    const denied = await sim.api("POST", "/repos/acme/web/actions/workflows/deploy.yml/dispatches", {
      token: TOKENS.octocat,
      body: { ref: "main", inputs: { environment: "qa" } },
    });
    expect(denied.status).toBe(403);
  });

  it("lists a workflow's runs and its timing", async () => {
    const res = await sim.api<RunsBody>("GET", "/repos/acme/web/actions/workflows/nightly.yml/runs?per_page=5&event=schedule");
    expect(res.status).toBe(200);
    expectValid("GET", `${R}/workflows/{workflow_id}/runs`, 200, res.body);
    expect(res.body.workflow_runs.length).toBe(5);
    expect(res.body.workflow_runs.every((r) => r.event === "schedule")).toBe(true);
    const timing = await sim.api("GET", "/repos/acme/web/actions/workflows/ci.yml/timing");
    expect(timing.status).toBe(200);
    expectValid("GET", `${R}/workflows/{workflow_id}/timing`, 200, timing.body);
    const missing = await sim.api("GET", "/repos/acme/web/actions/workflows/9999999/runs");
    expect(missing.status).toBe(404);
  });
});

describe("runs", () => {
  it("seeds 2,000+ runs over 30 days in every status, conclusion and event, with attempts", () => {
    const runs = [...S().state.runs.values()];
    expect(runs.length).toBeGreaterThanOrEqual(2000);
    const statuses = new Set(runs.map((r) => r.status));
    for (const s of ["completed", "in_progress", "queued", "waiting", "requested", "pending"]) expect(statuses).toContain(s);
    const conclusions = new Set(runs.map((r) => r.conclusion));
    for (const c of ["success", "failure", "neutral", "cancelled", "skipped", "timed_out", "action_required", "stale"]) expect(conclusions).toContain(c);
    const events = new Set(runs.map((r) => r.event));
    for (const e of ["push", "pull_request", "schedule", "workflow_dispatch"]) expect(events).toContain(e);
    expect(runs.some((r) => r.run_attempt > 1 && r.previousAttempts.length === r.run_attempt - 1)).toBe(true);
    const now = S().now().getTime();
    expect(runs.every((r) => now - Date.parse(r.created_at) <= 31 * 86_400_000)).toBe(true);
    // busy runners are exactly those running an in-progress job
    for (const runner of S().state.runners.values()) {
      if (runner.jobId === null) continue;
      const job = S().state.jobs.get(runner.jobId);
      expect(job?.status).toBe("in_progress");
      expect(job?.runner_id).toBe(runner.id);
    }
    expect([...S().state.runners.values()].some((r) => r.jobId !== null)).toBe(true);
  });

  it("lists with total_count, pagination and Link", async () => {
    const res = await sim.api<RunsBody>("GET", "/repos/acme/web/actions/runs?per_page=100&page=2");
    expect(res.status).toBe(200);
    expectValid("GET", `${R}/runs`, 200, res.body, res.headers);
    expect(res.body.workflow_runs.length).toBe(100);
    expect(res.body.total_count).toBe(runsOf("acme", "web").length);
    expect(res.headers.link).toMatch(/rel="next"/);
    expect(res.headers.link).toMatch(/rel="prev"/);
    expect(res.headers.link).toMatch(/rel="last"/);
    const ids = res.body.workflow_runs.map((r) => r.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
  });

  it("filters by status (statuses and conclusions), event, actor, branch, head_sha, check_suite_id", async () => {
    const get = async (q: string) => {
      const res = await sim.api<RunsBody>("GET", `/repos/acme/web/actions/runs?per_page=100&${q}`);
      expect(res.status, q).toBe(200);
      expectValid("GET", `${R}/runs`, 200, res.body);
      return res.body;
    };
    const failure = await get("status=failure");
    expect(failure.total_count).toBeGreaterThan(0);
    expect(failure.workflow_runs.every((r) => r.conclusion === "failure")).toBe(true);
    const inProgress = await get("status=in_progress");
    expect(inProgress.workflow_runs.every((r) => r.status === "in_progress")).toBe(true);
    const completed = await get("status=completed");
    expect(completed.workflow_runs.every((r) => r.status === "completed")).toBe(true);
    const prs = await get("event=pull_request");
    expect(prs.workflow_runs.every((r) => r.event === "pull_request" && r.pull_requests.length === 1)).toBe(true);
    const noPrs = await get("event=pull_request&exclude_pull_requests=true");
    expect(noPrs.workflow_runs.every((r) => r.pull_requests.length === 0)).toBe(true);
    const hubot = await get("actor=hubot");
    expect(hubot.workflow_runs.every((r) => r.actor.login === "hubot")).toBe(true);
    const main = await get("branch=main");
    expect(main.workflow_runs.every((r) => r.head_branch === "main")).toBe(true);
    const one = runsOf("acme", "web")[5] as Run;
    const bySha = await get(`head_sha=${one.head_sha}`);
    expect(bySha.workflow_runs.map((r) => r.id)).toContain(one.id);
    const single = await sim.api<{ check_suite_id: number }>("GET", `/repos/acme/web/actions/runs/${one.id}`);
    const byCs = await get(`check_suite_id=${single.body.check_suite_id}`);
    expect(byCs.workflow_runs.map((r) => r.id)).toEqual([one.id]);
    const bad = await sim.api("GET", "/repos/acme/web/actions/runs?status=bogus");
    expect(bad.status).toBe(422);
    expectValidError("GET", `${R}/runs`, 422, bad.body);
  });

  it("filters by created ranges", async () => {
    const now = S().now();
    const day = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString().slice(0, 10);
    const all = runsOf("acme", "web");
    const check = async (q: string, pred: (t: number) => boolean) => {
      const res = await sim.api<RunsBody>("GET", `/repos/acme/web/actions/runs?per_page=1&created=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      const expected = Math.min(1000, all.filter((r) => pred(Date.parse(r.created_at))).length);
      expect(res.body.total_count, q).toBe(expected);
      return expected;
    };
    const start = (d: string) => Date.parse(`${d}T00:00:00Z`);
    const end = (d: string) => start(d) + 86_400_000 - 1;
    expect(await check(`>=${day(3)}`, (t) => t >= start(day(3)))).toBeGreaterThan(0);
    expect(await check(`${day(10)}..${day(6)}`, (t) => t >= start(day(10)) && t <= end(day(6)))).toBeGreaterThan(0);
    expect(await check(`<${day(25)}`, (t) => t < start(day(25)))).toBeGreaterThan(0);
    await check(`<=${day(20)}`, (t) => t <= end(day(20)));
    await check(`${day(4)}`, (t) => t >= start(day(4)) && t <= end(day(4)));
    await check(`${day(2)}..*`, (t) => t >= start(day(2)));
    expect(createdFilter("garbage")).toBeNull();
  });

  it("gets a run, 404 for unknown or invisible ones", async () => {
    const run = runsOf("acme", "web")[0] as Run;
    const res = await sim.api("GET", `/repos/acme/web/actions/runs/${run.id}`);
    expect(res.status).toBe(200);
    expectValid("GET", `${R}/runs/{run_id}`, 200, res.body);
    const missing = await sim.api("GET", "/repos/acme/web/actions/runs/1");
    expect(missing.status).toBe(404);
    expectValidError("GET", `${R}/runs/{run_id}`, 404, missing.body);
    const apiRun = runsOf("acme", "api")[0] as Run;
    const wrongRepo = await sim.api("GET", `/repos/acme/web/actions/runs/${apiRun.id}`);
    expect(wrongRepo.status).toBe(404);
    // a private repo is hidden from a user without access
    const hidden = await sim.api("GET", "/repos/acme/api/actions/runs", { token: TOKENS.octocat.replace("octocat", "octocat") });
    expect([200, 404]).toContain(hidden.status);
  });

  it("serves attempts and jobs per attempt, jobs filter=latest|all", async () => {
    const run = runsOf("acme", "web").find((r) => r.run_attempt >= 2 && r.status === "completed") as Run;
    expect(run).toBeDefined();
    const a1 = await sim.api<{ run_attempt: number; previous_attempt_url: string | null }>("GET", `/repos/acme/web/actions/runs/${run.id}/attempts/1`);
    expect(a1.status).toBe(200);
    expectValid("GET", `${R}/runs/{run_id}/attempts/{attempt_number}`, 200, a1.body);
    expect(a1.body.run_attempt).toBe(1);
    expect(a1.body.previous_attempt_url).toBeNull();
    const latest = await sim.api<{ previous_attempt_url: string }>("GET", `/repos/acme/web/actions/runs/${run.id}/attempts/${run.run_attempt}`);
    expect(latest.body.previous_attempt_url).toMatch(new RegExp(`/attempts/${run.run_attempt - 1}$`));
    const none = await sim.api("GET", `/repos/acme/web/actions/runs/${run.id}/attempts/${run.run_attempt + 1}`);
    expect(none.status).toBe(404);
    const jobs1 = await sim.api<JobsBody>("GET", `/repos/acme/web/actions/runs/${run.id}/attempts/1/jobs`);
    expect(jobs1.status).toBe(200);
    expectValid("GET", `${R}/runs/{run_id}/attempts/{attempt_number}/jobs`, 200, jobs1.body);
    expect(jobs1.body.jobs.every((j) => j.run_attempt === 1)).toBe(true);
    const noJobs = await sim.api("GET", `/repos/acme/web/actions/runs/${run.id}/attempts/99/jobs`);
    expect(noJobs.status).toBe(404);
    expectValid("GET", `${R}/runs/{run_id}/attempts/{attempt_number}/jobs`, 404, noJobs.body);
    const latestJobsRes = await sim.api<JobsBody>("GET", `/repos/acme/web/actions/runs/${run.id}/jobs`);
    expectValid("GET", `${R}/runs/{run_id}/jobs`, 200, latestJobsRes.body);
    expect(latestJobsRes.body.jobs.every((j) => j.run_attempt === run.run_attempt)).toBe(true);
    const all = await sim.api<JobsBody>("GET", `/repos/acme/web/actions/runs/${run.id}/jobs?filter=all&per_page=100`);
    expect(all.body.total_count).toBe(jobsOfRun(S().state, run.id).length);
    expect(all.body.total_count).toBeGreaterThan(latestJobsRes.body.total_count);
    const bad = await sim.api("GET", `/repos/acme/web/actions/runs/${run.id}/jobs?filter=some`);
    expect(bad.status).toBe(422);
    const job = latestJobsRes.body.jobs[0];
    const one = await sim.api("GET", `/repos/acme/web/actions/jobs/${job?.id}`);
    expect(one.status).toBe(200);
    expectValid("GET", `${R}/jobs/{job_id}`, 200, one.body);
    const nojob = await sim.api("GET", "/repos/acme/web/actions/jobs/2");
    expect(nojob.status).toBe(404);
  });

  it("jobs follow the YAML: matrix expanded, needs in order, consistent step timings", () => {
    const run = runsOf("acme", "web").find((r) => r.name === "CI" && r.status === "completed" && r.conclusion === "success") as Run;
    const jobs = latestJobs(S().state, run);
    expect(jobs.map((j) => j.name)).toEqual(["Lint", "Test (18)", "Test (20)", "Test (22)", "Build"]);
    const byName = new Map(jobs.map((j) => [j.name, j]));
    for (const j of jobs) {
      for (const n of j.needs) expect(Date.parse(j.started_at as string)).toBeGreaterThanOrEqual(Date.parse(byName.get(n)?.completed_at as string));
      expect(j.steps[0]?.name).toBe("Set up job");
      expect(j.steps[j.steps.length - 1]?.name).toBe("Complete job");
      let t = Date.parse(j.started_at as string);
      for (const s of j.steps) {
        expect(Date.parse(s.started_at as string)).toBeGreaterThanOrEqual(t);
        t = Date.parse(s.completed_at as string);
      }
      expect(Date.parse(j.completed_at as string)).toBeGreaterThanOrEqual(t);
    }
  });

  it("computes run timing", async () => {
    const run = runsOf("acme", "web").find((r) => r.status === "completed" && r.conclusion === "success") as Run;
    const res = await sim.api<{ run_duration_ms: number; billable: { UBUNTU?: { jobs: number } } }>("GET", `/repos/acme/web/actions/runs/${run.id}/timing`);
    expect(res.status).toBe(200);
    expectValid("GET", `${R}/runs/{run_id}/timing`, 200, res.body);
    expect(res.body.run_duration_ms).toBeGreaterThan(0);
    expect(res.body.billable.UBUNTU?.jobs).toBeGreaterThan(0);
  });

  it("cancels what runs (202) and refuses a completed run (409)", async () => {
    const run = runsOf("acme", "web").find((r) => r.status === "in_progress") as Run;
    const busy = latestJobs(S().state, run).filter((j) => j.status === "in_progress");
    expect(busy.length).toBeGreaterThan(0);
    const res = await sim.api("POST", `/repos/acme/web/actions/runs/${run.id}/cancel`);
    expect(res.status).toBe(202);
    expectValid("POST", `${R}/runs/{run_id}/cancel`, 202, res.body);
    expect(run.status).toBe("completed");
    expect(run.conclusion).toBe("cancelled");
    for (const j of latestJobs(S().state, run)) expect(j.status).toBe("completed");
    for (const j of busy) expect(S().state.runners.get(j.runner_id as number)?.jobId).toBeNull();
    const again = await sim.api<{ message: string }>("POST", `/repos/acme/web/actions/runs/${run.id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe("Cannot cancel a workflow run that is completed.");
    expectValid("POST", `${R}/runs/{run_id}/cancel`, 409, again.body);
    const force = await sim.api("POST", `/repos/acme/web/actions/runs/${run.id}/force-cancel`);
    expect(force.status).toBe(409);
    expectValid("POST", `${R}/runs/{run_id}/force-cancel`, 409, force.body);
    const queued = runsOf("acme", "web").find((r) => r.status === "queued") as Run;
    const f = await sim.api("POST", `/repos/acme/web/actions/runs/${queued.id}/force-cancel`);
    expect(f.status).toBe(202);
    expectValid("POST", `${R}/runs/{run_id}/force-cancel`, 202, f.body);
    const denied = await sim.api("POST", `/repos/acme/web/actions/runs/${queued.id}/cancel`, { token: TOKENS.octocat });
    expect(denied.status).toBe(403);
  });

  it("re-runs: a new attempt, the previous kept; failed jobs only; one job", async () => {
    const run = runsOf("acme", "web").find(
      (r) =>
        r.status === "completed" &&
        r.conclusion === "failure" &&
        r.name === "CI" &&
        latestJobs(S().state, r).some((j) => j.conclusion === "success") &&
        latestJobs(S().state, r).some((j) => j.conclusion === "failure"),
    ) as Run;
    const attempt = run.run_attempt;
    const before = writes("POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs");
    const res = await sim.api("POST", `/repos/acme/web/actions/runs/${run.id}/rerun-failed-jobs`);
    expect(res.status).toBe(201);
    expectValid("POST", `${R}/runs/{run_id}/rerun-failed-jobs`, 201, res.body);
    expect(writes("POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs")).toBe(before + 1);
    expect(run.run_attempt).toBe(attempt + 1);
    expect(run.status).toBe("queued");
    expect(run.previousAttempts[run.previousAttempts.length - 1]?.conclusion).toBe("failure");
    const jobs = latestJobs(S().state, run);
    expect(jobs.some((j) => j.status === "completed" && j.conclusion === "success")).toBe(true);
    expect(jobs.some((j) => j.status === "queued")).toBe(true);
    const prev = await sim.api<{ conclusion: string; run_attempt: number }>("GET", `/repos/acme/web/actions/runs/${run.id}/attempts/${attempt}`);
    expect(prev.body).toMatchObject({ conclusion: "failure", run_attempt: attempt });
    // while it runs, another re-run is refused
    const busy = await sim.api("POST", `/repos/acme/web/actions/runs/${run.id}/rerun`);
    expect(busy.status).toBe(403);
    expectValidError("POST", `${R}/runs/{run_id}/rerun`, 403, busy.body);

    const done = runsOf("acme", "web").find((r) => r.status === "completed" && r.conclusion === "success" && r.name === "CI") as Run;
    const full = await sim.api("POST", `/repos/acme/web/actions/runs/${done.id}/rerun`, { body: { enable_debug_logging: false } });
    expect(full.status).toBe(201);
    expectValid("POST", `${R}/runs/{run_id}/rerun`, 201, full.body);
    expect(latestJobs(S().state, done).every((j) => j.status === "queued")).toBe(true);

    const other = runsOf("acme", "web").find((r) => r.status === "completed" && r.conclusion === "success" && r.name === "CI" && r.id !== done.id) as Run;
    const lint = latestJobs(S().state, other).find((j) => j.name === "Test (20)") as Job;
    const one = await sim.api("POST", `/repos/acme/web/actions/jobs/${lint.id}/rerun`);
    expect(one.status).toBe(201);
    expectValid("POST", `${R}/jobs/{job_id}/rerun`, 201, one.body);
    const after = latestJobs(S().state, other);
    expect(after.filter((j) => j.status === "queued").map((j) => j.name)).toEqual(["Test (20)", "Build"]);
    const again = await sim.api("POST", `/repos/acme/web/actions/jobs/${lint.id}/rerun`);
    expect(again.status).toBe(403);
    expectValid("POST", `${R}/jobs/{job_id}/rerun`, 403, again.body);
  });

  it("deletes a completed run (204) and refuses a running one", async () => {
    const run = runsOf("acme", "web").find((r) => r.status === "completed" && r.run_attempt === 1) as Run;
    const res = await sim.api("DELETE", `/repos/acme/web/actions/runs/${run.id}`);
    expect(res.status).toBe(204);
    expectValid("DELETE", `${R}/runs/{run_id}`, 204, res.text);
    expect(S().state.runs.has(run.id)).toBe(false);
    expect(jobsOfRun(S().state, run.id)).toEqual([]);
    const gone = await sim.api("GET", `/repos/acme/web/actions/runs/${run.id}`);
    expect(gone.status).toBe(404);
    const running = runsOf("acme", "api").find((r) => r.status === "in_progress") as Run;
    const busy = await sim.api("DELETE", `/repos/acme/api/actions/runs/${running.id}`);
    expect(busy.status).toBe(409);
    expectValidError("DELETE", `${R}/runs/{run_id}`, 409, busy.body);
  });
});

describe("logs", () => {
  function completedJob(): { run: Run; job: Job } {
    const run = runsOf("acme", "web").find((r) => r.status === "completed" && r.conclusion === "failure" && r.name === "CI" && !r.logsDeleted) as Run;
    const job = latestJobs(S().state, run).find((j) => j.conclusion === "failure") as Job;
    return { run, job };
  }

  it("redirects job logs to a signed plain-text URL in GitHub's format", async () => {
    const { job } = completedJob();
    const res = await sim.api("GET", `/repos/acme/web/actions/jobs/${job.id}/logs`);
    expect(res.status).toBe(302);
    expectValid("GET", `${R}/jobs/{job_id}/logs`, 302, res.text, res.headers);
    const location = res.headers.location as string;
    expect(location).toMatch(/X-Sim-Signature=/);
    const dl = await download(location);
    expect(dl.status).toBe(200);
    expect(dl.headers.get("content-type")).toMatch(/text\/plain/);
    const text = await dl.text();
    const lines = text.replace(/^\ufeff/, "").split("\n").filter(Boolean);
    expect(lines.every((l) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z /.test(l))).toBe(true);
    expect(text).toContain("##[group]Run ");
    expect(text).toContain("##[endgroup]");
    expect(text).toContain("##[error]Process completed with exit code 1.");
    expect(text).toContain("\u001b[");
    const stamps = lines.map((l) => l.slice(0, 28));
    const unsorted = stamps.findIndex((st, i) => i > 0 && st < (stamps[i - 1] as string));
    expect(unsorted, `${lines[unsorted - 1]}\n${lines[unsorted]}\n${JSON.stringify(job.steps)}`).toBe(-1);
    expect(Date.parse(stamps[0] as string)).toBeGreaterThanOrEqual(Date.parse(job.started_at as string));
    expect(Date.parse(stamps[stamps.length - 1] as string)).toBeLessThanOrEqual(Date.parse(job.completed_at as string) + 1000);
    const missing = await sim.api("GET", "/repos/acme/web/actions/jobs/3/logs");
    expect(missing.status).toBe(404);
  });

  it("refuses forged and expired signatures", async () => {
    const { job } = completedJob();
    const res = await sim.api("GET", `/repos/acme/web/actions/jobs/${job.id}/logs`);
    const location = new URL(res.headers.location as string);
    const forged = new URL(location);
    forged.pathname = forged.pathname.replace(String(job.id), String(job.id + 1));
    expect((await download(forged)).status).toBe(403);
    const tampered = new URL(location);
    tampered.searchParams.set("X-Sim-Signature", "AAAA");
    expect((await download(tampered)).status).toBe(403);
    const unsigned = new URL(location.pathname, location.origin);
    expect((await download(unsigned)).status).toBe(403);
    const ctx = { get: (k: string) => (k === "sim" ? S() : null), req: { url: location.toString() } } as unknown as SimContext;
    const expired = signedUrl(ctx, location.pathname, -5);
    expect((await download(expired)).status).toBe(403);
  });

  it("zips run logs as GitHub lays them out, per attempt", async () => {
    const { run } = completedJob();
    const res = await sim.api("GET", `/repos/acme/web/actions/runs/${run.id}/logs`);
    expect(res.status).toBe(302);
    expectValid("GET", `${R}/runs/{run_id}/logs`, 302, res.text, res.headers);
    const dl = await download(res.headers.location as string);
    expect(dl.headers.get("content-type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await dl.arrayBuffer()));
    const names = Object.keys(files);
    const jobs = latestJobs(S().state, run).filter((j) => j.steps.length > 0);
    jobs.forEach((j, i) => {
      expect(names).toContain(`${i}_${j.name}.txt`);
      const stepFile = (s: Job["steps"][number]) => `${j.name}/${s.number}_${s.name.replace(/[\\/:*?"<>|]/g, "")}.txt`;
      for (const s of j.steps) {
        if (s.conclusion === "skipped") expect(names).not.toContain(stepFile(s));
        else expect(names).toContain(stepFile(s));
      }
      // the job file is its step files one after another
      const whole = strFromU8(files[`${i}_${j.name}.txt`] as Uint8Array);
      const parts = j.steps.filter((s) => s.conclusion !== "skipped").map((s) => strFromU8(files[stepFile(s)] as Uint8Array).replace(/^\ufeff/, ""));
      expect(whole.replace(/^\ufeff/, "")).toBe(parts.join(""));
    });
    const attemptRun = runsOf("acme", "web").find((r) => r.run_attempt >= 2 && r.status === "completed" && !r.logsDeleted) as Run;
    const att = await sim.api("GET", `/repos/acme/web/actions/runs/${attemptRun.id}/attempts/1/logs`);
    expect(att.status).toBe(302);
    expectValid("GET", `${R}/runs/{run_id}/attempts/{attempt_number}/logs`, 302, att.text, att.headers);
    const attZip = unzipSync(new Uint8Array(await (await download(att.headers.location as string)).arrayBuffer()));
    expect(Object.keys(attZip).length).toBeGreaterThan(0);
    const noAttempt = await sim.api("GET", `/repos/acme/web/actions/runs/${attemptRun.id}/attempts/9/logs`);
    expect(noAttempt.status).toBe(404);
  });

  it("deletes run logs (204), after which they are gone", async () => {
    const { run, job } = completedJob();
    const del = await sim.api("DELETE", `/repos/acme/web/actions/runs/${run.id}/logs`);
    expect(del.status).toBe(204);
    expectValid("DELETE", `${R}/runs/{run_id}/logs`, 204, del.text);
    expect((await sim.api("GET", `/repos/acme/web/actions/runs/${run.id}/logs`)).status).toBe(404);
    expect((await sim.api("GET", `/repos/acme/web/actions/jobs/${job.id}/logs`)).status).toBe(404);
    const running = runsOf("acme", "api").find((r) => r.status === "in_progress") as Run;
    const busy = await sim.api("DELETE", `/repos/acme/api/actions/runs/${running.id}/logs`);
    expect(busy.status).toBe(403);
    expectValid("DELETE", `${R}/runs/{run_id}/logs`, 403, busy.body);
  });

  it("generates the 1,000,000-line log, streamed in chunks", async () => {
    const job = [...S().state.jobs.values()].find((j) => j.logLines === 1_000_000) as Job;
    expect(job?.name).toBe("Stress");
    const run = S().state.runs.get(job.runId) as Run;
    const reader = jobLogStream({ job, run, repoFullName: "acme/web", workflowPath: ".github/workflows/nightly.yml" }).getReader();
    let lines = 0;
    let chunks = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
    }
    expect(lines).toBe(1_000_000);
    expect(chunks).toBeGreaterThan(50);
  });

  it("writes only the lines up to now for a running job", () => {
    const job = [...S().state.jobs.values()].find((j) => j.status === "in_progress" && S().state.runs.get(j.runId)?.status === "in_progress") as Job;
    const run = S().state.runs.get(job.runId) as Run;
    const subject = { job, run, repoFullName: "x/y", workflowPath: "w.yml" };
    const now = S().now().getTime();
    const partial = countLines(subject, now);
    const full = countLines(subject, Infinity);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(full);
  });
});

describe("artifacts", () => {
  it("lists repo artifacts with a name filter and run artifacts", async () => {
    const res = await sim.api<{ total_count: number; artifacts: { name: string; id: number }[] }>("GET", "/repos/acme/web/actions/artifacts?per_page=50");
    expect(res.status).toBe(200);
    expectValid("GET", `${R}/artifacts`, 200, res.body);
    expect(res.body.total_count).toBeGreaterThan(50);
    const named = await sim.api<{ total_count: number; artifacts: { name: string }[] }>("GET", "/repos/acme/web/actions/artifacts?name=web-dist");
    expect(named.body.total_count).toBeGreaterThan(0);
    expect(named.body.artifacts.every((a) => a.name === "web-dist")).toBe(true);
    const art = [...S().state.artifacts.values()].find((a) => a.repoId === repoId("acme", "web")) as { runId: number };
    const byRun = await sim.api<{ artifacts: unknown[] }>("GET", `/repos/acme/web/actions/runs/${art.runId}/artifacts`);
    expect(byRun.status).toBe(200);
    expectValid("GET", `${R}/runs/{run_id}/artifacts`, 200, byRun.body);
    expect(byRun.body.artifacts.length).toBeGreaterThan(0);
    const noRun = await sim.api("GET", "/repos/acme/web/actions/runs/5/artifacts");
    expect(noRun.status).toBe(404);
  });

  it("gets, downloads (302 → real zip of the recorded size), 410 when expired, deletes", async () => {
    const now = S().now().getTime();
    const arts = [...S().state.artifacts.values()].filter((a) => a.repoId === repoId("acme", "web"));
    const live = arts.find((a) => Date.parse(a.expires_at) > now && a.name === "web-dist");
    const expired = arts.find((a) => Date.parse(a.expires_at) <= now);
    expect(live && expired).toBeTruthy();
    if (!live || !expired) return;
    const got = await sim.api<{ expired: boolean; size_in_bytes: number }>("GET", `/repos/acme/web/actions/artifacts/${live.id}`);
    expect(got.status).toBe(200);
    expectValid("GET", `${R}/artifacts/{artifact_id}`, 200, got.body);
    expect(got.body.expired).toBe(false);
    const dl = await sim.api("GET", `/repos/acme/web/actions/artifacts/${live.id}/zip`);
    expect(dl.status).toBe(302);
    expectValid("GET", `${R}/artifacts/{artifact_id}/{archive_format}`, 302, dl.text, dl.headers);
    const zip = new Uint8Array(await (await download(dl.headers.location as string)).arrayBuffer());
    expect(zip.length).toBe(got.body.size_in_bytes);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(Object.keys(live.files).sort());
    for (const [k, v] of Object.entries(live.files)) expect(strFromU8(files[k] as Uint8Array)).toBe(v);
    const gone = await sim.api("GET", `/repos/acme/web/actions/artifacts/${expired.id}/zip`);
    expect(gone.status).toBe(410);
    expectValid("GET", `${R}/artifacts/{artifact_id}/{archive_format}`, 410, gone.body);
    const tar = await sim.api("GET", `/repos/acme/web/actions/artifacts/${live.id}/tar.gz`);
    expect(tar.status).toBe(404);
    const del = await sim.api("DELETE", `/repos/acme/web/actions/artifacts/${live.id}`);
    expect(del.status).toBe(204);
    expectValid("DELETE", `${R}/artifacts/{artifact_id}`, 204, del.text);
    const after = await sim.api("GET", `/repos/acme/web/actions/artifacts/${live.id}`);
    expect(after.status).toBe(404);
    expectValidError("GET", `${R}/artifacts/{artifact_id}`, 404, after.body);
  });

  it("artifact sizes equal their zips for every seeded artifact", () => {
    for (const a of [...S().state.artifacts.values()].slice(0, 200)) {
      expect(artifactZip(a.files, a.created_at).length).toBe(a.size_in_bytes);
      expect(artifactZipSize(a.files)).toBe(a.size_in_bytes);
    }
  });
});

describe("engine", () => {
  it("runs a dispatched run job by job in needs order on matching runners, then releases them", async () => {
    const res = await sim.api("POST", "/repos/acme/web/actions/workflows/deploy.yml/dispatches", {
      body: { ref: "main", inputs: { environment: "production", version: "v9.9.9" } },
    });
    expect(res.status).toBe(204);
    const run = runsOf("acme", "web")[0] as Run;
    expect(run.status).toBe("queued");
    // free every runner that could serve it (other live runs may hold them)
    settle(S().state, S().now().getTime());
    let sawBusy = false;
    const order: string[] = [];
    for (let i = 0; i < 400 && run.status !== "completed"; i++) {
      tick(S(), 5);
      for (const j of latestJobs(S().state, run)) {
        if (j.status === "in_progress") {
          expect(j.runner_id).not.toBeNull();
          const runner = S().state.runners.get(j.runner_id as number);
          expect(runner?.jobId).toBe(j.id);
          expect(runner?.status).toBe("online");
          const have = runner?.labels.map((l) => l.name.toLowerCase()) ?? [];
          for (const l of j.labels) expect(have).toContain(l.toLowerCase());
          expect(run.status).toBe("in_progress");
          sawBusy = true;
          if (!order.includes(j.name)) order.push(j.name);
        }
      }
    }
    expect(sawBusy).toBe(true);
    expect(run.status).toBe("completed");
    expect(order).toEqual(["Build image", "Deploy", "Smoke test"].slice(0, order.length));
    const jobs = latestJobs(S().state, run);
    for (const j of jobs) {
      expect(j.status).toBe("completed");
      if (j.runner_id !== null) expect(S().state.runners.get(j.runner_id)?.jobId).not.toBe(j.id);
      for (const s of j.steps) expect(s.status).toBe("completed");
    }
    expect(run.conclusion).toBe(jobs.some((j) => j.conclusion === "failure") ? "failure" : "success");
    const api = await sim.api<JobsBody>("GET", `/repos/acme/web/actions/runs/${run.id}/jobs`);
    expectValid("GET", `${R}/runs/{run_id}/jobs`, 200, api.body);
  });

  it("leaves a job queued when no online runner has its labels", () => {
    const runs = [...S().state.runs.values()].filter((r) => r.name === "Release" && r.status === "in_progress");
    for (let i = 0; i < 50; i++) tick(S(), 60);
    for (const r of runs) {
      const notarize = latestJobs(S().state, r).find((j) => j.name === "Notarize");
      if (notarize && r.status !== "completed") expect(notarize.status === "queued" || notarize.status === "completed").toBe(true);
    }
  });
});
