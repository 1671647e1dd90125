import { describe, expect, it } from "vitest";
import {
  HOT_WINDOW_MS,
  QUIET_INTERVAL_MS,
  WAKE_MIN_GAP_MS,
  busyNames,
  isHot,
  planLivePoll,
  shouldSweep,
  unexplainedNewlyBusy,
  worstCaseQuietDelayMs,
  type RepoPollState,
} from "@/lib/overview/schedule";
import { activeOf, activityOf, failuresOf, isComplete, type RunsSnapshot } from "@/lib/overview/runs-page";
import type { RunView } from "@/lib/overview/queries";

const NOW = Date.parse("2026-11-22T12:00:00Z");
const POLL = 5_000;
const at = (ms: number) => new Date(ms).toISOString();

function quiet(repo: string, checkedAt: number | null, latestUpdate = at(NOW - 3 * 3_600_000)): RepoPollState {
  return { repo, checkedAt, activity: { active: 0, latestUpdate } };
}

function run(id: number, status: string, conclusion: string | null, updatedAt = at(NOW - 3_600_000)): RunView {
  return {
    id,
    repo: "o/r",
    workflowId: 1,
    workflowName: "CI",
    path: ".github/workflows/ci.yml",
    title: `Run ${id}`,
    runNumber: id,
    runAttempt: 1,
    status,
    conclusion,
    branch: "main",
    headSha: "a".repeat(40),
    event: "push",
    actor: "mona",
    createdAt: updatedAt,
    updatedAt,
    startedAt: updatedAt,
  };
}

describe("isHot", () => {
  it("is hot with active runs, a recent update, or no answer yet; quiet otherwise", () => {
    expect(isHot({ repo: "a", checkedAt: NOW, activity: null }, NOW)).toBe(true);
    expect(isHot({ repo: "a", checkedAt: NOW, activity: { active: 1, latestUpdate: at(NOW - 86_400_000) } }, NOW)).toBe(true);
    expect(isHot(quiet("a", NOW, at(NOW - HOT_WINDOW_MS + 1_000)), NOW)).toBe(true);
    expect(isHot(quiet("a", NOW, at(NOW - HOT_WINDOW_MS - 1_000)), NOW)).toBe(false);
    expect(isHot(quiet("a", NOW, null as unknown as string), NOW)).toBe(false);
    expect(isHot({ repo: "a", checkedAt: NOW, activity: { active: 0, latestUpdate: null } }, NOW)).toBe(false);
  });
});

describe("planLivePoll", () => {
  it("asks hot repositories every poll and a slice of quiet ones, least recently checked first", () => {
    const states: RepoPollState[] = [
      { repo: "o/busy", checkedAt: NOW - POLL, activity: { active: 2, latestUpdate: at(NOW - 1_000) } },
      { repo: "o/new", checkedAt: null, activity: null },
      ...Array.from({ length: 24 }, (_, i) => quiet(`o/q${String(i).padStart(2, "0")}`, NOW - 1_000 * (i + 1))),
    ];
    const plan = planLivePoll(states, NOW, false, { pollMs: POLL });
    expect(plan.hot).toBe(2);
    expect(plan.quiet).toBe(24);
    // 24 quiet × 5 s ÷ 60 s = 2 per poll: the two checked longest ago.
    expect([...plan.repos].sort()).toEqual(["o/busy", "o/new", "o/q22", "o/q23"]);
    expect(plan.oldestQuietCheck).toBe(NOW - 24_000);
  });

  it("checks every quiet repository within the interval plus one poll, whatever the order", () => {
    const repos = Array.from({ length: 300 }, (_, i) => `o/r${i}`);
    const checked = new Map<string, number | null>(repos.map((r) => [r, null]));
    const lastAsked = new Map<string, number>();
    let worst = 0;
    // Polls every 5 s plus a poll that takes 0–3 s; the first poll is the cold load (every repository answered).
    let now = NOW;
    let gap = POLL;
    for (let round = 0; round < 200; round++) {
      const states = repos.map((r) => quiet(r, checked.get(r) ?? null));
      const plan = planLivePoll(states, now, false, { pollMs: gap });
      for (const r of plan.repos) {
        const before = lastAsked.get(r);
        if (before !== undefined) worst = Math.max(worst, now - before);
        lastAsked.set(r, now);
        checked.set(r, now);
      }
      // An even share each poll: no burst when the cold load's checks all come due at once.
      if (round > 0) expect(plan.repos.size).toBeLessThanOrEqual(Math.ceil((300 * gap) / QUIET_INTERVAL_MS) + 3);
      gap = POLL + (round % 4) * 1_000;
      now += gap;
    }
    expect(lastAsked.size).toBe(300);
    expect(worst).toBeLessThanOrEqual(worstCaseQuietDelayMs(POLL, 3_000));
  });

  it("asks every quiet repository when swept", () => {
    const states = [quiet("o/a", NOW - 1_000), quiet("o/b", NOW - 2_000), quiet("o/c", NOW - 3_000)];
    expect(planLivePoll(states, NOW, true, { pollMs: POLL }).repos).toEqual(new Set(["o/a", "o/b", "o/c"]));
    const plan = planLivePoll(states, NOW, false, { pollMs: POLL });
    expect([...plan.repos]).toEqual(["o/c"]);
    expect(plan.sweep).toBe(false);
  });

  it("asks an overdue quiet repository even beyond the slice", () => {
    const states = [quiet("o/a", NOW - QUIET_INTERVAL_MS), quiet("o/b", NOW - QUIET_INTERVAL_MS - 1), quiet("o/c", NOW - 1_000)];
    expect(planLivePoll(states, NOW, false, { pollMs: POLL }).repos).toEqual(new Set(["o/a", "o/b"]));
  });

  it("has nothing quiet to report for an org of active repositories", () => {
    const plan = planLivePoll([{ repo: "o/a", checkedAt: NOW, activity: { active: 1, latestUpdate: null } }], NOW, false, { pollMs: POLL });
    expect(plan).toMatchObject({ hot: 1, quiet: 0, oldestQuietCheck: null });
  });
});

