/**
 * A run's log archive as GitHub lays it out: `N_<job>.txt` per job at the top (the whole job log) and
 * `<job>/<step number>_<step>.txt` per step. Search reads the per-step files: their line numbers are the
 * line numbers of `#step:{n}:{line}` links. Names are stripped of `\/:*?"<>|` (and cut to 100 characters).
 */

export interface StepEntry {
  path: string;
  job: string;
  step: number;
  stepName: string;
}

export function stepEntry(path: string): StepEntry | null {
  const m = /^([^/]+)\/(\d+)_(.*)\.txt$/.exec(path);
  if (!m) return null;
  return { path, job: m[1]!, step: Number(m[2]), stepName: m[3]! };
}

/** A job or step name as it appears in the archive's file names. */
export function archiveName(name: string): string {
  return name.replace(/[\\/:*?"<>|\r\n]/g, "").slice(0, 100);
}

export interface StepMatches {
  job: string;
  step: number;
  stepName: string;
  count: number;
  /** The first matches: 1-based line in the step and the shown text around it. */
  samples: { line: number; text: string; start: number; length: number }[];
}

export interface RunSearchProgress {
  filesDone: number;
  files: number;
}

export const SAMPLES_PER_STEP = 20;

/** Shortens a shown line around a match so the match is visible in a list (max ~160 characters). */
export function excerpt(text: string, start: number, length: number, max = 160): { text: string; start: number } {
  if (text.length <= max) return { text, start };
  const from = Math.max(0, Math.min(start - 40, text.length - max));
  const cut = text.slice(from, from + max);
  return { text: (from > 0 ? "…" : "") + cut + (from + max < text.length ? "…" : ""), start: start - from + (from > 0 ? 1 : 0) };
}
