/// <reference lib="webworker" />
/**
 * Search across all jobs of a run: downloads the run's log archive (zip) through the proxy, unpacks one
 * step file at a time with fflate and searches each (shown text, as the job log viewer searches).
 */
import { unzipSync } from "fflate";
import { shownText } from "./line";
import { MatchList, compileQuery, searchBatch, type SearchOptions } from "./search";
import { SAMPLES_PER_STEP, excerpt, stepEntry, type StepEntry, type StepMatches } from "./run-archive";

declare const self: DedicatedWorkerGlobalScope;

export type ToRunWorker = { type: "search"; id: number; url: string; query: string; options: SearchOptions };
export type FromRunWorker =
  | { type: "progress"; id: number; phase: "download" | "search"; bytes: number; filesDone: number; files: number }
  | { type: "step"; id: number; result: StepMatches }
  | { type: "done"; id: number; total: number; ms: number }
  | { type: "error"; id: number; status: number; message: string };

let archive: { url: string; bytes: Uint8Array; entries: StepEntry[] } | null = null;
let current = 0;
const decoder = new TextDecoder("utf-8");

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
  const entries: StepEntry[] = [];
  unzipSync(bytes, {
    filter: (f) => {
      const e = stepEntry(f.name);
      if (e) entries.push(e);
      return false;
    },
  });
  entries.sort((a, b) => (a.job === b.job ? a.step - b.step : 0));
  archive = { url, bytes, entries };
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
  let total = 0;
  let done = 0;
  for (const entry of a.entries) {
    if (current !== id) return;
    const file = unzipSync(a.bytes, { filter: (f) => f.name === entry.path })[entry.path];
    done++;
    if (!file) continue;
    const text = shownText(decoder.decode(file));
    const matches = new MatchList();
    searchBatch(text, 0, q.re, matches);
    if (matches.count > 0) {
      total += matches.count;
      const samples: StepMatches["samples"] = [];
      let lineStart = 0;
      let lineNo = 0;
      for (let i = 0; i < matches.count && samples.length < SAMPLES_PER_STEP; i++) {
        const line = matches.lines.get(i);
        if (samples.length && samples[samples.length - 1]!.line === line + 1) continue;
        while (lineNo < line) {
          lineStart = text.indexOf("\n", lineStart) + 1;
          lineNo++;
        }
        let end = text.indexOf("\n", lineStart);
        if (end < 0) end = text.length;
        const ex = excerpt(text.slice(lineStart, end), matches.starts.get(i), matches.lengths.get(i));
        samples.push({ line: line + 1, text: ex.text, start: ex.start, length: matches.lengths.get(i) });
      }
      self.postMessage({
        type: "step",
        id,
        result: { job: entry.job, step: entry.step, stepName: entry.stepName, count: matches.count, samples },
      } satisfies FromRunWorker);
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