describe("wake signal", () => {
  it("fires when a runner turns busy with no known job on it", () => {
    const before = busyNames([
      { name: "r1", busy: true },
      { name: "r2", busy: false },
    ]);
    expect(before).toEqual(new Set(["r1"]));
    // First poll: nothing to compare with.
    expect(unexplainedNewlyBusy(null, [{ name: "r2", busy: true }], new Set())).toBe(false);
    // Still busy: no change.
    expect(unexplainedNewlyBusy(before, [{ name: "r1", busy: true }], new Set())).toBe(false);
    // r2 turned busy running a job the page knows of.
    expect(unexplainedNewlyBusy(before, [{ name: "r2", busy: true }], new Set(["r2"]))).toBe(false);
    // r2 turned busy with a job from a quiet repository; a new runner that is busy at once counts too.
    expect(unexplainedNewlyBusy(before, [{ name: "r2", busy: true }], new Set())).toBe(true);
    expect(unexplainedNewlyBusy(before, [{ name: "r9", busy: true }], new Set())).toBe(true);
    // Runners turning idle say nothing new.
    expect(unexplainedNewlyBusy(before, [{ name: "r1", busy: false }], new Set())).toBe(false);
  });

  it("sweeps at most once per gap and not without a signal", () => {
    expect(shouldSweep(false, null, NOW)).toBe(false);
    expect(shouldSweep(true, null, NOW)).toBe(true);
    expect(shouldSweep(true, NOW - WAKE_MIN_GAP_MS + 1, NOW)).toBe(false);
    expect(shouldSweep(true, NOW - WAKE_MIN_GAP_MS, NOW)).toBe(true);
  });
});

describe("runs page", () => {
  it("is the whole history when the total fits the page", () => {
    expect(isComplete(0, 0)).toBe(true);
    expect(isComplete(3, 3)).toBe(true);
    expect(isComplete(100, 101)).toBe(false);
  });

  it("reads queued, in-progress and failed runs from a complete page only", () => {
    const runs = [run(5, "queued", null), run(4, "in_progress", null), run(3, "completed", "failure"), run(2, "completed", "success"), run(1, "waiting", null)];
    const active = activeOf(runs);
    expect(active.queued.map((r) => r.id)).toEqual([5]);
    expect(active.inProgress.map((r) => r.id)).toEqual([4]);
    const snapshot: RunsSnapshot = { ...active, recent: runs, complete: true };
    expect(failuresOf(snapshot)?.map((r) => r.id)).toEqual([3]);
    expect(failuresOf({ ...snapshot, complete: false })).toBeNull();
    expect(failuresOf(undefined)).toBeNull();
  });

  it("reports active runs and the newest update for the scheduler", () => {
    const recent = [run(2, "completed", "success", at(NOW - 60_000)), run(1, "completed", "failure", at(NOW - 120_000))];
    expect(activityOf({ queued: [], inProgress: [], recent, complete: true })).toEqual({ active: 0, latestUpdate: at(NOW - 60_000) });
    // An incomplete page: active runs come from the filtered lists and may be newer than the page.
    const old = run(9, "queued", null, at(NOW - 5_000));
    expect(activityOf({ queued: [old], inProgress: [], recent, complete: false })).toEqual({ active: 1, latestUpdate: at(NOW - 5_000) });
    expect(activityOf({ queued: [], inProgress: [], recent: [], complete: true })).toEqual({ active: 0, latestUpdate: null });
  });
});
