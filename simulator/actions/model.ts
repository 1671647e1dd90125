// Workflows, runs and jobs: parsing workflow YAML into job plans, creating runs and attempts, and the
// state transitions the live engine and the routes share (start, finish, cancel a job; roll a run up).
import { parse as parseYaml } from "yaml";
import { createRng, type Rng } from "../store/rng.js";
import type { Conclusion, Job, Repo, Run, Runner, State, Step, Workflow } from "../store/types.js";
import { runnerGroupOf } from "../store/fleet.js";

// ---------------------------------------------------------------------------------------------------------
// time helpers

const DAY_MS = 86_400_000;
let isoDay = Number.NaN;
let isoDayPrefix = "";

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * ISO without milliseconds, as GitHub sends timestamps: `new Date(ms).toISOString()` without the
 * milliseconds, computed from the day's prefix (cached) and arithmetic, since seeding formats ~200,000 of them.
 */
export function iso(ms: number): string {
  const t = Math.trunc(ms);
  if (!(t >= 0 && t < 8.64e15)) return `${new Date(ms).toISOString().slice(0, 19)}Z`;
  const day = Math.floor(t / DAY_MS);
  if (day !== isoDay) {
    isoDay = day;
    isoDayPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  const sec = Math.floor((t - day * DAY_MS) / 1000);
  return `${isoDayPrefix}${pad2(Math.floor(sec / 3600))}:${pad2(Math.floor(sec / 60) % 60)}:${pad2(sec % 60)}Z`;
}

const dayStart = new Map<string, number>();

/** Two decimal digits at `i`, or 99 when they are not digits. */
function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : 99;
}

/** `Date.parse(s)`, with a fast path for GitHub's `YYYY-MM-DDTHH:MM:SSZ` (the day's start cached). */
export function ms(s: string): number {
  if (s.length === 20 && s[10] === "T" && s[13] === ":" && s[16] === ":" && s[19] === "Z") {
    const h = digits2(s, 11);
    const m = digits2(s, 14);
    const sec = digits2(s, 17);
    if (h < 24 && m < 60 && sec < 60) {
      const prefix = s.slice(0, 10);
      let start = dayStart.get(prefix);
      if (start === undefined) {
        if (dayStart.size > 50_000) dayStart.clear();
        start = Date.parse(`${prefix}T00:00:00Z`);
        dayStart.set(prefix, start);
      }
      if (Number.isFinite(start)) return start + ((h * 60 + m) * 60 + sec) * 1000;
    }
  }
  return Date.parse(s);
}

export function hash32(...parts: (string | number)[]): number {
  let h = 2166136261;
  for (const p of parts) {
    const s = String(p);
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 16777619) >>> 0;
    }
    h ^= 0x2f;
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h >>> 0;
}

export function hexSha(rng: Rng): string {
  let s = "";
  for (let i = 0; i < 5; i++) s += Math.floor(rng.next() * 0xffffffff).toString(16).padStart(8, "0");
  return s;
}

// ---------------------------------------------------------------------------------------------------------
// workflow YAML

export type InputType = "string" | "boolean" | "choice" | "number" | "environment";

export interface DispatchInput {
  name: string;
  type: InputType;
  required: boolean;
  default: string | null;
  options: string[];
  description: string | null;
}

export interface StepPlan {
  name: string;
  seconds: number;
}

export interface JobTemplate {
  key: string;
  name: string;
  needs: string[];
  runsOn: string[];
  environment: string | null;
  matrix: Record<string, string>[];
  steps: { name: string; kind: string; post: string | null }[];
}

export interface ParsedWorkflow {
  name: string;
  runName: string | null;
  events: string[];
  dispatchInputs: DispatchInput[] | null;
  jobs: JobTemplate[];
}

const parsedCache = new Map<string, ParsedWorkflow>();

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}
function scalar(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return String(v);
  return null;
}

