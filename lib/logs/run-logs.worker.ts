/// <reference lib="webworker" />
/**
 * Search across all jobs of a run: downloads the run's log archive (zip) through the proxy, unpacks one
 * file at a time with fflate and searches each (shown text, as the job log viewer searches); see
 * archive-search.ts for which files and how their lines become step lines.
 */
import { compileQuery, type SearchOptions } from "./search";
import { archivePaths, jobStepsOf, searchEntry } from "./archive-search";
import { planArchive, type SearchEntry, type StepMatches } from "./run-archive";
import type { StepInfo } from "./steps";

declare const self: DedicatedWorkerGlobalScope;

export type ToRunWorker = {
  type: "search";
  id: number;
  url: string;
  query: string;
  options: SearchOptions;
  /** The run's jobs and their steps: maps the lines of job-level files to steps. */
  jobs: { name: string; steps: StepInfo[] }[];
};
export type FromRunWorker =
  | { type: "progress"; id: number; phase: "download" | "search"; bytes: number; filesDone: number; files: number }
  | { type: "step"; id: number; result: StepMatches }
  | { type: "done"; id: number; total: number; ms: number }
  | { type: "error"; id: number; status: number; message: string };

let archive: { url: string; bytes: Uint8Array; entries: SearchEntry[] } | null = null;
let current = 0;

async function fetchArchive(id: number, url: string) {
  if (archive?.url === url) return archive;
  archive = null;
  const res = await fetch(url, { credentials: "same-origin", cache: "no-store" });
  if (!res.ok || !res.body) {
    let message = `The server answered ${res.status}.`;
    try {
      const body = (await res.json()) as { error?: { message?: string } };
      message = body.error?.message ?? message;
    } catch {
      // not JSON
    }
    throw Object.assign(new Error(message), { status: res.status });
  }
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let n = 0;
  let last = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    n += value.length;
    if (n - last > 4_000_000) {
      last = n;
      self.postMessage({ type: "progress", id, phase: "download", bytes: n, filesDone: 0, files: 0 } satisfies FromRunWorker);
    }
  }
  const bytes = new Uint8Array(n);
  let off = 0;
  for (const p of parts) {
    bytes.set(p, off);
    off += p.length;
  }
  archive = { url, bytes, entries: planArchive(archivePaths(bytes)) };
  return archive;
}

async function search(msg: ToRunWorker) {
  const { id } = msg;
  current = id;
  const t0 = performance.now();
  const q = compileQuery(msg.query, msg.options);
  if (!q.ok) {
    self.postMessage({ type: "error", id, status: 0, message: q.error } satisfies FromRunWorker);
    return;
  }
  let a: Awaited<ReturnType<typeof fetchArchive>>;
  try {
    a = await fetchArchive(id, msg.url);
  } catch (e) {
    const status = typeof (e as { status?: unknown }).status === "number" ? (e as { status: number }).status : 0;
    self.postMessage({ type: "error", id, status, message: e instanceof Error ? e.message : String(e) } satisfies FromRunWorker);
    return;
  }
  const jobSteps = jobStepsOf(msg.jobs);
  let total = 0;
  let done = 0;
  for (const entry of a.entries) {
    if (current !== id) return;
    const found = searchEntry(a.bytes, entry, q.re, jobSteps);
    done++;
    for (const result of found) {
      total += result.count;
      self.postMessage({ type: "step", id, result } satisfies FromRunWorker);
    }
    if (done % 5 === 0 || done === a.entries.length) {
      self.postMessage({ type: "progress", id, phase: "search", bytes: a.bytes.length, filesDone: done, files: a.entries.length } satisfies FromRunWorker);
      // let a newer search message in between files
      await new Promise((r) => setTimeout(r, 0));
    }
  }
  if (current === id) self.postMessage({ type: "done", id, total, ms: performance.now() - t0 } satisfies FromRunWorker);
}

self.onmessage = (e: MessageEvent<ToRunWorker>) => {
  if (e.data.type === "search") void search(e.data);
};
