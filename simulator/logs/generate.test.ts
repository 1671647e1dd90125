// The byte generator: GitHub's line format, exact timestamps, chunks cut between lines, and the cache of
// finished big logs serving the very bytes a fresh generation gives.
import { describe, expect, it } from "vitest";
import type { Job, Run, Step } from "../store/types.js";
import { countLines, jobByteChunks, jobChunks, jobLogStream, stepWindows, type LogSubject } from "./generate.js";

const T0 = Date.parse("2026-11-20T17:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

function subject(logLines: number, opts: { running?: boolean; id?: number } = {}): LogSubject {
  const names = ["Set up job", "Run actions/checkout@v4", "Build", "Post Run actions/checkout@v4", "Complete job"];
  const secs = [2, 1, 7200, 1, 0];
  let t = T0;
  const steps: Step[] = names.map((name, i) => {
    const start = t;
    const end = t + (secs[i] ?? 1) * 1000;
    t = end;
    const running = opts.running && i === 2;
    const after = opts.running && i > 2;
    return {
      number: i + 1,
      name,
      status: running ? "in_progress" : after ? "queued" : "completed",
      conclusion: running || after ? null : "success",
      started_at: after ? null : iso(start),
      completed_at: running || after ? null : iso(end),
      seconds: secs[i] ?? 1,
    };
  });
  const job: Job = {
    id: opts.id ?? 77,
    runId: 1,
    run_attempt: 1,
    name: "Big",
    needs: [],
    status: opts.running ? "in_progress" : "completed",
    conclusion: opts.running ? null : "success",
    created_at: iso(T0),
    started_at: iso(T0),
    completed_at: opts.running ? null : iso(t),
    labels: ["self-hosted"],
    runner_id: 1,
    runner_name: "r1",
    runner_group_id: 1,
    runner_group_name: "Default",
    steps,
    logLines,
  };
  return { job, run: { id: 1, head_branch: "main" } as unknown as Run, repoFullName: "acme/web", workflowPath: ".github/workflows/big.yml" };
}

async function streamBytes(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return Buffer.concat(parts);
}

describe("log generator (bytes)", () => {
  it("writes GitHub's lines: a BOM, then `<ISO timestamp with 7 fraction digits>Z <text>`, times never going back", () => {
    const s = subject(20_000);
    const text = [...jobChunks(s)].join("");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(countLines(s));
    let last = "";
    const windows = stepWindows(s.job, Infinity);
    const first = Math.floor(windows[0]!.start / 1000) * 1000;
    const end = windows[windows.length - 1]!.end;
    const bad: string[] = [];
    for (const line of lines) {
      const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{7})Z (.*)$/.exec(line);
      const stamp = m ? `${m[1]}.${m[2]}` : "";
      const t = m ? Date.parse(`${m[1]}Z`) : NaN;
      if (!m || stamp <= last || !(t >= first && t <= end)) bad.push(line);
      last = stamp;
    }
    expect(bad).toEqual([]);
  });

  it("cuts chunks between lines only (each chunk is whole lines of valid UTF-8)", () => {
    const chunks = [...jobByteChunks(subject(50_000))];
    expect(chunks.length).toBeGreaterThan(10);
    const dec = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    for (const c of chunks) {
      expect(c[c.length - 1]).toBe(c.length === 3 ? 0xbf : 10);
      expect(() => dec.decode(c)).not.toThrow();
    }
  });

  it("serves a finished big log from memory the second time: the same bytes as a fresh generation", async () => {
    const s = subject(150_000, { id: 78 });
    const fresh = Buffer.concat([...jobByteChunks(s)]);
    const first = await streamBytes(jobLogStream(s));
    const second = await streamBytes(jobLogStream(s));
    expect(first.equals(fresh)).toBe(true);
    expect(second.equals(fresh)).toBe(true);
  });

  it("a running job's log is never cached: it grows with time", async () => {
    const s = subject(150_000, { running: true, id: 79 });
    const start = stepWindows(s.job, Infinity)[2]!.start;
    const early = await streamBytes(jobLogStream(s, start + 600_000));
    const later = await streamBytes(jobLogStream(s, start + 1_200_000));
    expect(later.length).toBeGreaterThan(early.length);
    expect(later.subarray(0, early.length).equals(early)).toBe(true);
  });

  it("a log read only in part is not cached (the next reader gets it whole)", async () => {
    const s = subject(150_000, { id: 80 });
    const reader = jobLogStream(s).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    const whole = await streamBytes(jobLogStream(s));
    expect(whole.equals(Buffer.concat([...jobByteChunks(s)]))).toBe(true);
  });
});
