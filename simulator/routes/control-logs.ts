// Control interface for the log viewer's benchmark and tests: give a completed job's log a size and a shape.
// POST /_sim/state/jobs/{id} {logLines?, marker?, markerEvery?, groupLines?} → {id, logLines, lines, shape}.
// `logLines` sets how many lines the job's log has (the extra lines go to its longest step, as for the seeded
// million-line job); the shape (logs/shape.ts) adds a marker word every `markerEvery` body lines and one
// `##[group]` of `groupLines` lines. Omitted fields keep their current values; `markerEvery: 0` and
// `groupLines: 0` remove them. The seeded data is never changed otherwise; POST /_sim/reset restores it.
import type { Hono } from "hono";
import type { SimEnv } from "../context.js";
import { stepLines } from "../actions/model.js";
import type { LogShape } from "../logs/shape.js";

/** Bounds that keep one request from asking the generator for more than a few hundred MB. */
export const MAX_LOG_LINES = 5_000_000;
const MARKER = /^[a-z0-9-]{3,40}$/;

export function registerLogControl(app: Hono<SimEnv>): void {
  app.post("/_sim/state/jobs/:id", async (c) => {
    const job = c.get("sim").state.jobs.get(Number(c.req.param("id")));
    if (!job) return c.json({ message: "Not Found" }, 404);
    if (job.status !== "completed") return c.json({ message: "only a completed job's log can be reshaped (a running job's log follows the clock)" }, 409);
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body || typeof body !== "object" || Array.isArray(body)) return c.json({ message: "a JSON object is required" }, 400);
    const int = (k: string, min: number, max: number): number | undefined | string => {
      const v = body[k];
      if (v === undefined) return undefined;
      return typeof v === "number" && Number.isInteger(v) && v >= min && v <= max ? v : `${k} must be an integer from ${min} to ${max.toLocaleString("en-US")}`;
    };
    const logLines = int("logLines", 1, MAX_LOG_LINES);
    const markerEvery = int("markerEvery", 0, MAX_LOG_LINES);
    const groupLines = int("groupLines", 0, MAX_LOG_LINES);
    for (const v of [logLines, markerEvery, groupLines]) if (typeof v === "string") return c.json({ message: v }, 400);
    if (body.marker !== undefined && (typeof body.marker !== "string" || !MARKER.test(body.marker))) {
      return c.json({ message: "marker must be 3 to 40 lower-case letters, digits or dashes" }, 400);
    }
    const prev: LogShape = job.logShape ?? { marker: "checkpoint", markerEvery: 0, groupLines: 0 };
    const shape: LogShape = {
      marker: typeof body.marker === "string" ? body.marker : prev.marker,
      markerEvery: typeof markerEvery === "number" ? markerEvery : prev.markerEvery,
      groupLines: typeof groupLines === "number" ? groupLines : prev.groupLines,
    };
    if (typeof logLines === "number") job.logLines = logLines;
    if (shape.markerEvery > 0 || shape.groupLines > 0) job.logShape = shape;
    else delete job.logShape;
    // what the log now has: a log is never shorter than its steps' own lines; skipped steps write none
    const counts = stepLines(job);
    const lines = job.steps.reduce((n, s, i) => n + (s.conclusion === "skipped" ? 0 : (counts[i] ?? 0)), 0);
    return c.json({ id: job.id, logLines: job.logLines, lines, shape: job.logShape ?? null });
  });
}
