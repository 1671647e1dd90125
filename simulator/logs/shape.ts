// An optional shape for one job's generated log, set through the control interface
// (`POST /_sim/state/jobs/{id}`, routes/control-logs.ts) and never by the seed: a marker word every
// `markerEvery` body lines of every step, and one long `##[group]` of `groupLines` lines in the middle of a
// step big enough to hold it. The log viewer's benchmark uses it to have, at any log size, a word with a
// known number of matches and a group of a known size to fold.

export interface LogShape {
  /** The marker word (lower case letters, digits and dashes), written on its own line. */
  marker: string;
  /** A marker line replaces every `markerEvery`-th body line; 0 writes none. */
  markerEvery: number;
  /** Lines inside the long group (0: no group). */
  groupLines: number;
}

/** Text of the long group's header line. */
export const groupTitle = (lines: number) => `Bench group of ${lines.toLocaleString("en-US")} lines`;
/** The first line inside the long group and the line right after it: unique, so a test can find them. */
export const GROUP_FIRST_LINE = "bench group: first line inside";
export const AFTER_GROUP_LINE = "bench group: first line after";

/** Where the long group's header is, in body lines of a step with `bodyLines` body lines (-1: it does not fit). */
export function groupStart(shape: LogShape, bodyLines: number): number {
  // header + lines + `##[endgroup]` + the line after, with room around it
  if (shape.groupLines <= 0 || bodyLines < shape.groupLines + 100) return -1;
  return Math.floor((bodyLines - shape.groupLines) / 2);
}

/**
 * The shaped text of body line `b` of a step with `bodyLines` body lines: a string to write instead of the
 * generator's line, `null` for one of the generator's ordinary lines (never a group marker: groups do not nest),
 * or `undefined` to leave the line to the generator.
 */
export function shapedLine(shape: LogShape, b: number, bodyLines: number): string | null | undefined {
  const g = groupStart(shape, bodyLines);
  if (g >= 0) {
    const end = g + shape.groupLines + 1;
    if (b === g) return `##[group]${groupTitle(shape.groupLines)}`;
    if (b === g + 1) return GROUP_FIRST_LINE;
    if (b === end) return "##[endgroup]";
    if (b === end + 1) return AFTER_GROUP_LINE;
  }
  if (shape.markerEvery > 0 && b % shape.markerEvery === shape.markerEvery - 1) return `${shape.marker} ${Math.floor(b / shape.markerEvery) + 1}: bench marker`;
  // the generator's own groups stay clear of the long one
  if (g >= 0 && b >= g - 20 && b <= g + shape.groupLines + 20) return null;
  return undefined;
}
