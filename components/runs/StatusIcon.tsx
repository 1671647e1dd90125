import { runStatusInfo, type StatusIconName, type StatusTone } from "@/lib/runs/status";
import { cn } from "@/components/ui/cn";

const toneClass: Record<StatusTone, string> = {
  success: "text-green-700 dark:text-green-400",
  danger: "text-red-700 dark:text-red-400",
  warning: "text-amber-700 dark:text-amber-400",
  neutral: "text-gray-600 dark:text-gray-400",
  info: "text-blue-700 dark:text-blue-400",
  accent: "text-purple-700 dark:text-purple-400",
};

function Glyph({ name }: { name: StatusIconName }) {
  switch (name) {
    case "success":
      return (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path
            d="M4.5 8.2l2.3 2.3 4.7-4.8"
            stroke="white"
            strokeWidth="1.6"
            fill="none"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </>
      );
    case "failure":
    case "timed_out":
      return (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          {name === "failure" ? (
            <path d="M5.5 5.5l5 5m0-5l-5 5" stroke="white" strokeWidth="1.6" strokeLinecap="round" />
          ) : (
            <path d="M8 4.5V8l2.2 1.6" stroke="white" strokeWidth="1.6" fill="none" strokeLinecap="round" />
          )}
        </>
      );
    case "cancelled":
      return (
        <>
          <circle cx="8" cy="8" r="6.2" stroke="currentColor" strokeWidth="1.6" fill="none" />
          <path d="M3.8 12.2l8.4-8.4" stroke="currentColor" strokeWidth="1.6" />
        </>
      );
    case "skipped":
      return (
        <>
          <circle cx="8" cy="8" r="6.2" stroke="currentColor" strokeWidth="1.6" fill="none" />
          <path d="M5 8h6" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </>
      );
    case "in_progress":
      return (
        <>
          <circle
            cx="8"
            cy="8"
            r="6.2"
            stroke="currentColor"
            strokeOpacity="0.3"
            strokeWidth="1.8"
            fill="none"
          />
          <path
            d="M8 1.8a6.2 6.2 0 0 1 6.2 6.2"
            stroke="currentColor"
            strokeWidth="1.8"
            fill="none"
            strokeLinecap="round"
            className="origin-center motion-safe:animate-spin"
          />
        </>
      );
    case "queued":
    case "waiting":
      return (
        <>
          <circle cx="8" cy="8" r="6.2" stroke="currentColor" strokeWidth="1.6" fill="none" />
          <circle cx="8" cy="8" r="2.2" fill="currentColor" />
        </>
      );
    case "action_required":
      return (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M8 4.3v4.4" stroke="white" strokeWidth="1.7" strokeLinecap="round" />
          <circle cx="8" cy="11.3" r="1" fill="white" />
        </>
      );
    case "stale":
    case "neutral":
      return (
        <>
          <circle cx="8" cy="8" r="6.2" stroke="currentColor" strokeWidth="1.6" fill="none" />
          <circle cx="8" cy="8" r="1.2" fill="currentColor" />
        </>
      );
    case "unknown":
      return (
        <circle
          cx="8"
          cy="8"
          r="6.2"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeDasharray="2 2"
          fill="none"
        />
      );
  }
}

export interface StatusIconProps {
  status: string | null | undefined;
  conclusion: string | null | undefined;
  /** Show the label next to the icon (otherwise it is the icon's accessible name and tooltip). */
  showLabel?: boolean;
  className?: string;
  size?: number;
}

/** A run's/job's/step's status as an icon with its label: `role="img"` named by the label. */
export function StatusIcon({ status, conclusion, showLabel = false, className, size = 16 }: StatusIconProps) {
  const info = runStatusInfo(status, conclusion);
  const svg = (
    <svg
      viewBox="0 0 16 16"
      width={size}
      height={size}
      role={showLabel ? undefined : "img"}
      aria-label={showLabel ? undefined : info.label}
      aria-hidden={showLabel ? true : undefined}
      className={cn("shrink-0", toneClass[info.tone], showLabel ? undefined : className)}
      data-status-icon={info.icon}
    >
      {showLabel ? null : <title>{info.label}</title>}
      <Glyph name={info.icon} />
    </svg>
  );
  if (!showLabel) return svg;
  return (
    <span className={cn("inline-flex items-center gap-1.5", className)}>
      {svg}
      <span className={cn("text-sm", toneClass[info.tone])}>{info.label}</span>
    </span>
  );
}
