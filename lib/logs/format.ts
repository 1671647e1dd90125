/** Small display helpers for the log viewer (pure). */

/** "1h 2m 3s", "4m 5s", "6s", "0s" for a duration in ms. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "";
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h) return `${h}h ${m}m ${sec}s`;
  if (m) return `${m}m ${sec}s`;
  return `${sec}s`;
}

export function stepDuration(
  step: { started_at?: string | null | undefined; completed_at?: string | null | undefined },
  now: number,
): string {
  if (!step.started_at) return "";
  const start = Date.parse(step.started_at);
  const end = step.completed_at ? Date.parse(step.completed_at) : now;
  return formatDuration(end - start);
}

export const nf = new Intl.NumberFormat("en-US");
