// Deterministic job logs in GitHub's format, generated on demand and never stored. Each line is
// `2026-11-20T17:42:40.1234567Z ` + text; timestamps fall inside the step's timing; ANSI colours (16, 256
// and truecolor), `##[group]`/`##[endgroup]`, `##[error]`, `##[warning]`, `##[notice]`. A job log is its
// steps' logs one after another; for a running job only the lines written up to `upTo` are produced.
import type { Job, Run } from "../store/types.js";
import { hash32, ms, stepLines } from "../actions/model.js";
import { shapedLine } from "./shape.js";

export interface LogSubject {
  job: Job;
  run: Run;
  /** "owner/name" */
  repoFullName: string;
  workflowPath: string;
}

/** GitHub's job logs (and each file of a run's log archive) start with a UTF-8 byte order mark. */
export const BOM = "\ufeff";

const ESC = "\u001b";
const C = {
  reset: `${ESC}[0m`,
  bold: `${ESC}[1m`,
  green: `${ESC}[32m`,
  red: `${ESC}[31m`,
  yellow: `${ESC}[33m`,
  cyan: `${ESC}[36;1m`,
  gray: `${ESC}[90m`,
  fg39: `${ESC}[39m`,
  c208: `${ESC}[38;5;208m`,
  c244: `${ESC}[38;5;244m`,
  c33: `${ESC}[38;5;33m`,
  tcOrange: `${ESC}[38;2;255;135;0m`,
  tcPurple: `${ESC}[38;2;166;120;255m`,
};

interface StepWindow {
  start: number;
  end: number;
  /** Whether the step has started by `upTo`. */
  started: boolean;
  /** Whether the step was over by `upTo`. */
  done: boolean;
}

/** Start and end (ms) of each step, from its recorded times or the job's start and step durations. */
export function stepWindows(job: Job, upTo: number): StepWindow[] {
  let t = job.started_at ? ms(job.started_at) : ms(job.created_at);
  return job.steps.map((s) => {
    const start = s.started_at ? ms(s.started_at) : t;
    const end = s.completed_at ? ms(s.completed_at) : start + s.seconds * 1000;
    t = end;
    const started = s.status !== "queued" && start <= upTo;
    const done = s.status === "completed" && end <= upTo;
    return { start, end, started, done };
  });
}

// --- timestamps ---------------------------------------------------------------------------------------

// --- line content -------------------------------------------------------------------------------------

const PKGS = ["react", "next", "typescript", "vitest", "eslint", "zod", "hono", "yaml", "fflate", "undici", "esbuild", "postcss"];
const FILES = ["src/app.ts", "src/routes/runs.ts", "lib/github.ts", "components/RunList.tsx", "lib/format.ts", "server/auth.ts", "pkg/api/handler.go", "internal/store/store.go"];

