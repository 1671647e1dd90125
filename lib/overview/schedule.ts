/**
 * Which repositories a live poll of the org overview asks again. Pure.
 *
 * GHES has no org-wide runs endpoint, so "now" is one request per repository. Asking every repository every 5 s
 * costs ~300 requests per poll for a 300-repository org even when nothing changes (all 304s, but each one a round
 * trip against the token's rate limit and GHES). Most repositories are quiet most of the time, so:
 * - hot repositories (a queued or running run, a run updated in the last HOT_WINDOW_MS, or no answer yet) are asked
 *   every poll: "now" and "stuck" stay exact for them;
 * - quiet repositories are asked in a rotation: each poll takes the least recently checked ones, about
 *   quiet × (time since the previous poll) ÷ QUIET_INTERVAL_MS of them, plus any not checked for QUIET_INTERVAL_MS,
 *   so every quiet repository is checked at least every QUIET_INTERVAL_MS plus one poll, spread evenly over polls;
 * - a change signal wakes the rotation: when an org runner turns busy and no job the page knows of runs on it,
 *   a job started somewhere the page is not watching, so the next poll asks every quiet repository (at most once
 *   per WAKE_MIN_GAP_MS, so runners that keep flipping cannot turn this back into a full poll every 5 s).
 */

export const HOT_WINDOW_MS = 10 * 60_000;
export const QUIET_INTERVAL_MS = 60_000;
export const WAKE_MIN_GAP_MS = 30_000;

export interface RepoPollState {
  repo: string;
  /** When its runs were last answered (ms), null if never. */
  checkedAt: number | null;
  /** What the last answer said; null if none yet (or it failed). */
  activity: { active: number; latestUpdate: string | null } | null;
}

export interface ScheduleOptions {
  /** Time since the previous poll started (the poll interval plus how long that poll took), or the interval. */
  pollMs: number;
  hotWindowMs?: number;
  quietIntervalMs?: number;
}

export interface PollPlan {
  /** Repositories to ask this poll. */
  repos: Set<string>;
  hot: number;
  quiet: number;
  /** Whether every quiet repository is asked (the wake signal). */
  sweep: boolean;
  /** When the least recently checked quiet repository was last answered (before this poll). */
  oldestQuietCheck: number | null;
}

export function isHot(state: RepoPollState, now: number, hotWindowMs = HOT_WINDOW_MS): boolean {
  if (!state.activity) return true;
  if (state.activity.active > 0) return true;
  const t = state.activity.latestUpdate ? Date.parse(state.activity.latestUpdate) : NaN;
  return Number.isFinite(t) && t >= now - hotWindowMs;
}

export function planLivePoll(states: readonly RepoPollState[], now: number, sweep: boolean, options: ScheduleOptions): PollPlan {
  const hotWindowMs = options.hotWindowMs ?? HOT_WINDOW_MS;
  const interval = options.quietIntervalMs ?? QUIET_INTERVAL_MS;
  const repos = new Set<string>();
  const quiet: RepoPollState[] = [];
  for (const s of states) {
    if (isHot(s, now, hotWindowMs) || s.checkedAt === null) repos.add(s.repo);
    else quiet.push(s);
  }
  const hot = repos.size;
  // Oldest first; ties by name so a rotation is stable.
  quiet.sort((a, b) => (a.checkedAt ?? 0) - (b.checkedAt ?? 0) || a.repo.localeCompare(b.repo));
  const oldestQuietCheck = quiet[0]?.checkedAt ?? null;
  if (sweep) {
    for (const s of quiet) repos.add(s.repo);
  } else {
    const budget = Math.ceil((quiet.length * options.pollMs) / interval);
    quiet.forEach((s, i) => {
      if (i < budget || now - (s.checkedAt ?? 0) >= interval) repos.add(s.repo);
    });
  }
  return { repos, hot, quiet: quiet.length, sweep, oldestQuietCheck };
}

export interface RunnerBusy {
  name: string;
  busy: boolean;
}

/**
 * Whether a runner turned busy (busy now, not busy or unknown at the previous poll) with no job the page knows of
 * running on it: a job started in a repository the page is not watching closely.
 */
export function unexplainedNewlyBusy(previous: ReadonlySet<string> | null, runners: readonly RunnerBusy[], knownJobRunners: ReadonlySet<string>): boolean {
  if (previous === null) return false;
  return runners.some((r) => r.busy && !previous.has(r.name) && !knownJobRunners.has(r.name));
}

export function busyNames(runners: readonly RunnerBusy[]): Set<string> {
  return new Set(runners.filter((r) => r.busy).map((r) => r.name));
}

/** Wake the rotation for this poll? At most once per `minGapMs`. */
export function shouldSweep(signal: boolean, lastSweepAt: number | null, now: number, minGapMs = WAKE_MIN_GAP_MS): boolean {
  return signal && (lastSweepAt === null || now - lastSweepAt >= minGapMs);
}

/** The worst-case delay before a quiet repository's new run shows: one rotation interval plus one poll. */
export function worstCaseQuietDelayMs(pollMs: number, pollDurationMs: number, quietIntervalMs = QUIET_INTERVAL_MS): number {
  return quietIntervalMs + pollMs + pollDurationMs;
}
