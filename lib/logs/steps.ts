/**
 * Which lines of a job log belong to which step, as GitHub lays a job log out: the steps' logs one after
 * another, "Set up job" first; every other step starts with a marker line: `##[group]Run …` for the
 * workflow's steps, `Post job cleanup.` for post steps, `Cleaning up orphan processes` for "Complete job".
 * Composite actions write `##[group]Run …` lines inside a step too, so a marker is taken for a step only
 * when its timestamp falls within the step's recorded start and end (whole seconds, as the API gives them).
 * Skipped and queued steps write no log.
 */
import type { IndexSnapshot } from "./indexer";

export interface StepInfo {
  number: number;
  name: string;
  status: string;
  conclusion?: string | null | undefined;
  started_at?: string | null | undefined;
  completed_at?: string | null | undefined;
}

export interface StepRange {
  number: number;
  /** First line (index into the job log) and one past the last; start === end: no lines. */
  start: number;
  end: number;
  /** Whether the step writes a log at all (not skipped, not queued). */
  hasLog: boolean;
}

export type StepMarkers = Pick<IndexSnapshot, "markerLines" | "markerKinds" | "markerSeconds" | "lineCount">;

const seconds = (iso: string | null | undefined): number => {
  if (!iso) return -1;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? -1 : Math.floor(t / 1000);
};

function expectedKind(name: string): number {
  if (name === "Complete job") return 2;
  if (name.startsWith("Post ")) return 1;
  return 0;
}

export function writesLog(step: StepInfo): boolean {
  return step.status !== "queued" && step.status !== "pending" && step.conclusion !== "skipped";
}

export function mapSteps(steps: readonly StepInfo[], m: StepMarkers): StepRange[] {
  const starts: (number | null)[] = steps.map(() => null);
  let cursor = 0;
  let prevStart = -1;
  let first = true;
  steps.forEach((step, k) => {
    if (!writesLog(step)) return;
    if (first) {
      first = false;
      starts[k] = 0;
      prevStart = 0;
      return;
    }
    const kind = expectedKind(step.name);
    const from = seconds(step.started_at);
    const to = seconds(step.completed_at);
    for (let i = cursor; i < m.markerLines.length; i++) {
      const line = m.markerLines[i]!;
      if (line <= prevStart) continue;
      if (m.markerKinds[i] !== kind) continue;
      const t = m.markerSeconds[i]!;
      if (t >= 0 && from >= 0 && t < from) continue;
      if (t >= 0 && to >= 0 && t > to) break;
      starts[k] = line;
      prevStart = line;
      cursor = i + 1;
      break;
    }
  });
  const ranges: StepRange[] = [];
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k]!;
    const start = starts[k];
    if (start === null || start === undefined) {
      ranges.push({ number: step.number, start: 0, end: 0, hasLog: writesLog(step) });
      continue;
    }
    let end = m.lineCount;
    for (let j = k + 1; j < steps.length; j++) {
      const s = starts[j];
      if (s !== null && s !== undefined) {
        end = s;
        break;
      }
    }
    ranges.push({ number: step.number, start, end, hasLog: true });
  }
  return ranges;
}

/** The step (index into `ranges`) holding `line`, or -1. */
export function stepOfLine(ranges: readonly StepRange[], line: number): number {
  for (let k = 0; k < ranges.length; k++) {
    const r = ranges[k]!;
    if (line >= r.start && line < r.end) return k;
  }
  return -1;
}
