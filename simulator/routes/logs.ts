// Job and run logs: the API answers 302 to a short-lived signed URL on the simulator, which streams the
// job's log as text/plain or the run's logs as a zip laid out as GitHub does: `N_jobname.txt` per job at the
// top and `jobname/N_stepname.txt` per step. `registerDownloads(app)` mounts the signed URLs (outside /api/v3).
import type { Hono } from "hono";
import type { SimContext, SimEnv } from "../context.js";
import { countWrite } from "../http/access.js";
import { DOCS, GhError, notFound } from "../http/errors.js";
import { route } from "../http/route.js";
import { signedUrl, verifySigned } from "../signing.js";
import type { Artifact, Job, Run, State } from "../store/types.js";
import { jobsOfRun, stepLines } from "../actions/model.js";
import { jobChunks, jobLogStream, newCursor, safeName, stepChunks, BOM, type LogSubject } from "../logs/generate.js";
import { artifactZip, zipStream, type ZipEntrySource } from "../logs/zip.js";
import { findRun, intParam, readRepo, writeRepo } from "./runs.js";

/** Signed download URLs live this long (GitHub: one minute). */
export const DOWNLOAD_TTL_SECONDS = 60;

function subject(state: State, job: Job, run: Run): LogSubject {
  const repo = state.repos.get(run.repoId);
  const wf = state.workflows.get(run.workflowId);
  return { job, run, repoFullName: repo ? `${repo.owner}/${repo.name}` : "", workflowPath: wf?.path ?? "" };
}

/** A job has a log once it has started running a step. */
const hasLog = (job: Job) => job.steps.length > 0 && job.steps.some((s) => s.status !== "queued");

function redirect(c: SimContext, path: string): Response {
  const url = signedUrl(c, path, DOWNLOAD_TTL_SECONDS);
  return new Response(null, { status: 302, headers: { Location: url } });
}

export function register(api: Hono<SimEnv>): void {
  route(api, "GET", "/repos/{owner}/{repo}/actions/jobs/{job_id}/logs", (c, p) => {
    const repo = readRepo(c, p);
    const state = c.get("sim").state;
    const job = state.jobs.get(intParam(p.job_id));
    const run = job ? state.runs.get(job.runId) : undefined;
    if (!job || !run || run.repoId !== repo.id || run.logsDeleted || !hasLog(job)) throw notFound();
    return redirect(c, `/_downloads/jobs/${job.id}/logs`);
  });

  const runLogs = (c: SimContext, p: Record<string, string>, attempt: number | null) => {
    const repo = readRepo(c, p);
    const run = findRun(c, repo, p.run_id);
    const n = attempt ?? run.run_attempt;
    if (n < 1 || n > run.run_attempt || run.logsDeleted) throw notFound();
    if (!jobsOfRun(c.get("sim").state, run.id, n).some(hasLog)) throw notFound();
    return redirect(c, `/_downloads/runs/${run.id}/attempts/${n}/logs`);
  };
  route(api, "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/logs", (c, p) => runLogs(c, p, null));
  route(api, "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/logs", (c, p) =>
    runLogs(c, p, intParam(p.attempt_number)),
  );

  route(api, "DELETE", "/repos/{owner}/{repo}/actions/runs/{run_id}/logs", (c, p) => {
    const repo = writeRepo(c, p);
    const run = findRun(c, repo, p.run_id);
    if (run.status !== "completed") {
      throw new GhError(403, "Unable to delete logs while the workflow run is still running.", {
        documentation_url: `${DOCS}/actions/workflow-runs#delete-workflow-run-logs`,
      });
    }
    run.logsDeleted = true;
    countWrite(c);
    return c.body(null, 204);
  });
}

/** Entries of more lines than this are stored, not deflated, so a million-line log streams in seconds. */
const STORE_ABOVE_LINES = 100_000;

/** The zip of a run attempt's logs, streamed. */
export function runLogZip(state: State, run: Run, attempt: number, upTo: number): ReadableStream<Uint8Array> {
  const jobs = jobsOfRun(state, run.id, attempt).filter(hasLog);
  const entries: ZipEntrySource[] = [];
  jobs.forEach((job, i) => {
    const s = subject(state, job, run);
    entries.push({ name: `${i}_${safeName(job.name)}.txt`, chunks: () => jobChunks(s, upTo), store: job.logLines > STORE_ABOVE_LINES });
  });
  for (const job of jobs) {
    const s = subject(state, job, run);
    const lines = stepLines(job);
    // step files are streamed in order, so one cursor gives them the job file's exact timestamps
    const cursor = newCursor(job);
    job.steps.forEach((step, i) => {
      if (step.status === "queued" || step.conclusion === "skipped") return;
      entries.push({
        name: `${safeName(job.name)}/${step.number}_${safeName(step.name)}.txt`,
        chunks: function* () {
          yield BOM;
          yield* stepChunks(s, i, upTo, cursor);
        },
        store: (lines[i] ?? 0) > STORE_ABOVE_LINES,
      });
    });
  }
  return zipStream(entries, new Date(run.updated_at));
}

export function artifactDownload(art: Artifact): Uint8Array<ArrayBuffer> {
  return artifactZip(art.files, art.created_at);
}

/** The signed download URLs (mounted outside /api/v3 by app.ts; see CONTRACT.md). */
export function registerDownloads(app: Hono<SimEnv>): void {
  const gone = () => new Response("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>BlobNotFound</Code><Message>The specified blob does not exist.</Message></Error>", { status: 404, headers: { "Content-Type": "application/xml" } });

  app.get("/_downloads/jobs/:job_id/logs", (c) => {
    const refused = verifySigned(c);
    if (refused) return refused;
    const sim = c.get("sim");
    const job = sim.state.jobs.get(Number(c.req.param("job_id")));
    const run = job ? sim.state.runs.get(job.runId) : undefined;
    if (!job || !run || run.logsDeleted) return gone();
    const stream = jobLogStream(subject(sim.state, job, run), sim.now().getTime());
    return new Response(stream, {
      status: 200,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Content-Disposition": `attachment; filename=job-logs.txt`, "Cache-Control": "no-store" },
    });
  });

  app.get("/_downloads/runs/:run_id/attempts/:n/logs", (c) => {
    const refused = verifySigned(c);
    if (refused) return refused;
    const sim = c.get("sim");
    const run = sim.state.runs.get(Number(c.req.param("run_id")));
    const n = Number(c.req.param("n"));
    if (!run || run.logsDeleted || !(n >= 1 && n <= run.run_attempt)) return gone();
    const stream = runLogZip(sim.state, run, n, sim.now().getTime());
    return new Response(stream, {
      status: 200,
      headers: { "Content-Type": "application/zip", "Content-Disposition": `attachment; filename=logs_${run.id}.zip`, "Cache-Control": "no-store" },
    });
  });

  app.get("/_downloads/artifacts/:artifact_id/zip", (c) => {
    const refused = verifySigned(c);
    if (refused) return refused;
    const sim = c.get("sim");
    const art = sim.state.artifacts.get(Number(c.req.param("artifact_id")));
    if (!art) return gone();
    const bytes = artifactDownload(art);
    return new Response(bytes, {
      status: 200,
      headers: {
        "Content-Type": "application/zip",
        "Content-Length": String(bytes.length),
        "Content-Disposition": `attachment; filename=${art.name}.zip`,
      },
    });
  });
}

