/**
 * A workflow run's (or job's, or step's) status × conclusion as an icon, a label and a tone, plus
 * the small time helpers every run view needs. Pure and unit-tested (tests/unit/runs-status.test.ts).
 */

export type RunStatus = "queued" | "in_progress" | "waiting" | "requested" | "pending" | "completed";

export type RunConclusion =
  | "success"
  | "failure"
  | "neutral"
  | "cancelled"
  | "skipped"
  | "timed_out"
  | "action_required"
  | "stale"
  | "startup_failure";

/** Which glyph to draw (components/runs/StatusIcon.tsx). */
export type StatusIconName =
  | "queued"
  | "in_progress"
  | "waiting"
  | "success"
  | "failure"
  | "cancelled"
  | "skipped"
  | "neutral"
  | "timed_out"
  | "action_required"
  | "stale"
  | "unknown";

export type StatusTone = "neutral" | "success" | "danger" | "warning" | "info" | "accent";

export interface StatusInfo {
  icon: StatusIconName;
  /** GitHub's wording, e.g. "In progress", "Failure", "Timed out". */
  label: string;
  tone: StatusTone;
  /** Still changing (queued, in progress, waiting, requested, pending). */
  active: boolean;
}

export const ACTIVE_RUN_STATUSES: ReadonlySet<string> = new Set([
  "queued",
  "in_progress",
  "waiting",
  "requested",
  "pending",
]);

const ACTIVE: Record<string, StatusInfo> = {
  queued: { icon: "queued", label: "Queued", tone: "warning", active: true },
  in_progress: { icon: "in_progress", label: "In progress", tone: "warning", active: true },
  waiting: { icon: "waiting", label: "Waiting", tone: "warning", active: true },
  requested: { icon: "queued", label: "Requested", tone: "warning", active: true },
  pending: { icon: "queued", label: "Pending", tone: "warning", active: true },
};

const CONCLUDED: Record<string, StatusInfo> = {
  success: { icon: "success", label: "Success", tone: "success", active: false },
  failure: { icon: "failure", label: "Failure", tone: "danger", active: false },
  neutral: { icon: "neutral", label: "Neutral", tone: "neutral", active: false },
  cancelled: { icon: "cancelled", label: "Cancelled", tone: "neutral", active: false },
  skipped: { icon: "skipped", label: "Skipped", tone: "neutral", active: false },
  timed_out: { icon: "timed_out", label: "Timed out", tone: "danger", active: false },
  action_required: { icon: "action_required", label: "Action required", tone: "warning", active: false },
  stale: { icon: "stale", label: "Stale", tone: "neutral", active: false },
  startup_failure: { icon: "failure", label: "Startup failure", tone: "danger", active: false },
};

function humanize(value: string): string {
  const words = value.replaceAll("_", " ").trim();
  return words.length === 0 ? "Unknown" : words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The view of a status × conclusion. An active status wins over any conclusion (a re-run in
 * progress still carries its old conclusion on some servers); a completed run without a
 * conclusion is "Completed"; anything unknown is shown humanized, never hidden.
 */
export function runStatusInfo(
  status: string | null | undefined,
  conclusion: string | null | undefined,
): StatusInfo {
  if (status && ACTIVE[status]) return ACTIVE[status];
  if (conclusion && CONCLUDED[conclusion]) return CONCLUDED[conclusion];
  if (conclusion) return { icon: "unknown", label: humanize(conclusion), tone: "neutral", active: false };
  if (status === "completed") return { icon: "neutral", label: "Completed", tone: "neutral", active: false };
  return { icon: "unknown", label: status ? humanize(status) : "Unknown", tone: "neutral", active: false };
}

export interface HasRunStatus {
  status?: string | null | undefined;
}

/** Whether a run/job can still change (queued, in progress, waiting, requested, pending). */
export function isActive(run: HasRunStatus): boolean {
  return typeof run.status === "string" && ACTIVE_RUN_STATUSES.has(run.status);
}

export interface RunTimes {
  status?: string | null | undefined;
  created_at?: string | null | undefined;
  run_started_at?: string | null | undefined;
  updated_at?: string | null | undefined;
  /** Jobs and steps. */
  started_at?: string | null | undefined;
  completed_at?: string | null | undefined;
}

function parseTime(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * How long a run (or job/step) took, in ms: from its start (run_started_at, started_at, else
 * created_at) to its end (completed_at, else updated_at once completed), or to `now` while it is
 * still active. Undefined when it has not started or the times are missing; never negative.
 */
export function runDuration(run: RunTimes, now: Date | number = Date.now()): number | undefined {
  const start = parseTime(run.run_started_at) ?? parseTime(run.started_at) ?? parseTime(run.created_at);
  if (start === undefined) return undefined;
  let end: number | undefined;
  if (isActive(run)) {
    if (run.status !== "in_progress") return undefined;
    end = typeof now === "number" ? now : now.getTime();
  } else {
    end = parseTime(run.completed_at) ?? parseTime(run.updated_at);
  }
  if (end === undefined) return undefined;
  return Math.max(0, end - start);
}

/** "0s", "45s", "1m 5s", "2h 3m", "1d 4h" (GitHub's compact style). Undefined/NaN → "—". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  if (minutes > 0) return seconds > 0 ? `${minutes}m ${seconds}s` : `${minutes}m`;
  return `${seconds}s`;
}

const UNITS: [limitSeconds: number, unitSeconds: number, name: string][] = [
  [60 * 60, 60, "minute"],
  [24 * 60 * 60, 60 * 60, "hour"],
  [30 * 24 * 60 * 60, 24 * 60 * 60, "day"],
  [365 * 24 * 60 * 60, 30 * 24 * 60 * 60, "month"],
  [Number.POSITIVE_INFINITY, 365 * 24 * 60 * 60, "year"],
];

/**
 * "just now", "5 minutes ago", "1 day ago", "in 3 hours" (future,
 * e.g. an artifact's expiry). Dates that do not parse give "—".
 */
export function relativeTime(
  date: string | Date | number | null | undefined,
  now: Date | number = Date.now(),
): string {
  if (date === null || date === undefined) return "—";
  const then = date instanceof Date ? date.getTime() : typeof date === "number" ? date : Date.parse(date);
  if (Number.isNaN(then)) return "—";
  const nowMs = typeof now === "number" ? now : now.getTime();
  const diff = Math.round((nowMs - then) / 1000);
  const abs = Math.abs(diff);
  if (abs < 45) return "just now";
  let text = "";
  if (abs < 60) text = "1 minute";
  else {
    for (const [limit, unit, name] of UNITS) {
      if (abs < limit) {
        const count = Math.max(1, Math.floor(abs / unit));
        text = `${count} ${name}${count === 1 ? "" : "s"}`;
        break;
      }
    }
  }
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}
