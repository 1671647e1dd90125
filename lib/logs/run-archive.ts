/**
 * A run's log archive as GitHub lays it out: `N_<job>.txt` per job at the top (the whole job log) and,
 * in most archives, `<job>/<step number>_<step>.txt` per step (plus `<job>/system.txt`). Some servers
 * serve the job-level files only. Search reads a job's per-step files when it has them (their line numbers
 * are the line numbers of `#step:{n}:{line}` links), otherwise its job-level file, whose lines are mapped to
 * steps as the job page maps them (steps.ts). Names are stripped of `\/:*?"<>|` (and cut to 100 characters).
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

/** A job-level file: `N_<job>.txt` at the top of the archive (N orders the jobs). */
export interface JobEntry {
  path: string;
  job: string;
  order: number;
}

export function jobEntry(path: string): JobEntry | null {
  const m = /^(\d+)_([^/]*)\.txt$/.exec(path);
  if (!m) return null;
  return { path, job: m[2]!, order: Number(m[1]) };
}

/** What to search in an archive: one entry per step file, or one per job that has no step files. */
export type SearchEntry = ({ kind: "step" } & StepEntry) | ({ kind: "job" } & JobEntry);

export function planArchive(paths: Iterable<string>): SearchEntry[] {
  const stepsOf = new Map<string, StepEntry[]>();
  const jobs: JobEntry[] = [];
  for (const path of paths) {
    const s = stepEntry(path);
    if (s) {
      const list = stepsOf.get(s.job);
      if (list) list.push(s);
      else stepsOf.set(s.job, [s]);
    } else {
      const j = jobEntry(path);
      if (j) jobs.push(j);
    }
  }
  jobs.sort((a, b) => a.order - b.order);
  // a job's first job-level file (in the archive's order), for jobs without step files
  const jobFile = new Map<string, JobEntry>();
  for (const j of jobs) if (!jobFile.has(j.job)) jobFile.set(j.job, j);
  // jobs in the archive's order, each job's steps by number; jobs with step files first seen in either list
  const order = new Set([...jobs.map((j) => j.job), ...stepsOf.keys()]);
  const out: SearchEntry[] = [];
  for (const job of order) {
    const steps = stepsOf.get(job);
    if (steps) for (const s of steps.sort((a, b) => a.step - b.step)) out.push({ kind: "step", ...s });
    else out.push({ kind: "job", ...jobFile.get(job)! });
  }
  return out;
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
