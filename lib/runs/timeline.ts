/**
 * A run's timeline as pure functions: the `needs:` graph read from the workflow file, the jobs of a
 * run mapped onto it (matrix jobs → their base job), the critical path, and the layout of every job
 * and step on one shared time axis. No React; unit-tested in tests/unit/runs-timeline.test.ts.
 */
import { parse as parseYaml } from "yaml";

// ---------------------------------------------------------------------------------------------
// The workflow's job graph

export interface WorkflowJobNode {
  /** The job's key under `jobs:` (what `needs:` refers to). */
  key: string;
  /** Its `name:` (may contain `${{ }}` expressions), or the key. */
  name: string;
  needs: string[];
  /** Has a `strategy.matrix` (its runs are named "Name (a, b)"). */
  matrix: boolean;
  /** Calls a reusable workflow (its jobs are named "Name / Inner"). */
  reusable: boolean;
}

export interface WorkflowGraph {
  jobs: WorkflowJobNode[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

export type ParseResult = { ok: true; graph: WorkflowGraph } | { ok: false; message: string };

/** Reads the jobs and their `needs:` from a workflow file's text. Never throws. */
export function parseWorkflowGraph(text: string): ParseResult {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { ok: false, message: `The workflow file is not valid YAML: ${detail}` };
  }
  if (!isRecord(doc) || !isRecord(doc.jobs)) {
    return { ok: false, message: "The workflow file has no `jobs:` section." };
  }
  const jobs: WorkflowJobNode[] = [];
  for (const [key, raw] of Object.entries(doc.jobs)) {
    const job = isRecord(raw) ? raw : {};
    const strategy = isRecord(job.strategy) ? job.strategy : {};
    jobs.push({
      key,
      name: typeof job.name === "string" && job.name.trim() ? job.name.trim() : key,
      needs: stringList(job.needs),
      matrix: strategy.matrix !== undefined && strategy.matrix !== null,
      reusable: typeof job.uses === "string",
    });
  }
  return { ok: true, graph: { jobs } };
}

/**
 * The repository path of a run's workflow file, from the run's `path`: ".github/workflows/ci.yml"
 * (GitHub may append "@refs/heads/main"); null for runs not started from a file in the repository
 * ("dynamic/pages/pages-build-deployment", empty).
 */
export function workflowFilePath(runPath: string | null | undefined): string | null {
  if (!runPath) return null;
  const path = runPath.split("@")[0]!.replace(/^\/+/, "");
  if (!/^\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) return null;
  return path;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A matcher for the names GitHub gives the runs of one workflow job. */
function nameMatcher(node: WorkflowJobNode): (name: string) => 0 | 1 | 2 {
  const hasExpr = node.name.includes("${{");
  const pattern = hasExpr
    ? new RegExp(`^${node.name.split(/\$\{\{[^}]*\}\}/).map(escapeRegExp).join(".+?")}$`)
    : null;
  return (name) => {
    if (pattern) return pattern.test(name) ? 1 : 0;
    if (name === node.name) return 2;
    // Matrix runs: "Test (18)", "Test (18, ubuntu-latest)"; reusable workflows: "Deploy / Smoke".
    if (name.startsWith(`${node.name} (`) && name.endsWith(")")) return 1;
    if (name.startsWith(`${node.name} / `)) return 1;
    return 0;
  };
}

/**
 * The workflow job (key) a run's job belongs to. Exact names win over matrix/reusable names; among
 * those, the longest workflow name wins ("Test e2e (x)" belongs to "Test e2e", not "Test").
 */
export function baseJobKey(jobName: string, graph: WorkflowGraph): string | undefined {
  let best: { key: string; score: number; length: number } | undefined;
  for (const node of graph.jobs) {
    const score = nameMatcher(node)(jobName);
    if (score === 0) continue;
    if (!best || score > best.score || (score === best.score && node.name.length > best.length)) {
      best = { key: node.key, score, length: node.name.length };
    }
  }
  if (best) return best.key;
  // A job named by its key (no `name:`), which GitHub also matrix-expands.
  return graph.jobs.find((n) => n.key === jobName)?.key;
}

export interface NamedJob {
  id: number;
  name: string;
}

/** Each job's direct dependencies (job ids), via the workflow's `needs:` between base jobs. */
export function jobDependencies(jobs: readonly NamedJob[], graph: WorkflowGraph): Map<number, number[]> {
  const keyOf = new Map<number, string | undefined>();
  const byKey = new Map<string, number[]>();
  for (const job of jobs) {
    const key = baseJobKey(job.name, graph);
    keyOf.set(job.id, key);
    if (key !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), job.id]);
  }
  const needsOf = new Map(graph.jobs.map((n) => [n.key, n.needs]));
  const deps = new Map<number, number[]>();
  for (const job of jobs) {
    const key = keyOf.get(job.id);
    const needs = key === undefined ? [] : (needsOf.get(key) ?? []);
    deps.set(
      job.id,
      needs.flatMap((k) => byKey.get(k) ?? []).filter((id) => id !== job.id),
    );
  }
  return deps;
}

