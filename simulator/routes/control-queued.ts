// Control interface for tests: a queued run whose one job asks for given `runs-on` labels, so a test can make a
// job that no runner takes (a label nobody has) and watch it start once a matching runner comes online.
// POST /_sim/state/queued-runs {repo: "owner/name", labels: string[], workflow?: "ci.yml", job_name?, event?}
// → 201 {run_id, job_id}. The run uses an existing workflow of the repository (the named file, else its first
// active one); the engine treats it like any other queued run.
import type { Hono } from "hono";
import type { SimEnv } from "../context.js";
import { iso, newJob, type JobPlan } from "../actions/model.js";
import type { Run } from "../store/types.js";

export function registerQueuedRunControl(app: Hono<SimEnv>): void {
  app.post("/_sim/state/queued-runs", async (c) => {
    const sim = c.get("sim");
    const state = sim.state;
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    const [owner, name] = typeof body.repo === "string" ? body.repo.split("/") : [];
    const repo = [...state.repos.values()].find(
      (r) => r.owner.toLowerCase() === owner?.toLowerCase() && r.name.toLowerCase() === name?.toLowerCase(),
    );
    if (!repo) return c.json({ message: "repo (owner/name) is required and must exist" }, 400);
    const labels = Array.isArray(body.labels) ? body.labels.filter((l): l is string => typeof l === "string" && l.trim() !== "") : [];
    if (labels.length === 0) return c.json({ message: "labels must be a non-empty list of strings" }, 400);
    const workflows = [...state.workflows.values()].filter((w) => w.repoId === repo.id);
    const file = typeof body.workflow === "string" ? body.workflow : null;
    const wf = file
      ? workflows.find((w) => w.path === `.github/workflows/${file}` || w.path === file)
      : (workflows.find((w) => w.state === "active") ?? workflows[0]);
    if (!wf) return c.json({ message: file ? `no workflow ${file} in ${repo.owner}/${repo.name}` : "the repository has no workflow" }, 400);
    const jobName = typeof body.job_name === "string" && body.job_name.trim() ? body.job_name.trim() : `Needs ${labels.join(", ")}`;
    const event = typeof body.event === "string" && body.event ? body.event : "push";

    const now = sim.now().getTime();
    const branch = repo.branches.find((b) => b.name === repo.default_branch);
    let number = 0;
    for (const r of state.runs.values()) if (r.workflowId === wf.id && r.run_number > number) number = r.run_number;
    const run: Run = {
      id: state.nextId++,
      repoId: repo.id,
      workflowId: wf.id,
      name: wf.name,
      display_title: `${jobName} (test run)`,
      run_number: number + 1,
      run_attempt: 1,
      event,
      status: "queued",
      conclusion: null,
      head_branch: repo.default_branch,
      head_sha: branch?.sha ?? "0".repeat(40),
      head_commit: { message: `${jobName} (test run)`, author: "mona", email: "mona@users.noreply.example.com", timestamp: iso(now - 60_000) },
      actor: "mona",
      triggering_actor: "mona",
      created_at: iso(now),
      updated_at: iso(now),
      run_started_at: iso(now),
      previousAttempts: [],
      inputs: null,
      pull_request_number: null,
      logsDeleted: false,
    };
    state.runs.set(run.id, run);
    const plan: JobPlan = {
      name: jobName,
      key: "job",
      needs: [],
      labels,
      environment: null,
      steps: [
        { name: "Set up job", seconds: 2 },
        { name: "Run the work", seconds: 20 },
        { name: "Complete job", seconds: 1 },
      ],
      logLines: 40,
    };
    const job = newJob(state, run, plan, now);
    return c.json({ run_id: run.id, job_id: job.id }, 201);
  });
}
