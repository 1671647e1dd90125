import { runStatusInfo } from "@/lib/runs/status";

// shown on the log's dark step headers
const TONE: Record<string, string> = {
  success: "text-[#3fb950]",
  danger: "text-[#ff7b72]",
  warning: "text-[#e3b341]",
  neutral: "text-[#8b949e]",
  info: "text-[#79c0ff]",
  accent: "text-[#d2a8ff]",
};

/** A step's status as a symbol with its name for screen readers. */
export function StepStatusIcon({ status, conclusion }: { status: string; conclusion?: string | null | undefined }) {
  const view = runStatusInfo(status, conclusion);
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
