// The control interface that sizes and shapes a job's log for the log viewer's benchmark (routes/control-logs.ts).
import { describe, expect, it } from "vitest";
import { withSimulator } from "./testing/harness.js";
import { AFTER_GROUP_LINE, GROUP_FIRST_LINE, groupTitle, shapedLine } from "./logs/shape.js";

/** Lines of a job's log without the BOM and the timestamps. */
function bodies(text: string): string[] {
  return text
    .replace(/^\ufeff/, "")
    .replace(/\n$/, "")
    .split("\n")
    .map((l) => l.replace(/^\S+Z /, ""));
}

describe("shapedLine", () => {
  const shape = { marker: "checkpoint", markerEvery: 10, groupLines: 200 };

  it("writes a marker every markerEvery body lines and one group of groupLines lines in the middle", () => {
    const body = 1000;
    const out = Array.from({ length: body }, (_, b) => shapedLine(shape, b, body));
    const start = out.indexOf(`##[group]${groupTitle(200)}`);
    expect(start).toBe(400);
    expect(out[start + 1]).toBe(GROUP_FIRST_LINE);
    expect(out[start + 201]).toBe("##[endgroup]");
    expect(out[start + 202]).toBe(AFTER_GROUP_LINE);
    // near and inside the group the generator's own group markers are held back (groups do not nest)
    expect(out[start - 5]).toBeNull();
    expect(out[start + 150]).toBeNull();
    expect(out[start + 250]).toBeUndefined();
    expect(out.filter((t) => t?.startsWith("checkpoint ")).length).toBe(100);
  });

  it("leaves the group out of a step too small for it, and writes nothing when off", () => {
    expect(Array.from({ length: 250 }, (_, b) => shapedLine(shape, b, 250)).some((t) => t?.startsWith("##[group]"))).toBe(false);
    expect(shapedLine({ marker: "checkpoint", markerEvery: 0, groupLines: 0 }, 9, 100)).toBeUndefined();
  });
});

describe("POST /_sim/state/jobs/{id}", () => {
  const sim = withSimulator();

  const jobOf = (state: "completed" | "queued") => {
    const jobs = [...sim.sim!.state.jobs.values()];
    const job = jobs.find((j) => j.status === state && (state === "queued" || j.conclusion === "success") && j.logLines < 1000);
    if (!job) throw new Error(`no ${state} job`);
    const run = sim.sim!.state.runs.get(job.runId)!;
    const repo = sim.sim!.state.repos.get(run.repoId)!;
    return { job, path: `/repos/${repo.owner}/${repo.name}/actions/jobs/${job.id}/logs` };
  };

  it("gives a completed job's log the lines, markers and group asked for; reset restores it", async () => {
    const { job, path } = jobOf("completed");
    const before = (await sim.api("GET", path, { follow: true })).text;
    expect(before).not.toContain("checkpoint");

    const r = await sim.raw<{ id: number; logLines: number; lines: number; shape: unknown }>("POST", `/_sim/state/jobs/${job.id}`, {
      body: { logLines: 10_000, markerEvery: 10, groupLines: 1000 },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: job.id, logLines: 10_000, lines: 10_000, shape: { marker: "checkpoint", markerEvery: 10, groupLines: 1000 } });

    const lines = bodies((await sim.api("GET", path, { follow: true })).text);
    expect(lines.length).toBe(10_000);
    const markers = lines.filter((l) => /^checkpoint \d+: bench marker$/.test(l)).length;
    expect(markers).toBeGreaterThan(950);
    expect(markers).toBeLessThanOrEqual(1000);
    // the word appears on marker lines only
    expect(lines.filter((l) => l.includes("checkpoint")).length).toBe(markers);
    const start = lines.indexOf(`##[group]${groupTitle(1000)}`);
    expect(start).toBeGreaterThan(0);
    expect(lines[start + 1]).toBe(GROUP_FIRST_LINE);
    expect(lines[start + 1001]).toBe("##[endgroup]");
    expect(lines[start + 1002]).toBe(AFTER_GROUP_LINE);
    expect(lines.slice(start + 1, start + 1001).some((l) => l.startsWith("##[group]") || l === "##[endgroup]")).toBe(false);

    // omitted fields keep their values; zeroes take the shape off
    const off = await sim.raw<{ shape: unknown; lines: number }>("POST", `/_sim/state/jobs/${job.id}`, { body: { markerEvery: 0, groupLines: 0 } });
    expect(off.body).toMatchObject({ shape: null, lines: 10_000 });
    expect((await sim.api("GET", path, { follow: true })).text).not.toContain("checkpoint");

    // a reset re-seeds (relative to now, so the timestamps move): the job's own lines come back
    expect((await sim.raw("POST", "/_sim/reset")).status).toBe(200);
    expect(bodies((await sim.api("GET", path, { follow: true })).text)).toEqual(bodies(before));
  });

  it("refuses bad input, unknown jobs and jobs that are not completed", async () => {
    const { job } = jobOf("completed");
    for (const body of [{ logLines: 0 }, { logLines: 1.5 }, { logLines: 6_000_000 }, { markerEvery: -1 }, { groupLines: "10" }, { marker: "Has Spaces" }, [1]]) {
      const r = await sim.raw<{ message: string }>("POST", `/_sim/state/jobs/${job.id}`, { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.message).toBeTruthy();
    }
    expect((await sim.raw("POST", "/_sim/state/jobs/999999999", { body: { logLines: 10 } })).status).toBe(404);
    const queued = jobOf("queued");
    expect((await sim.raw("POST", `/_sim/state/jobs/${queued.job.id}`, { body: { logLines: 10_000 } })).status).toBe(409);
    expect(queued.job.logShape).toBeUndefined();
  });
});
