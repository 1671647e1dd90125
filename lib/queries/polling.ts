/**
 * Live views poll while something is running and stop when nothing is. Each poll goes through the
 * ETag-revalidating browser client, so an unchanged list costs a 304 (no GitHub rate limit).
 * Polling also pauses while the tab is hidden (TanStack's refetchIntervalInBackground is false,
 * and we check visibility here too); refetchOnWindowFocus catches up when the tab comes back.
 */
import type { Query } from "@tanstack/react-query";

/** Run/job statuses that can still change. */
export const ACTIVE_STATUSES: ReadonlySet<string> = new Set([
  "queued",
  "in_progress",
  "waiting",
  "requested",
  "pending",
  "action_required",
]);

export interface HasStatus {
  status?: string | null | undefined;
}

export function isActive(item: HasStatus): boolean {
  return typeof item.status === "string" && ACTIVE_STATUSES.has(item.status);
}

export const LIVE_POLL_MS = 5_000;

export interface PollOptions {
  /** Interval while something is active. */
  intervalMs?: number;
  /** Whether the page is visible (defaults to `document.visibilityState` in the browser). */
  visible?: boolean;
}

function pageVisible(): boolean {
  return typeof document === "undefined" || document.visibilityState !== "hidden";
}

/** The polling interval for a list of items: `intervalMs` while any is active, else `false` (stop). */
export function pollInterval(
  items: readonly HasStatus[] | undefined,
  options: PollOptions = {},
): number | false {
  const visible = options.visible ?? pageVisible();
  if (!visible || !items || items.length === 0) return false;
  return items.some(isActive) ? (options.intervalMs ?? LIVE_POLL_MS) : false;
}

/**
 * A `refetchInterval` function for useQuery: polls while `select(data)` has an active item, stops
 * otherwise, and stops after an error (a 401/403/404 will not fix itself by polling).
 */
export function liveRefetchInterval<TData>(
  select: (data: TData) => readonly HasStatus[],
  intervalMs: number = LIVE_POLL_MS,
): (query: Query<TData, Error, TData, readonly unknown[]>) => number | false {
  return (query) => {
    if (query.state.status === "error") return false;
    const data = query.state.data;
    return pollInterval(data === undefined ? undefined : select(data), { intervalMs });
  };
}