/** A small fast PRNG (xorshift32) for line content. */
function lcg(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

function bodyLine(r: () => number, i: number, stepName: string): string {
  const v = r();
  const pkg = PKGS[v % PKGS.length] as string;
  const file = FILES[(v >>> 4) % FILES.length] as string;
  const n = (v >>> 8) % 1000;
  switch ((v >>> 20) % 16) {
    case 0:
      return `${C.cyan}npm${C.reset} ${C.gray}http${C.reset} fetch GET 200 https://registry.npmjs.org/${pkg} ${n}ms (cache revalidated)`;
    case 1:
      return ` ${C.green}✓${C.fg39} ${file.replace(/\.(ts|tsx|go)$/, ".test.ts")} ${C.gray}(${(n % 40) + 1} tests)${C.reset} ${n}ms`;
    case 2:
      return `${C.c244}[${stepName.slice(0, 12)}]${C.reset} compiled ${file} in ${n}ms`;
    case 3:
      return `${C.tcOrange}warn${C.reset} ${pkg}@${(n % 9) + 1}.${n % 20}.${n % 7}: deprecated option ignored`;
    case 4:
      return `${C.c33}info${C.reset}  line ${i}: processed ${n} records from ${file}`;
    case 5:
      return `${C.bold}>${C.reset} ${pkg} build --target es2022 ${C.gray}(${n} modules)${C.reset}`;
    case 6:
      return `  ${C.green}PASS${C.reset}  ${file} ${C.gray}${(n / 100).toFixed(2)}s${C.reset}`;
    case 7:
      return `${C.tcPurple}◆${C.reset} chunk ${n.toString(16).padStart(4, "0")} ${(v % 9000) + 100} B gzip`;
    case 8:
      return `${C.c208}debug${C.reset} resolve ${pkg} → node_modules/${pkg}/index.js`;
    case 9:
      return `${C.yellow}›${C.reset} ${n} of 1000 items done`;
    default:
      return `[${String(i).padStart(6, " ")}] ${pkg}: ok ${file} (${n}ms)`;
  }
}

function setupLines(s: LogSubject): string[] {
  const { job } = s;
  const runner = job.runner_name ?? "runner";
  return [
    `Requested labels: ${job.labels.join(", ")}`,
    `Job defined at: ${s.repoFullName}/${s.workflowPath}@refs/heads/${s.run.head_branch}`,
    `Waiting for a runner to pick up this job...`,
    `Job is about to start running on the runner: ${runner} (${job.runner_group_name ? "organization" : "repository"})`,
    `Current runner version: '2.321.0'`,
    `Runner name: '${runner}'`,
    `Runner group name: '${job.runner_group_name ?? "Default"}'`,
    `Machine name: '${runner}'`,
    `##[group]Operating System`,
    labelsOs(job.labels),
    `##[endgroup]`,
    `##[group]GITHUB_TOKEN Permissions`,
    `Actions: write`,
    `Contents: read`,
    `Metadata: read`,
    `##[endgroup]`,
    `Secret source: Actions`,
    `Prepare workflow directory`,
    `Prepare all required actions`,
    `Getting action download info`,
    `Download action repository 'actions/checkout@v4' (SHA:11bd71901bbe5b1630ceea73d27597364c9af683)`,
    `Download action repository 'actions/upload-artifact@v4' (SHA:6f51ac03b9356f520e9adb1b1b7802705f340c2b)`,
    `##[notice]Runner is self-hosted; caches are kept between jobs`,
    `Complete job name: ${job.name}`,
  ];
}

function labelsOs(labels: string[]): string {
  const l = labels.map((x) => x.toLowerCase());
  if (l.includes("windows")) return "Microsoft Windows Server 2022";
  if (l.includes("macos")) return "macOS 15.1";
  return "Ubuntu 24.04.1 LTS";
}

interface StepText {
  head: string[];
  foot: string[];
  pool: string[];
  failLine: string | null;
}

/** Header, footer and a pool of body lines for a step (body lines are drawn from the pool). */
function stepText(s: LogSubject, stepIndex: number): StepText {
  const step = s.job.steps[stepIndex];
  if (!step) return { head: [], foot: [], pool: ["."], failLine: null };
  let head: string[];
  let foot: string[] = [];
  if (step.name === "Set up job") head = setupLines(s);
  else if (step.name === "Complete job") head = ["Cleaning up orphan processes", "Terminate orphan process: pid (4211) (node)", `Evaluate and set job outputs`];
  else if (step.name.startsWith("Post ")) head = ["Post job cleanup.", `${C.cyan}[command]${C.reset}/usr/bin/git version`, "git version 2.47.1", "Removing auth"];
  else {
    const cmd = step.name.replace(/^Run /, "");
    head = [`##[group]Run ${cmd}`, cmd, `shell: /usr/bin/bash -e {0}`, `##[endgroup]`];
  }
  if (step.conclusion === "failure") foot = [`##[error]Process completed with exit code 1.`];
  else if (step.conclusion === "cancelled") foot = [`##[error]The operation was canceled.`];
  else if (step.conclusion === "timed_out") foot = [`##[error]The job running on runner ${s.job.runner_name ?? "runner"} has exceeded the maximum execution time of 360 minutes.`];
  const r = lcg(hash32(s.job.id, step.number));
  const pool: string[] = [];
  for (let i = 0; i < POOL; i++) pool.push(bodyLine(r, i, step.name));
  const failLine = step.conclusion === "failure" ? `${C.red}Error:${C.reset} expected 200, got 500 (${FILES[0]}:${(r() % 400) + 1})` : null;
  return { head, foot, pool, failLine };
}

const POOL = 1024;

const enc = new TextEncoder();
/** Generated logs come in chunks of about this many bytes, always cut between lines. */
const CHUNK_BYTES = 256 * 1024;

/** "0000" … "9999" as bytes, four per number. */
const DIGITS = enc.encode(Array.from({ length: 10000 }, (_, n) => String(n).padStart(4, "0")).join(""));

/** Writes ms-since-epoch plus sub-millisecond ticks (100 ns) as `2026-11-20T17:42:40.1234567Z ` (30 bytes) at `out[at]`. */
class ByteClock {
  private sec = -1;
  private prefix = new Uint8Array(19);
  stamp(out: Uint8Array, at: number, msTime: number, ticks: number): number {
    const s = Math.floor(msTime / 1000);
    if (s !== this.sec) {
      this.sec = s;
      this.prefix = enc.encode(new Date(s * 1000).toISOString().slice(0, 19));
    }
    out.set(this.prefix, at);
    let p = at + 19;
    out[p++] = 0x2e; // .
    const frac = (msTime - s * 1000) * 10000 + ticks;
    const hi = Math.floor(frac / 10000);
    const lo = frac - hi * 10000;
    out[p++] = DIGITS[hi * 4 + 1]!;
    out[p++] = DIGITS[hi * 4 + 2]!;
    out[p++] = DIGITS[hi * 4 + 3]!;
    out[p++] = DIGITS[lo * 4]!;
    out[p++] = DIGITS[lo * 4 + 1]!;
    out[p++] = DIGITS[lo * 4 + 2]!;
    out[p++] = DIGITS[lo * 4 + 3]!;
    out[p++] = 0x5a; // Z
    out[p++] = 0x20;
    return p;
  }
}

/**
 * One step's log as bytes, timestamped, up to time `upTo`, in chunks of about CHUNK_BYTES (each a whole
 * number of lines). Lines are copied from pre-encoded templates, so a million lines take a fraction of a
 * second.
 */
export function* stepByteChunks(
  s: LogSubject,
  stepIndex: number,
  upTo = Infinity,
  cursor: LogCursor = newCursor(s.job),
  chunkBytes = CHUNK_BYTES,
): Generator<Uint8Array<ArrayBuffer>> {
  const step = s.job.steps[stepIndex];
  // skipped steps write no log
  if (!step || step.conclusion === "skipped") return;
  const w = stepWindows(s.job, upTo)[stepIndex];
  if (!w || !w.started) return;
  const scripted = s.job.scriptedLog?.[stepIndex];
  if (scripted) {
    yield scriptedStep(scripted, w.start, cursor);
    return;
  }
  const total = stepLines(s.job)[stepIndex] ?? 0;
  const span = Math.max(0, w.end - w.start);
  // A running step has written the share of its lines its elapsed time covers.
  const count = w.done ? total : Math.min(total, Math.floor((total * Math.max(0, upTo - w.start)) / Math.max(1, span)));
  if (count <= 0) return;
  const text = stepText(s, stepIndex);
  const head = text.head.map((l) => enc.encode(l));
  const foot = text.foot.map((l) => enc.encode(l));
  const pool = text.pool.map((l) => enc.encode(l));
  const failLine = text.failLine === null ? null : enc.encode(text.failLine);
  const footStart = w.done ? total - foot.length : Infinity;
  const bodyEnd = w.done ? total - foot.length : total;
  const clock = new ByteClock();
  const startMs = w.start;
  const spanTicks = span * 10000;
  const r = lcg(hash32("t", s.job.id, step.number));
  let out = new Uint8Array(chunkBytes);
  let pos = 0;
  const relStart = (startMs - cursor.base) * 10000;
  for (let i = 0; i < count; i++) {
    let line: Uint8Array;
    if (i < head.length) line = head[i]!;
    else if (i >= footStart) line = foot[i - footStart]!;
    else {
      const b = i - head.length;
      const v = r();
      const shaped = s.job.logShape && !(failLine && i === bodyEnd - 1) ? shapedLine(s.job.logShape, b, bodyEnd - head.length) : undefined;
      if (shaped !== undefined) line = shaped === null ? pool[v & (POOL - 1)]! : enc.encode(shaped);
      else if (b % 997 === 500) line = enc.encode(`##[warning]${FILES[b % FILES.length]}: unused variable 'tmp${b}'`);
      else if (b % 2003 === 1000) line = enc.encode(`##[group]Details for batch ${b}`);
      else if (b % 2003 === 1010) line = ENDGROUP_BYTES;
      else if (b % 4999 === 2500) line = enc.encode(`##[notice]Processed ${b} items so far`);
      else if (failLine && i === bodyEnd - 1) line = failLine;
      else line = pool[v & (POOL - 1)]!;
    }
    // spread evenly over the step, monotonically, with sub-ms ticks
    let off = Math.floor((spanTicks * i) / total) + ((r() >>> 28) & 7);
    if (off >= spanTicks) off = Math.max(0, spanTicks - 1);
    // ticks since the job's base time, never going back (zero-length steps share a millisecond)
    let abs = relStart + off;
    if (abs <= cursor.last) abs = cursor.last + 1;
    cursor.last = abs;
    const msOff = Math.floor(abs / 10000);
    const need = STAMP_BYTES + line.length + 1;
    if (pos + need > out.length) {
      if (pos > 0) yield out.subarray(0, pos);
      out = new Uint8Array(Math.max(chunkBytes, need));
      pos = 0;
    }
    pos = clock.stamp(out, pos, cursor.base + msOff, abs - msOff * 10000);
    out.set(line, pos);
    pos += line.length;
    out[pos++] = 10;
  }
  if (pos > 0) yield out.subarray(0, pos);
}

const STAMP_BYTES = 30;
const ENDGROUP_BYTES = enc.encode("##[endgroup]");

/** Text chunks of one step (the bytes of `stepByteChunks`, decoded; chunks end between lines). */
export function* stepChunks(s: LogSubject, stepIndex: number, upTo = Infinity, cursor: LogCursor = newCursor(s.job)): Generator<string> {
  const dec = new TextDecoder();
  for (const chunk of stepByteChunks(s, stepIndex, upTo, cursor)) yield dec.decode(chunk);
}

/** A step's fixed lines (Job.scriptedLog), 10 ms apart from the step's start, timestamped as generated ones. */
function scriptedStep(lines: string[], start: number, cursor: LogCursor): Uint8Array<ArrayBuffer> {
  const clock = new ByteClock();
  const encoded = lines.map((l) => enc.encode(l));
  const out = new Uint8Array(encoded.reduce((n, l) => n + STAMP_BYTES + l.length + 1, 0));
  let pos = 0;
  encoded.forEach((line, i) => {
    let abs = (start - cursor.base) * 10000 + i * 100_000;
    if (abs <= cursor.last) abs = cursor.last + 1;
    cursor.last = abs;
    const msOff = Math.floor(abs / 10000);
    pos = clock.stamp(out, pos, cursor.base + msOff, abs - msOff * 10000);
    out.set(line, pos);
    pos += line.length;
    out[pos++] = 10;
  });
  return out.subarray(0, pos);
}

/** Where a log's timestamps are: a base (ms) and the last stamp written, in 100 ns ticks after the base. */
export interface LogCursor {
  base: number;
  last: number;
}

export function newCursor(job: Job): LogCursor {
  return { base: job.started_at ? ms(job.started_at) : ms(job.created_at), last: -1 };
}

/** The whole job log as text chunks (BOM first), steps one after another. */
export function* jobChunks(s: LogSubject, upTo = Infinity): Generator<string> {
  const dec = new TextDecoder("utf-8", { ignoreBOM: true });
  for (const chunk of jobByteChunks(s, upTo)) yield dec.decode(chunk);
}

/** The whole job log as bytes (UTF-8 BOM first), steps one after another. */
export function* jobByteChunks(s: LogSubject, upTo = Infinity): Generator<Uint8Array<ArrayBuffer>> {
  yield enc.encode(BOM);
  const cursor = newCursor(s.job);
  for (let i = 0; i < s.job.steps.length; i++) yield* stepByteChunks(s, i, upTo, cursor);
}

/** Number of lines a job's log has at `upTo` (for tests and the bench). */
export function countLines(s: LogSubject, upTo = Infinity): number {
  let n = 0;
  for (const chunk of jobByteChunks(s, upTo)) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) n++;
  }
  return n;
}

