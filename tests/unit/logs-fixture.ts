// A job log made by the simulator's own generator (GitHub's format), for the log viewer's unit tests.
import type { Job, Run, Step } from "../../simulator/store/types.js";
import { jobChunks, stepChunks, newCursor, type LogSubject } from "../../simulator/logs/generate.js";

const T0 = Date.parse("2026-11-20T17:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export function makeSubject(opts: { failAt?: number; logLines?: number; id?: number } = {}): LogSubject {
  const names = ["Set up job", "Run actions/checkout@v4", "Install", "Test", "Build", "Post Run actions/checkout@v4", "Complete job"];
  const secs = [2, 1, 30, 200, 0, 1, 0];
  let t = T0;
  const steps: Step[] = names.map((name, i) => {
    const start = t;
    const end = t + (secs[i] ?? 1) * 1000;
    t = end;
    const failed = opts.failAt !== undefined && i === opts.failAt;
    const skipped = opts.failAt !== undefined && i > opts.failAt && name !== "Complete job" && !name.startsWith("Post ");
    return {
      number: i + 1,
      name,
      status: "completed",
      conclusion: failed ? "failure" : skipped ? "skipped" : "success",
      started_at: skipped ? null : iso(start),
      completed_at: skipped ? null : iso(end),
      seconds: secs[i] ?? 1,
    };
  });
  const job: Job = {
    id: opts.id ?? 4242,
    runId: 1,
    run_attempt: 1,
    name: "Test",
    needs: [],
    status: "completed",
    conclusion: opts.failAt !== undefined ? "failure" : "success",
    created_at: iso(T0),
    started_at: iso(T0),
    completed_at: iso(t),
    labels: ["ubuntu-latest"],
    runner_id: 1,
    runner_name: "runner-1",
    runner_group_id: 1,
    runner_group_name: "Default",
    steps,
    logLines: opts.logLines ?? 0,
  };
  const run = { id: 1, head_branch: "main" } as unknown as Run;
  return { job, run, repoFullName: "acme/web", workflowPath: ".github/workflows/ci.yml" };
}

export function jobLogText(s: LogSubject): string {
  return [...jobChunks(s)].join("");
}

/** The log of each step on its own (as in a run's log archive), "" for steps without one. */
export function stepTexts(s: LogSubject): string[] {
  const cursor = newCursor(s.job);
  return s.job.steps.map((_, i) => [...stepChunks(s, i, Infinity, cursor)].join(""));
}