/** Parses a workflow file (cached by its text). Throws on YAML that is not a workflow. */
export function parseWorkflow(text: string, fallbackName: string): ParsedWorkflow {
  const hit = parsedCache.get(text);
  if (hit) return hit;
  const doc = asRecord(parseYaml(text));
  const onRaw = doc.on ?? doc["true"];
  let events: string[] = [];
  let onMap: Record<string, unknown> = {};
  if (typeof onRaw === "string") events = [onRaw];
  else if (Array.isArray(onRaw)) events = onRaw.map(String);
  else {
    onMap = asRecord(onRaw);
    events = Object.keys(onMap);
  }
  let dispatchInputs: DispatchInput[] | null = null;
  if (events.includes("workflow_dispatch")) {
    dispatchInputs = [];
    const inputs = asRecord(asRecord(onMap.workflow_dispatch).inputs);
    for (const [name, specRaw] of Object.entries(inputs)) {
      const spec = asRecord(specRaw);
      const t = scalar(spec.type) ?? "string";
      const type: InputType = (["string", "boolean", "choice", "number", "environment"] as const).find((x) => x === t) ?? "string";
      dispatchInputs.push({
        name,
        type,
        required: spec.required === true,
        default: scalar(spec.default),
        options: asList(spec.options).map(String),
        description: scalar(spec.description),
      });
    }
  }
  const jobs: JobTemplate[] = [];
  for (const [key, jobRaw] of Object.entries(asRecord(doc.jobs))) {
    const j = asRecord(jobRaw);
    const matrixRaw = asRecord(asRecord(j.strategy).matrix);
    let combos: Record<string, string>[] = [{}];
    for (const [dim, values] of Object.entries(matrixRaw)) {
      if (dim === "include" || dim === "exclude") continue;
      const vals = asList(values).map((v) => scalar(v) ?? JSON.stringify(v));
      const next: Record<string, string>[] = [];
      for (const c of combos) for (const v of vals) next.push({ ...c, [dim]: v });
      combos = next;
    }
    for (const exRaw of asList(matrixRaw.exclude)) {
      const ex = asRecord(exRaw);
      combos = combos.filter((c) => !Object.entries(ex).every(([k, v]) => c[k] === scalar(v)));
    }
    for (const incRaw of asList(matrixRaw.include)) {
      const inc = Object.fromEntries(Object.entries(asRecord(incRaw)).map(([k, v]) => [k, scalar(v) ?? ""]));
      combos.push(inc);
    }
    const hasMatrix = Object.keys(matrixRaw).length > 0;
    const steps: JobTemplate["steps"] = [];
    for (const stRaw of asList(j.steps)) {
      const st = asRecord(stRaw);
      const uses = scalar(st.uses);
      const run = scalar(st.run);
      const name = scalar(st.name) ?? (uses ? `Run ${uses}` : run ? `Run ${run.split("\n")[0]?.trim() ?? run}` : "Run step");
      const kind = (uses ?? run ?? name).toLowerCase();
      const post = uses && /actions\/(checkout|setup-node|setup-go|setup-python|cache)@/.test(uses) ? `Post ${name}` : null;
      steps.push({ name, kind, post });
    }
    jobs.push({
      key,
      name: scalar(j.name) ?? key,
      needs: asList(j.needs).map(String),
      runsOn: asList(j["runs-on"]).map((x) => String(x)),
      environment: scalar(j.environment) ?? scalar(asRecord(j.environment).name),
      matrix: hasMatrix ? combos : [],
      steps,
    });
  }
  const parsed: ParsedWorkflow = {
    name: scalar(doc.name) ?? fallbackName,
    runName: scalar(doc["run-name"]),
    events,
    dispatchInputs,
    jobs,
  };
  parsedCache.set(text, parsed);
  return parsed;
}

/**
 * Puts `parsed` in the parse cache for `text` unless it is there: for files known to parse like another but
 * for their `name:` line (the seed's generic CI files), so start-up does not run the YAML parser for each.
 */
export function primeParsedWorkflow(text: string, parsed: ParsedWorkflow): void {
  if (!parsedCache.has(text)) parsedCache.set(text, parsed);
}

/** Replaces `${{ matrix.x }}`, `${{ inputs.x }}`, `${{ github.actor }}` in a string. */
export function interpolate(s: string, ctx: { matrix?: Record<string, string>; inputs?: Record<string, string>; actor?: string; ref?: string }): string {
  if (!s.includes("${{")) return s;
  return s.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expr: string) => {
    const [scope, key] = expr.split(".", 2);
    if (scope === "matrix" && key) return ctx.matrix?.[key] ?? "";
    if ((scope === "inputs" || scope === "github.event.inputs") && key) return ctx.inputs?.[key] ?? "";
    if (expr === "github.actor") return ctx.actor ?? "";
    if (expr === "github.ref_name") return ctx.ref ?? "";
    return "";
  });
}

