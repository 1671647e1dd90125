"use client";

import { useState, type CSSProperties } from "react";
import { formatDuration, runStatusInfo } from "@/lib/runs/status";
import type { JobBar, Segment, TimelineLayout } from "@/lib/runs/timeline";
import { cn } from "@/components/ui/cn";
import { StatusIcon } from "@/components/runs/StatusIcon";

/** Bar colour by status × conclusion (text labels carry the same information). */
export function barClass(status: string, conclusion: string | null): string {
  if (status === "in_progress") return "bg-amber-500 dark:bg-amber-400";
  if (status !== "completed") return "bg-gray-400";
  switch (conclusion) {
    case "success":
      return "bg-green-600 dark:bg-green-500";
    case "failure":
    case "timed_out":
    case "startup_failure":
      return "bg-red-600 dark:bg-red-500";
    case "cancelled":
      return "bg-gray-500";
    case "skipped":
      return "bg-gray-300 dark:bg-gray-600";
    default:
      return "bg-gray-500";
  }
}

const QUEUED_STYLE: CSSProperties = {
  backgroundImage:
    "repeating-linear-gradient(135deg, rgb(156 163 175 / 0.55) 0 4px, rgb(156 163 175 / 0.15) 4px 8px)",
};

function position(segment: Segment): CSSProperties {
  return { left: `${segment.left}%`, width: `max(${segment.width}%, 2px)` };
}

function describe(bar: JobBar): string {
  const parts = [`${bar.name}: ${runStatusInfo(bar.status, bar.conclusion).label}`];
  parts.push(`queued ${formatDuration(bar.queuedMs)}`);
  if (bar.runMs !== undefined) parts.push(`ran ${formatDuration(bar.runMs)}`);
  if (bar.needs.length) parts.push(`needs ${bar.needs.join(", ")}`);
  if (bar.critical) parts.push("on the critical path");
  return parts.join("; ");
}

export interface RunTimelineProps {
  layout: TimelineLayout;
  /** Why there is no critical path (the workflow file could not be read), if so. */
  graphNote?: string | undefined;
  live: boolean;
}

