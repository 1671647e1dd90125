/**
 * One raw log line → what the viewer shows: GitHub's runner writes `2026-11-20T17:42:40.1234567Z text`, and
 * marks some lines with a command prefix (`##[group]`, `##[endgroup]`, `##[error]`, `##[warning]`,
 * `##[notice]`, `##[debug]`, `##[command]`, `##[section]`) that is shown as styling, not as text.
 * The same rules, as multi-line regular expressions, are used by the search (search.ts) so that match
 * columns are columns of the shown text.
 */
import { ANSI_RE } from "./ansi";

export type LineCommand = "group" | "endgroup" | "error" | "warning" | "notice" | "debug" | "command" | "section";

/** A leading timestamp and its separating space. */
export const TIMESTAMP_RE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z ?/;
export const TIMESTAMP_RE_M = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z ?/gm;
export const COMMAND_RE = /^##\[(group|endgroup|error|warning|notice|debug|command|section)\]/;
export const COMMAND_RE_M = /^##\[(?:group|endgroup|error|warning|notice|debug|command|section)\]/gm;

export interface LineParts {
  /** The timestamp as written (ISO 8601, UTC), or null. */
  timestamp: string | null;
  command: LineCommand | null;
  /** The rest of the line, still with its ANSI sequences. */
  body: string;
}

export function splitLine(raw: string): LineParts {
  let rest = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (rest.endsWith("\r")) rest = rest.slice(0, -1);
  let timestamp: string | null = null;
  const ts = TIMESTAMP_RE.exec(rest);
  if (ts) {
    timestamp = ts[0].trimEnd();
    rest = rest.slice(ts[0].length);
  }
  const cmd = COMMAND_RE.exec(rest);
  if (cmd) rest = rest.slice(cmd[0].length);
  return { timestamp, command: (cmd?.[1] as LineCommand | undefined) ?? null, body: rest };
}

/**
 * The shown text of many raw lines joined by "\n" (lines keep their places: one "\n" per line), for
 * searching. A leading BOM is removed.
 */
export function shownText(raw: string): string {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return text.replace(TIMESTAMP_RE_M, "").replace(COMMAND_RE_M, "").replace(ANSI_RE, "");
}

/** Milliseconds since the epoch for a log timestamp (sub-millisecond digits are dropped). */
export function timestampMs(ts: string): number {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(ts);
  if (!m) return NaN;
  const msPart = (m[2] ?? "").padEnd(3, "0").slice(0, 3);
  return Date.parse(`${m[1]}.${msPart}Z`);
}

/** A formatter for timestamps in the viewer's own time zone (HH:MM:SS.mmm). */
export function timeFormatter(timeZone?: string): (ts: string) => string {
  const fmt = new Intl.DateTimeFormat(undefined, {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    fractionalSecondDigits: 3,
    hour12: false,
    ...(timeZone ? { timeZone } : {}),
  });
  return (ts) => {
    const t = timestampMs(ts);
    return Number.isNaN(t) ? ts : fmt.format(t);
  };
}