/** Typical duration of a step, from what it does. */
function stepSeconds(kind: string, rng: Rng): number {
  if (kind.includes("checkout")) return rng.int(1, 4);
  if (kind.includes("setup-") || kind.includes("cache")) return rng.int(2, 9);
  if (kind.includes("npm ci") || kind.includes("install") || kind.includes("go mod")) return rng.int(15, 55);
  if (kind.includes("lint") || kind.includes("fmt") || kind.includes("vet")) return rng.int(8, 40);
  if (kind.includes("stress")) return rng.int(600, 900);
  if (kind.includes("test") || kind.includes("e2e") || kind.includes("playwright")) return rng.int(40, 240);
  if (kind.includes("build") || kind.includes("docker") || kind.includes("compile")) return rng.int(30, 180);
  if (kind.includes("deploy") || kind.includes("apply") || kind.includes("helm") || kind.includes("publish")) return rng.int(20, 120);
  if (kind.includes("upload-artifact") || kind.includes("download-artifact")) return rng.int(2, 12);
  if (kind.includes("plan")) return rng.int(15, 60);
  return rng.int(2, 25);
}

export interface JobPlan {
  name: string;
  key: string;
  needs: string[];
  labels: string[];
  environment: string | null;
  steps: StepPlan[];
  logLines: number;
}

/** Lines the generator writes for a step of this length (excluding the stress job). */
function stepLineCount(name: string, seconds: number): number {
  if (name === "Set up job") return 24;
  if (name === "Complete job") return 3;
  if (name.startsWith("Post ")) return 6;
  return Math.min(600, 6 + Math.round(seconds * 1.3));
}

/**
 * Jobs of a workflow, expanded from their matrix, with `needs` resolved to expanded job names and steps
 * as GitHub lists them ("Set up job", the workflow's steps, post steps in reverse, "Complete job").
 */
export function planJobs(wf: ParsedWorkflow, seed: number, ctx: { inputs?: Record<string, string>; actor?: string; ref?: string }): JobPlan[] {
  const rng = createRng(seed);
  const namesByKey = new Map<string, string[]>();
  const plans: JobPlan[] = [];
  for (const t of wf.jobs) {
    const combos = t.matrix.length ? t.matrix : [null];
    const names: string[] = [];
    for (const m of combos) {
      const mctx = { ...ctx, matrix: m ?? {} };
      const base = interpolate(t.name, mctx);
      const name = m && !t.name.includes("${{") ? `${base} (${Object.values(m).join(", ")})` : base;
      names.push(name);
      const steps: StepPlan[] = [{ name: "Set up job", seconds: rng.int(1, 4) }];
      for (const s of t.steps) steps.push({ name: interpolate(s.name, mctx), seconds: stepSeconds(s.kind, rng) });
      for (let i = t.steps.length - 1; i >= 0; i--) {
        const post = t.steps[i]?.post;
        if (post) steps.push({ name: post, seconds: rng.int(0, 2) });
      }
      steps.push({ name: "Complete job", seconds: rng.int(0, 1) });
      plans.push({
        name,
        key: t.key,
        needs: [],
        labels: t.runsOn.map((l) => interpolate(l, mctx)),
        environment: t.environment ? interpolate(t.environment, mctx) : null,
        steps,
        logLines: steps.reduce((n, s) => n + stepLineCount(s.name, s.seconds), 0),
      });
    }
    namesByKey.set(t.key, names);
  }
  for (const p of plans) {
    const t = wf.jobs.find((j) => j.key === p.key);
    p.needs = (t?.needs ?? []).flatMap((k) => namesByKey.get(k) ?? []);
  }
  return plans;
}