/** Every job as a bar on one time axis, queued part hatched, running part coloured; steps on demand. */
export function RunTimeline({ layout, graphNote, live }: RunTimelineProps) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  if (layout.jobs.length === 0) {
    return <p className="text-sm text-gray-700 dark:text-gray-300">This attempt has no jobs yet.</p>;
  }

  return (
    <div className="space-y-3" data-testid="run-timeline">
      <ul className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-gray-700 dark:text-gray-300" aria-label="Legend">
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm" style={QUEUED_STYLE} />
          Queued
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm bg-green-600" /> Succeeded
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm bg-red-600" /> Failed
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm bg-amber-500" /> Running
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm bg-gray-500" /> Cancelled or skipped
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm bg-gray-200 ring-2 ring-purple-600 dark:bg-gray-700" />
          Critical path
        </li>
        <li className="ml-auto">
          Total {formatDuration(layout.durationMs)}
          {live ? " so far" : ""}
        </li>
      </ul>
      {graphNote ? (
        <p className="text-xs text-gray-700 dark:text-gray-300" data-testid="timeline-graph-note">
          No critical path: {graphNote}
        </p>
      ) : null}

      <div className="grid grid-cols-[minmax(8rem,14rem)_1fr_4.5rem] items-center gap-x-3 text-sm">
        <span aria-hidden="true" />
        <div aria-hidden="true" className="relative h-5 border-b border-gray-300 text-[11px] text-gray-700 dark:border-gray-600 dark:text-gray-300">
          {layout.ticks.map((tick) => (
            <span
              key={tick.seconds}
              className="absolute top-0 -translate-x-1/2 whitespace-nowrap first:translate-x-0 last:-translate-x-full"
              style={{ left: `${tick.left}%` }}
            >
              {formatDuration(tick.seconds * 1000)}
            </span>
          ))}
        </div>
        <span aria-hidden="true" />
      </div>

      <ol className="space-y-1" aria-label="Jobs on the timeline">
        {layout.jobs.map((bar) => {
          const expanded = open.has(bar.id);
          const stepsId = `timeline-steps-${bar.id}`;
          return (
            <li key={bar.id} data-testid="timeline-job" data-critical={bar.critical ? "true" : "false"}>
              <div className="grid grid-cols-[minmax(8rem,14rem)_1fr_4.5rem] items-center gap-x-3 text-sm">
                <button
                  type="button"
                  aria-expanded={expanded}
                  aria-controls={stepsId}
                  onClick={() => toggle(bar.id)}
                  className="flex min-w-0 items-center gap-1.5 rounded text-left hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
                >
                  <svg aria-hidden="true" viewBox="0 0 16 16" width="12" height="12" className={cn("shrink-0 transition-transform", expanded && "rotate-90")}>
                    <path d="M6 4l4 4-4 4" stroke="currentColor" strokeWidth="1.6" fill="none" />
                  </svg>
                  <StatusIcon status={bar.status} conclusion={bar.conclusion} size={14} />
                  <span className="truncate">{bar.name}</span>
                  {bar.critical ? (
                    <span className="shrink-0 rounded bg-purple-100 px-1 text-[10px] font-semibold text-purple-800 dark:bg-purple-950 dark:text-purple-200">
                      critical
                    </span>
                  ) : null}
                  <span className="sr-only">, {describe(bar)}. Show steps</span>
                </button>
                <div
                  className="relative h-5 rounded-sm bg-gray-100 dark:bg-gray-800"
                  title={describe(bar)}
                  aria-hidden="true"
                >
                  {bar.queued.width > 0 || !bar.run ? (
                    <span className="absolute inset-y-1 rounded-sm" style={{ ...position(bar.queued), ...QUEUED_STYLE }} />
                  ) : null}
                  {bar.run ? (
                    <span
                      data-testid="timeline-run-bar"
                      className={cn(
                        "absolute inset-y-0 rounded-sm",
                        barClass(bar.status, bar.conclusion),
                        bar.status === "in_progress" && "animate-pulse",
                        bar.critical && "ring-2 ring-purple-600 ring-offset-1 dark:ring-purple-400 dark:ring-offset-gray-900",
                      )}
                      style={position(bar.run)}
                    />
                  ) : null}
                </div>
                <span className="text-right font-mono text-xs tabular-nums text-gray-700 dark:text-gray-300">
                  {bar.runMs !== undefined ? formatDuration(bar.runMs) : "—"}
                </span>
              </div>
              {expanded ? (
                <ol id={stepsId} className="mt-1 mb-2 space-y-0.5" aria-label={`Steps of ${bar.name}`}>
                  {bar.steps.length === 0 ? (
                    <li className="pl-8 text-xs text-gray-700 dark:text-gray-300">No steps reported.</li>
                  ) : null}
                  {bar.steps.map((step) => (
                    <li key={step.number} className="grid grid-cols-[minmax(8rem,14rem)_1fr_4.5rem] items-center gap-x-3 text-xs">
                      <span className="flex min-w-0 items-center gap-1.5 pl-6">
                        <StatusIcon status={step.status} conclusion={step.conclusion} size={12} />
                        <span className="truncate">{step.name}</span>
                      </span>
                      <div className="relative h-3" aria-hidden="true">
                        {step.run ? (
                          <span
                            className={cn("absolute inset-y-0 rounded-sm opacity-80", barClass(step.status, step.conclusion))}
                            style={position(step.run)}
                          />
                        ) : null}
                      </div>
                      <span className="text-right font-mono tabular-nums text-gray-700 dark:text-gray-300">
                        {step.durationMs !== undefined ? formatDuration(step.durationMs) : "—"}
                      </span>
                    </li>
                  ))}
                </ol>
              ) : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