/** A byte stream of chunks, pulled lazily (so a slow reader holds no more than a chunk or two). */
export function streamOf(chunks: Iterator<Uint8Array<ArrayBuffer>>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const n = chunks.next();
      if (n.done) controller.close();
      else controller.enqueue(n.value);
    },
    cancel() {
      chunks.return?.(undefined);
    },
  });
}

/**
 * Finished logs of at least CACHE_ABOVE_LINES lines are kept in memory once generated (deterministic, so
 * the same bytes; least recently used dropped beyond CACHE_MAX_BYTES): the 81 MB million-line log is then
 * served at memory speed instead of being generated again for every download.
 */
const CACHE_ABOVE_LINES = 100_000;
const CACHE_MAX_BYTES = 256 * 1024 * 1024;
const cache = new Map<string, { chunks: Uint8Array<ArrayBuffer>[]; bytes: number }>();
let cachedBytes = 0;

/** Whether a job's log at `upTo` is its final log (no step still writing). */
function isFinal(job: Job, upTo: number): boolean {
  if (job.status !== "completed") return false;
  const windows = stepWindows(job, upTo);
  return job.steps.every((step, i) => step.conclusion === "skipped" || step.status === "queued" || windows[i]?.done === true);
}

function cacheKey(s: LogSubject): string {
  return JSON.stringify([s.job, s.run.head_branch, s.repoFullName, s.workflowPath]);
}

