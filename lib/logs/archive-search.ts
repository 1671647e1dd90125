/**
 * Searching one file of a run's log archive (run-archive.ts): a step's own file, or a job-level file whose
 * lines are mapped to steps with the job page's mapping (steps.ts), so that both layouts give the same
 * `#step:{n}:{line}` numbers. Pure: the run-logs worker and the unit tests call it.
 */
import { unzipSync } from "fflate";
import { LogIndex } from "./indexer";
import { shownText } from "./line";
import { MatchList, searchBatch } from "./search";
import { mapSteps, stepOfLine, type StepInfo, type StepRange } from "./steps";
import { SAMPLES_PER_STEP, archiveName, excerpt, planArchive, type SearchEntry, type StepMatches } from "./run-archive";

/** The steps of each job of the run, by the job's archive name (archiveName). */
export type JobSteps = ReadonlyMap<string, readonly StepInfo[]>;

export function jobStepsOf(jobs: readonly { name: string; steps?: readonly StepInfo[] | undefined }[]): JobSteps {
  return new Map(jobs.map((j) => [archiveName(j.name), j.steps ?? []]));
}

const decoder = new TextDecoder("utf-8");

/** Reads the lines of a text in increasing order without splitting it whole. */
class LineCursor {
  private start = 0;
  private line = 0;
  constructor(private readonly text: string) {}
  at(line: number): string {
    while (this.line < line) {
      this.start = this.text.indexOf("\n", this.start) + 1;
      this.line++;
    }
    let end = this.text.indexOf("\n", this.start);
    if (end < 0) end = this.text.length;
    return this.text.slice(this.start, end);
  }
}

/** Matches [from, to) as one step's result; `firstLine` is the step's first line in the searched text. */
function stepResult(
  matches: MatchList,
  from: number,
  to: number,
  cursor: LineCursor,
  firstLine: number,
  where: Pick<StepMatches, "job" | "step" | "stepName">,
): StepMatches {
  const samples: StepMatches["samples"] = [];
  for (let i = from; i < to && samples.length < SAMPLES_PER_STEP; i++) {
    const line = matches.lines.get(i) - firstLine + 1;
    // one sample per line
    if (samples.length && samples[samples.length - 1]!.line === line) continue;
    const ex = excerpt(cursor.at(matches.lines.get(i)), matches.starts.get(i), matches.lengths.get(i));
    samples.push({ line, text: ex.text, start: ex.start, length: matches.lengths.get(i) });
  }
  return { ...where, count: to - from, samples };
}

function search(text: string, re: RegExp): MatchList {
  const matches = new MatchList();
  searchBatch(text, 0, re, matches);
  return matches;
}

/** A step file's matches (null: none). */
function searchStepFile(bytes: Uint8Array, re: RegExp, where: Pick<StepMatches, "job" | "step" | "stepName">): StepMatches | null {
  const text = shownText(decoder.decode(bytes));
  const matches = search(text, re);
  return matches.count ? stepResult(matches, 0, matches.count, new LineCursor(text), 0, where) : null;
}

/** Where a job log's steps are, found from its step markers as the job page finds them. */
function stepRanges(bytes: Uint8Array, steps: readonly StepInfo[]): StepRange[] {
  const index = new LogIndex();
  index.push(bytes);
  index.finish();
  return mapSteps(steps, index.snapshot());
}

/**
 * A job-level file's matches, one result per step holding any. Matches outside every step (the run's jobs
 * did not give this job's steps) are listed under step 0, "Job log".
 */
function searchJobFile(bytes: Uint8Array, re: RegExp, job: string, steps: readonly StepInfo[]): StepMatches[] {
  const text = shownText(decoder.decode(bytes));
  const matches = search(text, re);
  if (!matches.count) return [];
  const ranges = stepRanges(bytes, steps);
  const cursor = new LineCursor(text);
  const out: StepMatches[] = [];
  let i = 0;
  while (i < matches.count) {
    const k = stepOfLine(ranges, matches.lines.get(i));
    const range = ranges[k];
    // matches come in line order and steps do not overlap: the run of one step ends where its range does
    const sameStep = range ? (l: number) => l >= range.start && l < range.end : (l: number) => stepOfLine(ranges, l) === -1;
    let j = i + 1;
    while (j < matches.count && sameStep(matches.lines.get(j))) j++;
    const step = steps[k];
    out.push(
      step && range
        ? stepResult(matches, i, j, cursor, range.start, { job, step: step.number, stepName: step.name })
        : stepResult(matches, i, j, cursor, 0, { job, step: 0, stepName: "Job log" }),
    );
    i = j;
  }
  return out;
}

/** The file names in an archive (nothing is inflated). */
export function archivePaths(zip: Uint8Array): string[] {
  const paths: string[] = [];
  unzipSync(zip, {
    filter: (f) => {
      paths.push(f.name);
      return false;
    },
  });
  return paths;
}

/** Searches one planned entry of the archive. */
export function searchEntry(zip: Uint8Array, entry: SearchEntry, re: RegExp, jobSteps: JobSteps): StepMatches[] {
  const file = unzipSync(zip, { filter: (f) => f.name === entry.path })[entry.path];
  if (!file) return [];
  if (entry.kind === "job") return searchJobFile(file, re, entry.job, jobSteps.get(entry.job) ?? []);
  const found = searchStepFile(file, re, { job: entry.job, step: entry.step, stepName: entry.stepName });
  return found ? [found] : [];
}

/** The whole archive at once (tests; the worker goes entry by entry to report progress). */
export function searchArchive(zip: Uint8Array, re: RegExp, jobSteps: JobSteps): StepMatches[] {
  return planArchive(archivePaths(zip)).flatMap((e) => searchEntry(zip, e, re, jobSteps));
}
