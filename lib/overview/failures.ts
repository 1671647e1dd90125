/**
 * Failures across the org: the range in the URL (`?range=24h` or `?from=2026-11-20&to=2026-11-21`), the
 * `created` filter sent per repository, and failed runs grouped by repository and workflow, newest first. Pure.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const RANGE_PRESETS = {
  "1h": { ms: HOUR, label: "the last hour" },
  "6h": { ms: 6 * HOUR, label: "the last 6 hours" },
  "24h": { ms: DAY, label: "the last 24 hours" },
  "3d": { ms: 3 * DAY, label: "the last 3 days" },
  "7d": { ms: 7 * DAY, label: "the last 7 days" },
  "14d": { ms: 14 * DAY, label: "the last 14 days" },
  "30d": { ms: 30 * DAY, label: "the last 30 days" },
} as const;

export type RangePreset = keyof typeof RANGE_PRESETS;
export const DEFAULT_RANGE: RangePreset = "24h";
/** GitHub keeps run history long, but a range this long means thousands of pages across an org. */
export const MAX_RANGE_DAYS = 90;

export interface FailureRange {
  /** "24h", or "2026-11-20..2026-11-21" for dates. */
  key: string;
  preset: RangePreset | null;
  /** Inclusive start. */
  from: Date;
  /** Exclusive end; null = now. */
  to: Date | null;
  label: string;
  /** `created` as sent to GitHub: stable for an hour for presets, so a poll's URL (and its ETag) stays the same. */
  createdQuery: string;
}

export type RangeResult = { ok: true; range: FailureRange } | { ok: false; error: string; range: FailureRange };

function isPreset(value: string): value is RangePreset {
  return Object.hasOwn(RANGE_PRESETS, value);
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

function presetRange(preset: RangePreset, now: number): FailureRange {
  const from = new Date(now - RANGE_PRESETS[preset].ms);
  const hour = new Date(Math.floor(from.getTime() / HOUR) * HOUR);
  return { key: preset, preset, from, to: null, label: RANGE_PRESETS[preset].label, createdQuery: `>=${iso(hour)}` };
}

function parseDay(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const d = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? null : d;
}

/**
 * The range from the page's search params. Bad input yields `ok: false` with a message and the default range,
 * so the page shows the message and loads nothing for the bad range.
 */
export function parseFailureRange(
  params: { range?: string | undefined; from?: string | undefined; to?: string | undefined },
  now: number,
): RangeResult {
  const fallback = presetRange(DEFAULT_RANGE, now);
  const from = params.from?.trim();
  const to = params.to?.trim();
  if (from || to) {
    if (!from) return { ok: false, error: "Give a start date (from) as well as an end date.", range: fallback };
    const start = parseDay(from);
    if (!start) return { ok: false, error: `“${from}” is not a date: use YYYY-MM-DD (UTC).`, range: fallback };
    let end: Date | null = null;
    if (to) {
      const day = parseDay(to);
      if (!day) return { ok: false, error: `“${to}” is not a date: use YYYY-MM-DD (UTC).`, range: fallback };
      end = new Date(day.getTime() + DAY);
    }
    if (start.getTime() > now) return { ok: false, error: "The start date is in the future.", range: fallback };
    if (end && end.getTime() <= start.getTime())
      return { ok: false, error: "The end date is before the start date.", range: fallback };
    const span = (end?.getTime() ?? now) - start.getTime();
    if (span > MAX_RANGE_DAYS * DAY)
      return { ok: false, error: `Choose at most ${MAX_RANGE_DAYS} days.`, range: fallback };
    const endDay = end ? iso(new Date(end.getTime() - DAY)).slice(0, 10) : null;
    return {
      ok: true,
      range: {
        key: `${from}..${endDay ?? ""}`,
        preset: null,
        from: start,
        to: end,
        label: endDay ? (endDay === from ? `${from} (UTC)` : `${from} to ${endDay} (UTC)`) : `since ${from} (UTC)`,
        createdQuery: end ? `${iso(start)}..${iso(new Date(end.getTime() - 1000))}` : `>=${iso(start)}`,
      },
    };
  }
  const range = params.range?.trim();
  if (!range) return { ok: true, range: fallback };
  if (!isPreset(range))
    return {
      ok: false,
      error: `“${range}” is not a range this page knows: use one of ${Object.keys(RANGE_PRESETS).join(", ")}.`,
      range: fallback,
    };
  return { ok: true, range: presetRange(range, now) };
}

export interface FailedRun {
  id: number;
  repo: string;
  workflowId: number;
  workflowName: string;
  title: string;
  runNumber: number;
  runAttempt: number;
  branch: string | null;
  event: string;
  actor: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WorkflowFailures {
  workflowId: number;
  workflowName: string;
  runs: FailedRun[];
}

export interface RepoFailures {
  repo: string;
  count: number;
  latest: string;
  workflows: WorkflowFailures[];
}

export function inRange(run: Pick<FailedRun, "createdAt">, range: Pick<FailureRange, "from" | "to">): boolean {
  const t = Date.parse(run.createdAt);
  return t >= range.from.getTime() && (range.to === null || t < range.to.getTime());
}

const newestFirst = (a: FailedRun, b: FailedRun) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id;

/** Failed runs in the range, by repository (most recent failure first), then workflow (same), runs newest first. */
export function groupFailures(runs: readonly FailedRun[], range: Pick<FailureRange, "from" | "to">): RepoFailures[] {
  const byRepo = new Map<string, Map<number, WorkflowFailures>>();
  const seen = new Set<number>();
  for (const run of runs) {
    if (seen.has(run.id) || !inRange(run, range)) continue;
    seen.add(run.id);
    let workflows = byRepo.get(run.repo);
    if (!workflows) {
      workflows = new Map();
      byRepo.set(run.repo, workflows);
    }
    let wf = workflows.get(run.workflowId);
    if (!wf) {
      wf = { workflowId: run.workflowId, workflowName: run.workflowName, runs: [] };
      workflows.set(run.workflowId, wf);
    }
    wf.runs.push(run);
  }
  const out: RepoFailures[] = [];
  for (const [repo, workflows] of byRepo) {
    const list = [...workflows.values()];
    for (const wf of list) wf.runs.sort(newestFirst);
    list.sort((a, b) => newestFirst(a.runs[0]!, b.runs[0]!));
    const count = list.reduce((n, wf) => n + wf.runs.length, 0);
    out.push({ repo, count, latest: list[0]!.runs[0]!.createdAt, workflows: list });
  }
  return out.sort((a, b) => b.latest.localeCompare(a.latest) || a.repo.localeCompare(b.repo));
}
