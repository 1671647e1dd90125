/**
 * A save is a short sequence of writes (policy, then its repository list or selected actions). They run
 * one after another and stop at the first failure, so the report can say exactly which changes were
 * applied, which one failed (and whether it may have happened anyway), and which were never sent.
 */
import { writeFailure } from "@/lib/client/write-failure";

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

export async function runSteps(steps: readonly Step[]): Promise<StepReport> {
  const applied: string[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    try {
      await step.run();
      applied.push(step.label);
    } catch (error) {
      const failure = writeFailure(error, "PUT");
      return {
        applied,
        failed: { label: step.label, message: failure.message, outcome: failure.outcome },
        notSent: steps.slice(i + 1).map((s) => s.label),
      };
    }
  }
  return { applied, notSent: [] };
}
