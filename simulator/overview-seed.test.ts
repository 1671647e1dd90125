import { describe, expect, it } from "vitest";
import { createSim } from "./app.js";
import { tick } from "./engine.js";
import { plannedFailure } from "./actions/model.js";
import type { Sim } from "./context.js";
import type { State } from "./store/types.js";
import { withSimulator } from "./testing/harness.js";
import { seedBigOrg } from "./store/seed-bigorg.js";

type RunsPage = { total_count: number; workflow_runs: { id: number; status: string; conclusion: string | null }[] };
/** The big org's hour-long builds (their build step takes 3600 s). */
const hourLongJobs = (state: State) => [...state.jobs.values()].filter((j) => j.status === "in_progress" && j.steps.some((st) => st.seconds === 3600));

type JobsPage = { jobs: { id: number; status: string; labels: string[]; runner_name: string | null }[] };

describe("bigOrg seed option", () => {
  it("is off by default", async () => {
    const sim = await createSim({ engine: false });
    expect([...sim.state.orgs.keys()].sort()).toEqual(["acme", "globex"]);
    sim.stop();
  });

  // the clock frozen: only tick() moves it, so what settles does not depend on how long the machine took to get here
  const sim = withSimulator({ bigOrg: { name: "initech", repos: 60 }, clockSpeed: 0 });

  it("adds an org with N repositories, each with a workflow and three completed runs", async () => {
    const repos = await sim.api<{ name: string; archived: boolean; visibility: string }[]>("GET", "/orgs/initech/repos?per_page=100");
    expect(repos.status).toBe(200);
    expect(repos.body).toHaveLength(60);
    expect(repos.body.filter((r) => r.archived).map((r) => r.name)).toEqual(["svc-050"]);
    const wfs = await sim.api<{ total_count: number }>("GET", "/repos/initech/svc-001/actions/workflows");
    expect(wfs.body.total_count).toBe(1);
    const done = await sim.api<RunsPage>("GET", "/repos/initech/svc-002/actions/runs?status=completed");
    expect(done.body.total_count).toBe(3);
  });

  it("has stuck queued jobs on `gpu`, hour-long builds in progress, and secrets", async () => {
    let queued = 0;
    for (const name of ["svc-005", "svc-020", "svc-035", "svc-050"]) {
      const runs = await sim.api<RunsPage>("GET", `/repos/initech/${name}/actions/runs?status=queued`);
      for (const run of runs.body.workflow_runs) {
        const jobs = await sim.api<JobsPage>("GET", `/repos/initech/${name}/actions/runs/${run.id}/jobs`);
        expect(jobs.body.jobs[0]?.labels).toEqual(["self-hosted", "linux", "gpu"]);
        queued++;
      }
    }
    expect(queued).toBe(3);
    // the three hour-long builds (the last three repositories), each still running ten minutes on: none may
    // fail early because its job id happens to hash to a planned failure
    const inProgress = async () => {
      const counts: number[] = [];
      for (const name of ["svc-058", "svc-059", "svc-060"]) {
        const runs = await sim.api<RunsPage>("GET", `/repos/initech/${name}/actions/runs?status=in_progress`);
        counts.push(runs.body.total_count);
      }
      return counts;
    };
    expect(await inProgress()).toEqual([1, 1, 1]);
    expect(hourLongJobs((sim.sim as Sim).state).map((j) => plannedFailure(j))).toEqual([null, null, null]);
    tick(sim.sim as Sim, 600);
    expect(await inProgress()).toEqual([1, 1, 1]);
    const runners = await sim.api<{ runners: { status: string; busy: boolean }[] }>("GET", "/orgs/initech/actions/runners");
    expect(runners.body.runners).toHaveLength(12);
    expect(runners.body.runners.filter((r) => r.busy)).toHaveLength(3);
    const secrets = await sim.api<{ secrets: { name: string; visibility: string }[] }>("GET", "/orgs/initech/actions/secrets");
    expect(secrets.body.secrets.map((s) => `${s.name}:${s.visibility}`).sort()).toEqual(["DEPLOY_KEY:selected", "NPM_TOKEN:all", "SONAR_TOKEN:private"]);
    const repoSecrets = await sim.api<{ secrets: { name: string }[] }>("GET", "/repos/initech/svc-013/actions/secrets");
    expect(repoSecrets.body.secrets.map((s) => s.name).sort()).toEqual(["CODECOV_TOKEN", "OLD_DEPLOY_KEY"]);
  });

  it("plans no failure for an hour-long build, whatever ids its jobs get", async () => {
    // The ids depend on what the base seed made before (which moves with the date), so try many: forty orgs
    // give 120 builds, of which about ten would hash to a planned failure if the seed left it to the hash.
    const base = await createSim({ engine: false, clockSpeed: 0 });
    for (let k = 0; k < 40; k++) seedBigOrg(base.state, { name: `big${k}`, repos: 4 }, base.now());
    const hourLong = hourLongJobs(base.state);
    base.stop();
    expect(hourLong).toHaveLength(120);
    expect(hourLong.filter((j) => plannedFailure(j) !== null).map((j) => j.id)).toEqual([]);
  });

  it("seeds 300 repositories cheaply", async () => {
    const started = Date.now();
    const big = await createSim({ engine: false, bigOrg: { name: "initech", repos: 300 } });
    const ms = Date.now() - started;
    const repos = [...big.state.repos.values()].filter((r) => r.owner === "initech");
    expect(repos).toHaveLength(300);
    big.stop();
    // Seeding the base world alone takes ~2 s here; the big org must not add much on top of it.
    expect(ms).toBeLessThan(15_000);
  });
});

