/**
 * The rows the viewer lists: a header row per step, then (when the step is open) its lines, less the
 * insides of folded `##[group]`s and the `##[endgroup]` lines (never shown, as on GitHub). Held as a few
 * hundred segments, not one entry per line, so a million-line log costs nothing to re-fold.
 */
import type { StepRange } from "./steps";

export type Row = { kind: "step"; step: number } | { kind: "line"; line: number };

export interface FoldInput {
  steps: readonly StepRange[];
  /** Which steps (indexes into `steps`) are open. */
  openSteps: ReadonlySet<number>;
  groupStarts: Uint32Array;
  groupEnds: Uint32Array;
  /** Group header lines whose groups are open (all others are folded). */
  openGroups: ReadonlySet<number>;
}

export class RowModel {
  /** First row of each segment. */
  private segRow: number[] = [];
  /** -1 - step for a header row, else the first line of a run of lines. */
  private segVal: number[] = [];
  private lineSegs: number[] = [];
  readonly rowCount: number;

  constructor(input: FoldInput) {
    let row = 0;
    const pushLines = (from: number, to: number) => {
      if (to <= from) return;
      this.lineSegs.push(this.segRow.length);
      this.segRow.push(row);
      this.segVal.push(from);
      row += to - from;
    };
    const { groupStarts, groupEnds } = input;
    input.steps.forEach((s, k) => {
      this.segRow.push(row);
      this.segVal.push(-1 - k);
      row++;
      if (!input.openSteps.has(k) || s.end <= s.start) return;
      let pos = s.start;
      let g = lowerBound(groupStarts, s.start);
      for (; g < groupStarts.length && groupStarts[g]! < s.end; g++) {
        const gs = groupStarts[g]!;
        const ge = Math.min(groupEnds[g] ?? s.end, s.end);
        if (gs < pos) continue;
        if (input.openGroups.has(gs)) {
          pushLines(pos, ge);
        } else {
          pushLines(pos, gs + 1);
        }
        pos = Math.min(s.end, ge + 1);
      }
      pushLines(pos, s.end);
    });
    this.rowCount = row;
  }

  /** The row at index r (0 ≤ r < rowCount). */
  rowAt(r: number): Row {
    let lo = 0;
    let hi = this.segRow.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.segRow[mid]! <= r) lo = mid;
      else hi = mid - 1;
    }
    const v = this.segVal[lo] ?? -1;
    if (v < 0) return { kind: "step", step: -1 - v };
    return { kind: "line", line: v + (r - this.segRow[lo]!) };
  }

  /** The row showing `line`, or -1 when it is folded away or its step is closed. */
  rowOfLine(line: number): number {
    let lo = 0;
    let hi = this.lineSegs.length - 1;
    if (hi < 0) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.segVal[this.lineSegs[mid]!]! <= line) lo = mid;
      else hi = mid - 1;
    }
    const seg = this.lineSegs[lo]!;
    const first = this.segVal[seg]!;
    if (line < first) return -1;
    const nextRow = seg + 1 < this.segRow.length ? this.segRow[seg + 1]! : this.rowCount;
    const r = this.segRow[seg]! + (line - first);
    return r < nextRow ? r : -1;
  }

  /** The header row of step k. */
  rowOfStep(k: number): number {
    for (let i = 0; i < this.segVal.length; i++) if (this.segVal[i] === -1 - k) return this.segRow[i]!;
    return -1;
  }
}

/** First index i with a[i] >= v. */
export function lowerBound(a: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The group (index) whose folded insides hide `line`, or -1. */
export function groupHiding(groupStarts: Uint32Array, groupEnds: Uint32Array, line: number): number {
  const g = lowerBound(groupStarts, line + 1) - 1;
  if (g < 0) return -1;
  return line > groupStarts[g]! && line <= (groupEnds[g] ?? 0) ? g : -1;
}
