// The live engine: queued → in_progress → completed, job by job in `needs:` order, step by step, on
// self-hosted runners whose labels match. The state is settled up to a point in simulated time; the timer
// settles it to `sim.now()` every 250 ms real time, `tick(sim, s)` moves the clock by hand (tests).
import type { Sim } from "./context.js";
import type { Job, Run, State } from "./store/types.js";
import {
  cancelJob,
  findRunner,
  finishJob,
  jobEndTime,
  latestJobs,
  ms,
  rollUpRun,
  skipJob,
  startJob,
  updateSteps,
} from "./actions/model.js";

/** Simulated time up to which each state has been settled. */
const settledAt = new WeakMap<State, number>();

function activeRuns(state: State): Run[] {
  const out: Run[] = [];
  for (const r of state.runs.values()) if (r.status === "queued" || r.status === "in_progress") out.push(r);
  return out;
}

/** Starts (or skips) the queued jobs of `runs` whose needs are done, at max(ready time, floor). */
function startReady(state: State, runs: { run: Run; jobs: Job[] }[], floor: number, limit: number): boolean {
  let changed = false;
  for (const { run, jobs } of runs) {
    const repo = state.repos.get(run.repoId);
    if (!repo) continue;
    for (const job of jobs) {
      if (job.status !== "queued") continue;
      const needed = jobs.filter((j) => job.needs.includes(j.name));
      if (needed.some((j) => j.status !== "completed")) continue;
      const ready = Math.max(ms(job.created_at), ...needed.map((j) => ms(j.completed_at ?? job.created_at)));
      if (ready > limit) continue;
      const at = Math.min(limit, Math.max(ready, floor));
      if (needed.some((j) => j.conclusion !== "success")) {
        skipJob(state, job, at);
        changed = true;
        continue;
      }
      const runner = findRunner(state, job, repo);
      if (!runner) continue;
      startJob(state, job, runner, at);
      changed = true;
    }
  }
  return changed;
}

/** Settles every queued or running run up to simulated time `until` (ms since epoch). */
export function settle(state: State, until: number, from?: number): void {
  const last = from ?? settledAt.get(state) ?? until;
  const runs = activeRuns(state).map((run) => ({ run, jobs: latestJobs(state, run) }));
  let cursor = Math.min(last, until);
  startReady(state, runs, cursor, until);
  for (let guard = 0; guard < 100_000; guard++) {
    // the next job to finish
    let next: Job | null = null;
    let nextAt = Infinity;
    for (const { jobs } of runs) {
      for (const j of jobs) {
        if (j.status !== "in_progress") continue;
        const end = jobEndTime(j);
        if (end < nextAt) {
          nextAt = end;
          next = j;
        }
      }
    }
    if (!next || nextAt > until) break;
    cursor = Math.max(cursor, nextAt);
    finishJob(state, next, nextAt);
    startReady(state, runs, cursor, until);
  }
  for (const { run, jobs } of runs) {
    for (const j of jobs) if (j.status === "in_progress") updateSteps(j, until);
    rollUpRun(state, run, until);
  }
  settledAt.set(state, Math.max(until, settledAt.get(state) ?? 0));
}

/** Cancels what runs in a run: running jobs stop, queued ones never run. */
export function cancelRun(state: State, run: Run, at: number): void {
  for (const job of latestJobs(state, run)) cancelJob(state, job, at);
  run.status = "completed";
  run.conclusion = "cancelled";
  run.updated_at = new Date(Math.floor(at / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * Advances simulated time by `seconds` and settles the state. The clock moves through `sim.advance`
 * when the simulator provides it (see CONTRACT.md); otherwise the state is settled `seconds` past the
 * last settled point (and past `sim.now()`).
 */
export function tick(sim: Sim, seconds: number): void {
  const s = sim as Sim & { advance?: (seconds: number) => void };
  if (seconds > 0 && typeof s.advance === "function") {
    s.advance(seconds);
    settle(sim.state, sim.now().getTime());
    return;
  }
  const base = Math.max(settledAt.get(sim.state) ?? 0, sim.now().getTime());
  settle(sim.state, base + seconds * 1000);
}

/** Settles to `sim.now()` every 250 ms real time; returns a stop function. */
export function startEngine(sim: Sim): () => void {
  settledAt.set(sim.state, Math.min(settledAt.get(sim.state) ?? Infinity, sim.now().getTime()));
  const timer = setInterval(() => {
    try {
      settle(sim.state, sim.now().getTime());
    } catch (e) {
      console.error("engine:", e);
    }
  }, 250);
  timer.unref?.();
  return () => clearInterval(timer);
}

/** Marks the state settled at `at` (the seed calls this with its `now`). */
export function markSettled(state: State, at: number): void {
  settledAt.set(state, at);
}