function remember(key: string, chunks: Uint8Array<ArrayBuffer>[]): void {
  const bytes = chunks.reduce((n, c) => n + c.byteLength, 0);
  if (bytes > CACHE_MAX_BYTES) return;
  cache.set(key, { chunks, bytes });
  cachedBytes += bytes;
  for (const [k, v] of cache) {
    if (cachedBytes <= CACHE_MAX_BYTES) break;
    cache.delete(k);
    cachedBytes -= v.bytes;
  }
}

function* recording(key: string, chunks: Iterator<Uint8Array<ArrayBuffer>>): Generator<Uint8Array<ArrayBuffer>> {
  const kept: Uint8Array<ArrayBuffer>[] = [];
  for (let n = chunks.next(); !n.done; n = chunks.next()) {
    kept.push(n.value);
    yield n.value;
  }
  // only a log streamed to its end is kept
  if (!cache.has(key)) remember(key, kept);
}

export function jobLogStream(s: LogSubject, upTo = Infinity): ReadableStream<Uint8Array> {
  if (s.job.logLines < CACHE_ABOVE_LINES || !isFinal(s.job, upTo)) return streamOf(jobByteChunks(s, upTo));
  const key = cacheKey(s);
  const hit = cache.get(key);
  if (!hit) return streamOf(recording(key, jobByteChunks(s, upTo)));
  // most recently used last
  cache.delete(key);
  cache.set(key, hit);
  return streamOf(hit.chunks.values());
}

/** File-name-safe job and step names, as GitHub writes them in a run's log archive. */
export function safeName(name: string): string {
  return name.replace(/[\\/:*?"<>|\r\n]/g, "").slice(0, 100);
}