/** Per-step line counts of a job: the stress job puts all its extra lines into its longest step. */
export function stepLines(job: Job): number[] {
  const counts = job.steps.map((s) => stepLineCount(s.name, s.seconds));
  const sum = counts.reduce((a, b) => a + b, 0);
  if (job.logLines > sum && counts.length) {
    let longest = 0;
    job.steps.forEach((s, i) => {
      if (s.seconds > (job.steps[longest]?.seconds ?? 0)) longest = i;
    });
    counts[longest] = (counts[longest] ?? 0) + job.logLines - sum;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------------------
// queries

/** Jobs of a run (all attempts), in id order; cached per state until the job map changes size. */
const jobIndex = new WeakMap<State, { size: number; nextId: number; byRun: Map<number, Job[]> }>();

export function jobsOfRun(state: State, runId: number, attempt?: number): Job[] {
  let idx = jobIndex.get(state);
  if (!idx || idx.size !== state.jobs.size || idx.nextId !== state.nextId) {
    const byRun = new Map<number, Job[]>();
    for (const j of state.jobs.values()) {
      const list = byRun.get(j.runId);
      if (list) list.push(j);
      else byRun.set(j.runId, [j]);
    }
    for (const list of byRun.values()) list.sort((a, b) => a.id - b.id);
    idx = { size: state.jobs.size, nextId: state.nextId, byRun };
    jobIndex.set(state, idx);
  }
  const all = idx.byRun.get(runId) ?? [];
  return attempt === undefined ? all : all.filter((j) => j.run_attempt === attempt);
}

export function latestJobs(state: State, run: Run): Job[] {
  return jobsOfRun(state, run.id, run.run_attempt);
}

export function workflowFile(state: State, wf: Workflow): string | null {
  return state.repos.get(wf.repoId)?.files[wf.path] ?? null;
}

// ---------------------------------------------------------------------------------------------------------
// runners

export function runnerServesRepo(state: State, runner: Runner, repo: Repo): boolean {
  if (runner.repoId !== null) return runner.repoId === repo.id;
  if (!runner.org || runner.org.toLowerCase() !== repo.owner.toLowerCase()) return false;
  const group = runnerGroupOf(state, runner);
  if (!group) return true;
  if (repo.visibility === "public" && !group.allows_public_repositories) return false;
  if (group.visibility === "selected") return group.selectedRepoIds.includes(repo.id);
  if (group.visibility === "private") return repo.visibility !== "public";
  return true;
}

export function runnerMatches(runner: Runner, labels: string[]): boolean {
  const have = new Set(runner.labels.map((l) => l.name.toLowerCase()));
  return labels.every((l) => have.has(l.toLowerCase()));
}

/** An idle online runner for the job, or undefined (the job then stays queued). */
export function findRunner(state: State, job: Job, repo: Repo): Runner | undefined {
  for (const r of state.runners.values()) {
    if (r.status !== "online" || r.jobId !== null) continue;
    if (!runnerMatches(r, job.labels) || !runnerServesRepo(state, r, repo)) continue;
    return r;
  }
  return undefined;
}

export function assignRunner(state: State, job: Job, runner: Runner): void {
  runner.jobId = job.id;
  job.runner_id = runner.id;
  job.runner_name = runner.name;
  const group = runnerGroupOf(state, runner);
  job.runner_group_id = group ? group.id : null;
  job.runner_group_name = group ? group.name : null;
}

export function releaseRunner(state: State, job: Job): void {
  if (job.runner_id === null) return;
  const r = state.runners.get(job.runner_id);
  if (r && r.jobId === job.id) r.jobId = null;
}

// ---------------------------------------------------------------------------------------------------------
// creating runs and jobs

export function newJob(state: State, run: Run, plan: JobPlan, createdAt: number): Job {
  const job: Job = {
    id: state.nextId++,
    runId: run.id,
    run_attempt: run.run_attempt,
    name: plan.name,
    needs: plan.needs,
    status: "queued",
    conclusion: null,
    created_at: iso(createdAt),
    started_at: null,
    completed_at: null,
    labels: plan.labels,
    runner_id: null,
    runner_name: null,
    runner_group_id: null,
    runner_group_name: null,
    steps: plan.steps.map((s, i) => ({
      number: i + 1,
      name: s.name,
      status: "queued",
      conclusion: null,
      started_at: null,
      completed_at: null,
      seconds: s.seconds,
    })),
    logLines: plan.logLines,
  };
  state.jobs.set(job.id, job);
  return job;
}

/** Plans for a run's workflow file, with its inputs; null when the file is gone or does not parse. */
export function plansForRun(state: State, run: Run, seed: number): JobPlan[] | null {
  const wf = state.workflows.get(run.workflowId);
  if (!wf) return null;
  const text = workflowFile(state, wf);
  if (!text) return null;
  try {
    return planJobs(parseWorkflow(text, wf.path), seed, { inputs: run.inputs ?? {}, actor: run.actor, ref: run.head_branch });
  } catch {
    return null;
  }
}

/**
 * Which step (number) a live job fails at, or null when it succeeds: deterministic from the job id,
 * about one job in twelve fails.
 */
export function plannedFailure(job: Job): number | null {
  if (job.plannedFailStep !== undefined) return job.plannedFailStep;
  if (job.steps.length < 3) return null;
  const h = hash32("fail", job.id);
  if (h % 12 !== 0) return null;
  const runSteps = job.steps.length - 2;
  return 2 + ((h >>> 8) % Math.max(1, runSteps));
}

// ---------------------------------------------------------------------------------------------------------
// job and run state transitions

export function stepEndTimes(job: Job): number[] {
  const start = job.started_at ? ms(job.started_at) : 0;
  const out: number[] = [];
  let t = start;
  for (const s of job.steps) {
    t += s.seconds * 1000;
    out.push(t);
  }
  return out;
}

/** When a started job finishes (its planned failure ends it early). */
export function jobEndTime(job: Job): number {
  const ends = stepEndTimes(job);
  const fail = plannedFailure(job);
  if (fail !== null) {
    // the failing step ends the job, then post steps and "Complete job" run quickly
    return (ends[fail - 1] ?? 0) + 2000;
  }
  return ends[ends.length - 1] ?? (job.started_at ? ms(job.started_at) : 0);
}

export function startJob(state: State, job: Job, runner: Runner | null, at: number): void {
  if (runner) assignRunner(state, job, runner);
  job.status = "in_progress";
  job.started_at = iso(at);
  updateSteps(job, at);
}

/** Step statuses of a running job at time `now`. */
export function updateSteps(job: Job, now: number): void {
  if (!job.started_at) return;
  let t = ms(job.started_at);
  const fail = plannedFailure(job);
  let failed = false;
  for (const s of job.steps) {
    const start = t;
    const end = t + s.seconds * 1000;
    t = end;
    if (failed && s.name !== "Complete job" && !s.name.startsWith("Post ")) {
      if (now >= start) {
        s.status = "completed";
        s.conclusion = "skipped";
        s.started_at = iso(start);
        s.completed_at = iso(start);
      }
      continue;
    }
    if (now >= end) {
      s.status = "completed";
      s.conclusion = fail === s.number ? "failure" : "success";
      if (fail === s.number) failed = true;
      s.started_at = iso(start);
      s.completed_at = iso(end);
    } else if (now >= start) {
      s.status = "in_progress";
      s.conclusion = null;
      s.started_at = iso(start);
      s.completed_at = null;
    } else {
      s.status = "queued";
      s.conclusion = null;
      s.started_at = null;
      s.completed_at = null;
    }
  }
}

/** Completes a started job at `at` as planned. */
export function finishJob(state: State, job: Job, at: number): void {
  const fail = plannedFailure(job);
  if (fail !== null) {
    // compress the remaining steps: skipped steps take no time, post steps and Complete job run now
    let t = job.started_at ? ms(job.started_at) : at;
    for (const s of job.steps) {
      if (s.number < fail) {
        t += s.seconds * 1000;
        continue;
      }
      if (s.number === fail) {
        s.seconds = Math.max(1, Math.round((at - 2000 - t) / 1000));
        s.status = "completed";
        s.conclusion = "failure";
        s.started_at = iso(t);
        t += s.seconds * 1000;
        s.completed_at = iso(t);
        continue;
      }
      const skipped = s.name !== "Complete job" && !s.name.startsWith("Post ");
      s.status = "completed";
      s.conclusion = skipped ? "skipped" : "success";
      s.seconds = skipped ? 0 : Math.max(0, Math.min(s.seconds, 1));
      s.started_at = iso(t);
      t += s.seconds * 1000;
      s.completed_at = iso(t);
    }
    job.conclusion = "failure";
  } else {
    updateSteps(job, Number.MAX_SAFE_INTEGER);
    job.conclusion = "success";
  }
  job.status = "completed";
  job.completed_at = iso(at);
  releaseRunner(state, job);
}

/** Cancels a job at `at`: a running one stops in its current step; a queued one never ran. */
export function cancelJob(state: State, job: Job, at: number, conclusion: Conclusion = "cancelled"): void {
  if (job.status === "completed") return;
  if (job.status === "in_progress" && job.started_at) {
    updateSteps(job, at);
    for (const s of job.steps) {
      if (s.status === "in_progress") {
        s.status = "completed";
        s.conclusion = conclusion;
        s.completed_at = iso(at);
        s.seconds = Math.max(0, Math.round((at - ms(s.started_at ?? iso(at))) / 1000));
      } else if (s.status === "queued") {
        s.status = "completed";
        s.conclusion = "skipped";
        s.started_at = iso(at);
        s.completed_at = iso(at);
        s.seconds = 0;
      }
    }
  } else {
    job.steps = [];
    job.started_at = iso(at);
  }
  job.status = "completed";
  job.conclusion = conclusion;
  job.completed_at = iso(at);
  releaseRunner(state, job);
}

/** Marks a queued job skipped because a job it needs did not succeed. */
export function skipJob(state: State, job: Job, at: number): void {
  job.status = "completed";
  job.conclusion = "skipped";
  job.steps = [];
  job.started_at = iso(at);
  job.completed_at = iso(at);
  releaseRunner(state, job);
}

/** A run's status, conclusion and updated_at from its latest attempt's jobs. */
export function rollUpRun(state: State, run: Run, at: number): void {
  if (run.status !== "queued" && run.status !== "in_progress") return;
  const jobs = latestJobs(state, run);
  if (!jobs.length) return;
  const before = `${run.status}/${run.conclusion}`;
  if (jobs.every((j) => j.status === "completed")) {
    run.status = "completed";
    const cs = jobs.map((j) => j.conclusion);
    run.conclusion = cs.includes("failure")
      ? "failure"
      : cs.includes("timed_out")
        ? "timed_out"
        : cs.includes("cancelled")
          ? "cancelled"
          : cs.every((c) => c === "skipped")
            ? "skipped"
            : "success";
    const last = Math.max(...jobs.map((j) => (j.completed_at ? ms(j.completed_at) : 0)));
    run.updated_at = iso(Math.max(last, ms(run.run_started_at)));
  } else if (jobs.some((j) => j.status !== "queued")) {
    run.status = "in_progress";
    if (`${run.status}/${run.conclusion}` !== before) run.updated_at = iso(at);
  }
}

/** Starts a new attempt of a run (re-run): the current one becomes a snapshot in previousAttempts. */
export function newAttempt(run: Run, actor: string, at: number): void {
  run.previousAttempts.push({
    run_attempt: run.run_attempt,
    status: run.status,
    conclusion: run.conclusion,
    run_started_at: run.run_started_at,
    updated_at: run.updated_at,
    actor: run.triggering_actor,
  });
  run.run_attempt += 1;
  run.status = "queued";
  run.conclusion = null;
  run.run_started_at = iso(at);
  run.updated_at = iso(at);
  run.triggering_actor = actor;
  run.logsDeleted = false;
}

/** Names of jobs that (transitively) need any of `names`. */
export function dependents(jobs: Job[], names: Set<string>): Set<string> {
  const out = new Set(names);
  let grew = true;
  while (grew) {
    grew = false;
    for (const j of jobs) {
      if (!out.has(j.name) && j.needs.some((n) => out.has(n))) {
        out.add(j.name);
        grew = true;
      }
    }
  }
  return out;
}

/** Copies a completed job into the new attempt unchanged (what GitHub shows for jobs not re-run). */
export function carryJob(state: State, job: Job, attempt: number): Job {
  const copy: Job = {
    ...job,
    id: state.nextId++,
    run_attempt: attempt,
    steps: job.steps.map((s: Step) => ({ ...s })),
    labels: [...job.labels],
    needs: [...job.needs],
  };
  state.jobs.set(copy.id, copy);
  return copy;
}
