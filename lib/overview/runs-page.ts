/**
 * One request per repository for "now" and "failures": the first page of its runs, unfiltered (`per_page=100`).
 * When the repository has no more runs than that page holds (most repositories: quiet ones, new ones, ones that
 * never ran Actions answer `total_count: 0`), the page is the repository's whole run history, so its queued and
 * in-progress runs and its failures in any range are read from it instead of three filtered lists. Busier
 * repositories fall back to the filtered lists (`status=queued`, `status=in_progress`, `status=failure&created=…`),
 * as GitHub has no org-wide runs endpoint. Pure.
 */
import type { RunView } from "./queries";

export const RUNS_PAGE_SIZE = 100;

export interface RunsSnapshot {
  queued: RunView[];
  inProgress: RunView[];
  /** The repository's newest runs (the first page, newest first). */
  recent: RunView[];
  /** Whether `recent` holds every run the repository has. */
  complete: boolean;
}

export function isComplete(pageLength: number, totalCount: number): boolean {
  return totalCount <= pageLength;
}

/** Queued and in-progress runs of a complete page (as `status=queued` / `status=in_progress` would list them). */
export function activeOf(runs: readonly RunView[]): { queued: RunView[]; inProgress: RunView[] } {
  return { queued: runs.filter((r) => r.status === "queued"), inProgress: runs.filter((r) => r.status === "in_progress") };
}

/**
 * The failed runs (conclusion `failure`, what `status=failure` lists) of a complete snapshot, or null when the
 * snapshot is not complete and the filtered list must be asked. The range itself is applied by groupFailures.
 */
export function failuresOf(snapshot: RunsSnapshot | undefined): RunView[] | null {
  if (!snapshot?.complete) return null;
  return snapshot.recent.filter((r) => r.conclusion === "failure");
}

/** What the live poll's scheduler needs of a snapshot: active runs, and the newest update it has seen. */
export function activityOf(snapshot: RunsSnapshot): { active: number; latestUpdate: string | null } {
  let latest: string | null = null;
  for (const r of [...snapshot.recent, ...snapshot.queued, ...snapshot.inProgress]) if (latest === null || r.updatedAt > latest) latest = r.updatedAt;
  return { active: snapshot.queued.length + snapshot.inProgress.length, latestUpdate: latest };
}