describe("control: POST /_sim/state/queued-runs", () => {
  const sim = withSimulator();

  it("queues a run whose job asks for the given labels; it starts once a matching runner comes online", async () => {
    const label = "overview-unit-label";
    const made = await sim.raw<{ run_id: number; job_id: number }>("POST", "/_sim/state/queued-runs", {
      body: { repo: "acme/docs", labels: ["self-hosted", label], job_name: "Needs a unit label" },
    });
    expect(made.status).toBe(201);
    const run = await sim.api<{ status: string; path: string }>("GET", `/repos/acme/docs/actions/runs/${made.body.run_id}`);
    expect(run.body.status).toBe("queued");
    const jobs = await sim.api<JobsPage>("GET", `/repos/acme/docs/actions/runs/${made.body.run_id}/jobs`);
    expect(jobs.body.jobs).toEqual([expect.objectContaining({ id: made.body.job_id, status: "queued", labels: ["self-hosted", label] })]);

    tick(sim.sim as Sim, 30);
    expect((await sim.api<JobsPage>("GET", `/repos/acme/docs/actions/runs/${made.body.run_id}/jobs`)).body.jobs[0]?.status).toBe("queued");

    const runner = await sim.raw("POST", "/_sim/state/runners", { body: { org: "acme", name: "t-overview-unit", status: "online", labels: [label] } });
    expect(runner.status).toBe(201);
    tick(sim.sim as Sim, 1);
    const after = await sim.api<JobsPage>("GET", `/repos/acme/docs/actions/runs/${made.body.run_id}/jobs`);
    expect(after.body.jobs[0]).toMatchObject({ status: "in_progress", runner_name: "t-overview-unit" });
  });

  it("refuses an unknown repository, missing labels or an unknown workflow", async () => {
    expect((await sim.raw("POST", "/_sim/state/queued-runs", { body: { repo: "acme/nope", labels: ["x"] } })).status).toBe(400);
    expect((await sim.raw("POST", "/_sim/state/queued-runs", { body: { repo: "acme/docs", labels: [] } })).status).toBe(400);
    expect((await sim.raw("POST", "/_sim/state/queued-runs", { body: { repo: "acme/docs", labels: ["x"], workflow: "nope.yml" } })).status).toBe(400);
  });
});
