import { cn } from "./cn";

export interface ProgressBarProps {
  value: number;
  max: number;
  label: string;
  className?: string;
}

/** A determinate progress bar with its count in words, for bulk actions and loading across many requests. */
export function ProgressBar({ value, max, label, className }: ProgressBarProps) {
  const pct = max > 0 ? Math.round((value / max) * 100) : 0;
  return (
    <div className={cn("space-y-1", className)}>
      <div className="flex justify-between text-xs text-gray-700 dark:text-gray-300">
        <span>{label}</span>
        <span>
          {value} of {max}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        className="h-2 overflow-hidden rounded bg-gray-200 dark:bg-gray-700"
      >
        <div className="h-full bg-blue-600 transition-[width] dark:bg-blue-400" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