// ---------------------------------------------------------------------------------------------
// Times

export interface TimedStep {
  name: string;
  number: number;
  status: string;
  conclusion: string | null;
  started_at?: string | null | undefined;
  completed_at?: string | null | undefined;
}

export interface TimedJob extends NamedJob {
  status: string;
  conclusion: string | null;
  created_at: string;
  started_at?: string | null | undefined;
  completed_at?: string | null | undefined;
  steps?: readonly TimedStep[] | undefined;
}

function ms(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

export interface JobSpan {
  /** When it was queued (created). */
  queuedAt: number;
  /** When a runner picked it up; undefined while queued or when it never ran. */
  startedAt: number | undefined;
  /** When it finished, or `now` while it runs; undefined while queued or when it never ran. */
  endedAt: number | undefined;
  /** When it stopped waiting: its start, else its completion (skipped, cancelled in the queue), else now. */
  queueEnd: number;
}

/**
 * A job's queued and running parts. GitHub sends `started_at` = `created_at` for a job still
 * queued, so a queued job has no running part whatever its `started_at` says.
 */
export function jobSpan(job: TimedJob, now: number): JobSpan {
  const queuedAt = ms(job.created_at) ?? now;
  const completed = ms(job.completed_at);
  const waiting = job.status === "queued" || job.status === "waiting" || job.status === "pending";
  const started = waiting ? undefined : ms(job.started_at);
  // Skipped, or cancelled before a runner took it: completed without any step having started.
  const neverRan =
    job.status === "completed" &&
    (job.conclusion === "skipped" || (!!job.steps?.length && !job.steps.some((s) => s.started_at)));
  if (started === undefined || neverRan) {
    const end = job.status === "completed" ? (completed ?? queuedAt) : now;
    return { queuedAt, startedAt: undefined, endedAt: undefined, queueEnd: Math.max(queuedAt, end) };
  }
  const startedAt = Math.max(queuedAt, started);
  const endedAt = job.status === "completed" ? Math.max(startedAt, completed ?? startedAt) : Math.max(startedAt, now);
  return { queuedAt, startedAt, endedAt, queueEnd: startedAt };
}

/** The moment a job stopped mattering to the run: its end, else the end of its wait. */
export function jobEnd(span: JobSpan): number {
  return span.endedAt ?? span.queueEnd;
}

/**
 * The critical path: the chain of jobs that decided when the run finished. It ends at the job that
 * ended last and walks back, at each step, to the dependency that ended last (the one the job was
 * waiting for). Returns job ids, first to last. Without dependencies it is the last job alone.
 */
export function criticalPath(
  jobs: readonly TimedJob[],
  deps: ReadonlyMap<number, readonly number[]>,
  now: number,
): number[] {
  if (jobs.length === 0) return [];
  const spans = new Map(jobs.map((j) => [j.id, jobSpan(j, now)]));
  const end = (id: number) => {
    const span = spans.get(id);
    return span ? jobEnd(span) : -Infinity;
  };
  let last = jobs[0]!.id;
  for (const job of jobs) if (end(job.id) > end(last)) last = job.id;
  const path = [last];
  const seen = new Set(path);
  let current = last;
  for (;;) {
    const candidates = (deps.get(current) ?? []).filter((id) => spans.has(id) && !seen.has(id));
    if (candidates.length === 0) break;
    let next = candidates[0]!;
    for (const id of candidates) if (end(id) > end(next)) next = id;
    path.unshift(next);
    seen.add(next);
    current = next;
  }
  return path;
}

// ---------------------------------------------------------------------------------------------
// Layout on a shared axis

export interface Segment {
  /** Offset from the axis start, in % of the axis. */
  left: number;
  /** Width in % of the axis (0 for an instant). */
  width: number;
}

export interface StepBar {
  number: number;
  name: string;
  status: string;
  conclusion: string | null;
  run: Segment | undefined;
  durationMs: number | undefined;
}

export interface JobBar {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
  queued: Segment;
  run: Segment | undefined;
  queuedMs: number;
  runMs: number | undefined;
  critical: boolean;
  /** Names of the jobs it needs (from the workflow file). */
  needs: string[];
  steps: StepBar[];
}

export interface Tick {
  left: number;
  /** Seconds from the axis start. */
  seconds: number;
}

export interface TimelineLayout {
  start: number;
  end: number;
  durationMs: number;
  jobs: JobBar[];
  ticks: Tick[];
}

const TICK_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** Tick positions for an axis of `durationMs`: a round step giving at most `maxTicks` intervals. */
export function axisTicks(durationMs: number, maxTicks = 6): Tick[] {
  const total = Math.max(0, durationMs) / 1000;
  if (total <= 0) return [{ left: 0, seconds: 0 }];
  const step = TICK_STEPS_S.find((s) => total / s <= maxTicks) ?? Math.ceil(total / maxTicks / 86400) * 86400;
  const ticks: Tick[] = [];
  for (let s = 0; s <= total + 1e-9; s += step) ticks.push({ left: (s / total) * 100, seconds: s });
  return ticks;
}

export interface LayoutInput {
  jobs: readonly TimedJob[];
  /** Direct dependencies by job id; undefined when the workflow file could not be read. */
  deps?: ReadonlyMap<number, readonly number[]> | undefined;
  /** The run's start (run_started_at), so the axis starts with the attempt. */
  runStartedAt?: string | null | undefined;
  now: number;
}

/** Every job and step as bars on one axis from the attempt's start to its last moment (or now). */
export function layoutTimeline({ jobs, deps, runStartedAt, now }: LayoutInput): TimelineLayout {
  const spans = jobs.map((j) => ({ job: j, span: jobSpan(j, now) }));
  const starts = spans.map((s) => s.span.queuedAt);
  const runStart = ms(runStartedAt);
  if (runStart !== undefined) starts.push(runStart);
  const start = starts.length ? Math.min(...starts) : now;
  const ends = spans.map((s) => jobEnd(s.span));
  const end = Math.max(start, ...ends);
  const duration = end - start;
  const pct = (t: number) => (duration > 0 ? ((t - start) / duration) * 100 : 0);
  const segment = (from: number, to: number): Segment => ({
    left: pct(from),
    width: Math.max(0, pct(to) - pct(from)),
  });
  const critical = new Set(deps ? criticalPath(jobs, deps, now) : []);
  const names = new Map(jobs.map((j) => [j.id, j.name]));

  const bars: JobBar[] = spans.map(({ job, span }) => ({
    id: job.id,
    name: job.name,
    status: job.status,
    conclusion: job.conclusion,
    queued: segment(span.queuedAt, span.queueEnd),
    run: span.startedAt !== undefined && span.endedAt !== undefined ? segment(span.startedAt, span.endedAt) : undefined,
    queuedMs: span.queueEnd - span.queuedAt,
    runMs: span.startedAt !== undefined && span.endedAt !== undefined ? span.endedAt - span.startedAt : undefined,
    critical: critical.has(job.id),
    needs: (deps?.get(job.id) ?? []).map((id) => names.get(id) ?? String(id)),
    steps: (job.steps ?? []).map((step) => {
      const s = ms(step.started_at);
      const e = step.status === "completed" ? ms(step.completed_at) : step.status === "in_progress" ? Math.max(now, s ?? now) : undefined;
      const ran = s !== undefined && e !== undefined && step.conclusion !== "skipped";
      return {
        number: step.number,
        name: step.name,
        status: step.status,
        conclusion: step.conclusion,
        run: ran ? segment(Math.max(start, s), Math.max(s, e)) : undefined,
        durationMs: ran ? Math.max(0, e - s) : undefined,
      };
    }),
  }));

  return { start, end, durationMs: duration, jobs: bars, ticks: axisTicks(duration) };
}

/**
 * "Now" for a live view: the browser's clock, but never earlier than the latest time the data
 * itself mentions (the server's clock may run ahead of the browser's).
 */
export function liveNow(browserNow: number, jobs: readonly TimedJob[], extra: readonly (string | null | undefined)[] = []): number {
  let latest = browserNow;
  const consider = (value: string | null | undefined) => {
    const t = ms(value);
    if (t !== undefined && t > latest) latest = t;
  };
  for (const value of extra) consider(value);
  for (const job of jobs) {
    consider(job.created_at);
    consider(job.started_at);
    consider(job.completed_at);
    for (const step of job.steps ?? []) {
      consider(step.started_at);
      consider(step.completed_at);
    }
  }
  return latest;
}
