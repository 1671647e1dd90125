/**
 * Which actions a run page offers, from the run's state (pure; unit-tested in
 * tests/unit/runs-run-page-actions.test.ts), and how a failed write is reported.
 */
import { writeFailure } from "@/lib/client/write-failure";
import { isActive } from "./status";

export type RunActionId =
  | "rerun-all"
  | "rerun-failed"
  | "cancel"
  | "force-cancel"
  | "delete-run"
  | "delete-logs"
  | "download-logs";

export interface RunState {
  status?: string | null | undefined;
  conclusion?: string | null | undefined;
  run_attempt?: number | undefined;
}

export interface JobState {
  status: string;
  conclusion: string | null;
  steps?: readonly { started_at?: string | null | undefined }[] | undefined;
}

export interface ActionContext {
  /** The page shows the latest attempt (re-runs, cancel and deletes act on the run as it is now). */
  latest: boolean;
  /** The user may write to the repository (from its `permissions`); undefined when unknown. */
  canWrite: boolean | undefined;
  jobs: readonly JobState[];
}

const FAILED = new Set(["failure", "cancelled", "timed_out", "startup_failure"]);

/** A job that ran far enough to have a log. */
export function jobHasLog(job: JobState): boolean {
  return job.status !== "queued" && (job.steps ?? []).some((s) => !!s.started_at);
}

/** Whether a job failed in a way "Re-run failed jobs" re-runs. */
export function jobFailed(job: JobState): boolean {
  return job.status === "completed" && FAILED.has(job.conclusion ?? "");
}

/** The run-level actions that make sense now, in the order the page shows them. */
export function runActions(run: RunState, ctx: ActionContext): RunActionId[] {
  const out: RunActionId[] = [];
  const active = isActive(run);
  const completed = run.status === "completed";
  const write = ctx.canWrite !== false;
  if (write && ctx.latest) {
    if (completed) {
      out.push("rerun-all");
      if (ctx.jobs.some(jobFailed)) out.push("rerun-failed");
    }
    if (active) out.push("cancel", "force-cancel");
  }
  if (ctx.jobs.some(jobHasLog)) out.push("download-logs");
  if (write && ctx.latest && completed) {
    if (ctx.jobs.some(jobHasLog)) out.push("delete-logs");
    out.push("delete-run");
  }
  return out;
}

/** Whether one job can be re-run: a completed job of the latest attempt of a completed run. */
export function canRerunJob(run: RunState, job: JobState, ctx: Omit<ActionContext, "jobs">): boolean {
  return ctx.canWrite !== false && ctx.latest && run.status === "completed" && job.status === "completed";
}

/**
 * What a failed write means for the user, in one sentence. An unknown outcome (the answer was lost after
 * GitHub may have applied it) must never be retried automatically: the page says so and offers to refresh.
 */
export function describeWriteFailure(
  error: unknown,
  what: string,
): { outcome: "unknown" | "not-applied"; message: string } {
  const { message, outcome } = writeFailure(error, "POST");
  return outcome === "unknown"
    ? {
        outcome: "unknown",
        message: `We don't know whether ${what} happened: ${message} Refresh to see the run as it is now before trying again.`,
      }
    : { outcome: "not-applied", message: `${capitalize(what)} did not happen: ${message}` };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
