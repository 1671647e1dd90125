import { runStatusView } from "@/lib/client/view";

const TONE: Record<string, string> = {
  success: "text-green-700 dark:text-green-400",
  danger: "text-red-700 dark:text-red-400",
  warning: "text-amber-700 dark:text-amber-300",
  neutral: "text-gray-600 dark:text-gray-400",
  info: "text-blue-700 dark:text-blue-400",
  accent: "text-purple-700 dark:text-purple-300",
};

/** A step's status as a symbol with its name for screen readers. */
export function StepStatusIcon({ status, conclusion }: { status: string; conclusion?: string | null | undefined }) {
  const view = runStatusView(status, conclusion);
  const symbol =
    status === "in_progress" ? "◌" : status !== "completed" ? "○" : conclusion === "success" ? "✓" : conclusion === "skipped" ? "⊘" : FAILED_SYMBOL[conclusion ?? ""] ?? "●";
  return (
    <span className={`inline-flex w-4 shrink-0 justify-center font-bold ${TONE[view.tone] ?? TONE.neutral} ${status === "in_progress" ? "animate-spin" : ""}`} title={view.label}>
      <span aria-hidden="true">{symbol}</span>
      <span className="sr-only">{view.label}</span>
    </span>
  );
}

const FAILED_SYMBOL: Record<string, string> = { failure: "✕", timed_out: "✕", cancelled: "⊘" };
