"use client";

import Link from "next/link";
import type { WorkflowRun } from "@/lib/queries/runs";
import { formatDuration, runDuration, runStatusInfo, type StatusTone } from "@/lib/runs/status";

const fill: Record<StatusTone, string> = {
  success: "fill-green-600 dark:fill-green-500",
  danger: "fill-red-600 dark:fill-red-500",
  warning: "fill-amber-500 dark:fill-amber-400",
  neutral: "fill-gray-400 dark:fill-gray-500",
  info: "fill-blue-600",
  accent: "fill-purple-600",
};

const LEGEND: { tone: StatusTone; label: string }[] = [
  { tone: "success", label: "Success" },
  { tone: "danger", label: "Failure / timed out" },
  { tone: "neutral", label: "Cancelled / skipped / other" },
];

/**
 * Run durations of a workflow's recent completed runs, oldest left, as bars coloured by
 * conclusion; each bar links to its run. Plain SVG.
 */
export function DurationChart({
  runs,
  runHref,
}: {
  runs: readonly WorkflowRun[];
  runHref: (id: number) => string;
}) {
  const points = runs
    .filter((r) => r.status === "completed")
    .map((r) => ({ run: r, ms: runDuration(r) }))
    .filter((p): p is { run: WorkflowRun; ms: number } => p.ms !== undefined)
    .reverse();
  if (points.length === 0) {
    return <p className="text-sm text-gray-700 dark:text-gray-300">No completed runs to chart yet.</p>;
  }
  const max = Math.max(...points.map((p) => p.ms), 1000);
  const width = 640;
  const height = 160;
  const left = 48;
  const bottom = 20;
  const slot = (width - left) / points.length;
  const bar = Math.max(2, Math.min(24, slot * 0.7));
  const y = (ms: number) => (height - bottom) * (1 - ms / max);
  const avg = points.reduce((s, p) => s + p.ms, 0) / points.length;

  return (
    <figure className="space-y-2">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="h-44 w-full"
        role="group"
        aria-label={`Durations of the ${points.length} latest completed runs; the longest took ${formatDuration(max)}`}
      >
        <line
          x1={left}
          x2={width}
          y1={height - bottom}
          y2={height - bottom}
          className="stroke-gray-300 dark:stroke-gray-600"
        />
        <line
          x1={left}
          x2={width}
          y1={y(max)}
          y2={y(max)}
          className="stroke-gray-200 dark:stroke-gray-700"
          strokeDasharray="3 3"
        />
        <text
          x={left - 6}
          y={y(max) + 4}
          textAnchor="end"
          className="fill-gray-700 text-[10px] dark:fill-gray-300"
        >
          {formatDuration(max)}
        </text>
        <text
          x={left - 6}
          y={height - bottom + 4}
          textAnchor="end"
          className="fill-gray-700 text-[10px] dark:fill-gray-300"
        >
          0s
        </text>
        <line
          x1={left}
          x2={width}
          y1={y(avg)}
          y2={y(avg)}
          className="stroke-blue-500"
          strokeDasharray="6 3"
        />
        {points.map(({ run, ms }, i) => {
          const info = runStatusInfo(run.status, run.conclusion);
          const x = left + i * slot + (slot - bar) / 2;
          const top = Math.min(y(ms), height - bottom - 2);
          const label = `Run #${run.run_number}: ${info.label}, ${formatDuration(ms)}`;
          return (
            <Link key={run.id} href={runHref(Number(run.id))} aria-label={label}>
              <rect
                x={x}
                y={top}
                width={bar}
                height={height - bottom - top}
                rx={1.5}
                className={`${fill[info.tone]} hover:opacity-75`}
              >
                <title>{label}</title>
              </rect>
            </Link>
          );
        })}
      </svg>
      <figcaption className="flex flex-wrap gap-4 text-xs text-gray-700 dark:text-gray-300">
        {LEGEND.map((l) => (
          <span key={l.tone} className="inline-flex items-center gap-1">
            <svg width="10" height="10" aria-hidden="true">
              <rect width="10" height="10" rx="2" className={fill[l.tone]} />
            </svg>
            {l.label}
          </span>
        ))}
        <span className="inline-flex items-center gap-1">
          <svg width="16" height="10" aria-hidden="true">
            <line x1="0" x2="16" y1="5" y2="5" className="stroke-blue-500" strokeDasharray="4 2" />
          </svg>
          Average {formatDuration(avg)}
        </span>
      </figcaption>
    </figure>
  );
}
