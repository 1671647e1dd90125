/**
 * A save is a short sequence of writes (policy, then its repository list or selected actions). They run
 * one after another and stop at the first failure, so the report can say exactly which changes were
 * applied, which one failed (and whether it may have happened anyway), and which were never sent.
 */

export interface Step {
  /** What the write does, in words: "Set the policy to selected repositories". */
  label: string;
  run: () => Promise<unknown>;
}

export interface StepFailure {
  label: string;
  message: string;
  /** "not_applied": GitHub refused it; "unknown": it may or may not have been applied. */
  outcome: "not_applied" | "unknown";
}

export interface StepReport {
  applied: string[];
  failed?: StepFailure | undefined;
  notSent: string[];
}

/** The message and outcome of a failed write (ApiError shape: body.error.{message, write_outcome, status}). */
export function describeWriteError(error: unknown): { message: string; outcome: "not_applied" | "unknown" } {
  const e = error as { message?: unknown; status?: unknown; body?: { error?: { message?: unknown; write_outcome?: unknown; status?: unknown } } };
  const info = e.body?.error;
  const message =
    typeof info?.message === "string" ? info.message : typeof e.message === "string" ? e.message : String(error);
  const status = typeof info?.status === "number" ? info.status : typeof e.status === "number" ? e.status : 0;
  const outcome =
    info?.write_outcome === "not_applied"
      ? "not_applied"
      : info?.write_outcome === "unknown" || status === 0 || status >= 500
        ? "unknown"
        : "not_applied";
  return { message, outcome };
}

export async function runSteps(steps: readonly Step[]): Promise<StepReport> {
  const applied: string[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    try {
      await step.run();
      applied.push(step.label);
    } catch (error) {
      return {
        applied,
        failed: { label: step.label, ...describeWriteError(error) },
        notSent: steps.slice(i + 1).map((s) => s.label),
      };
    }
  }
  return { applied, notSent: [] };
}
