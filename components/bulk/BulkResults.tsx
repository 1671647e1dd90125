"use client";

import type { BulkFailure, BulkResult } from "@/lib/bulk/run-bulk";
import { bulkCounts } from "@/lib/bulk/run-bulk";
import { ProgressBar } from "@/components/ui/ProgressBar";

const OUTCOME: Record<BulkFailure["outcome"], string> = {
  not_sent: "Nothing was sent.",
  not_applied: "Nothing was changed.",
  unknown: "It may or may not have happened: check before retrying.",
};

export interface BulkResultsProps<T> {
  /** e.g. "Deleting runners" */
  title: string;
  results: BulkResult<T>[];
  label: (item: T) => string;
}

/** Progress and a line per item: what happened to each, and whether a failed write may have happened. */
export function BulkResults<T>({ title, results, label }: BulkResultsProps<T>) {
  const c = bulkCounts(results);
  return (
    <section aria-label={title} className="space-y-2 rounded-md border border-gray-200 p-3 dark:border-gray-700">
      <ProgressBar value={c.finished} max={c.total} label={title} />
      <p className="text-sm" role="status">
        {c.finished < c.total ? `${c.finished} of ${c.total} finished…` : `${c.done} succeeded, ${c.failed} failed.`}
      </p>
      <ul className="max-h-64 space-y-1 overflow-auto text-sm">
        {results.map((r, i) => (
          <li key={i} className="flex gap-2">
            <span aria-hidden="true">{r.status === "done" ? "✓" : r.status === "failed" ? "✗" : "…"}</span>
            <span className="font-mono">{label(r.item)}</span>
            <span className={r.status === "failed" ? "text-red-700 dark:text-red-400" : "text-gray-700 dark:text-gray-300"}>
              {r.status === "done"
                ? "done"
                : r.status === "pending"
                  ? "waiting"
                  : `${r.message} ${OUTCOME[r.outcome]}`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
