/// <reference lib="webworker" />
/**
 * The log worker: streams a job log from the proxy, keeps its bytes, indexes it as it arrives
 * (indexer.ts), decodes only the lines the viewer asks for, and searches the whole log.
 */
import { LogIndex } from "./indexer";
import type { FromWorker, ToWorker } from "./protocol";
import { MatchList, compileQuery, planSearch, searchIndex } from "./search";
import { settled } from "./settled";

declare const self: DedicatedWorkerGlobalScope;

let index = new LogIndex();
let loadNo = 0;
let controller: AbortController | null = null;
const decoder = new TextDecoder("utf-8");

/** A worker clock reading as ms since the epoch (comparable with the page's clock). */
const at = (t: number) => performance.timeOrigin + t;
const post = (msg: FromWorker, transfer: Transferable[] = []) => self.postMessage(msg, transfer);

/** A task that lets queued messages (a new query, lines to show) run before it goes on. */
const yieldChannel = new MessageChannel();
const yielded: (() => void)[] = [];
yieldChannel.port1.onmessage = () => yielded.shift()?.();
const yieldToMessages = () =>
  new Promise<void>((resolve) => {
    yielded.push(resolve);
    yieldChannel.port2.postMessage(0);
  });

/**
 * Works out the shown text of arrived lines (what search matches against, see shown.ts) in short slices
 * once the log has arrived, so that indexing is not held up by it (a search before then works out what is
 * missing first). Measured: built between the chunks of a fast download it took about half of the worker's
 * time and delayed "fully indexed" by as much; a slow download's idle gaps are used for it (see load()).
 */
let building: LogIndex | null = null;
function buildInBackground(ix: LogIndex) {
  if (building === ix) return;
  building = ix;
  void (async () => {
    for (;;) {
      await yieldToMessages();
      if (building !== ix) return;
      // caught up: more lines start it again
      if (ix.buildShown(performance.now() + 8)) break;
    }
    building = null;
  })();
}

async function load(url: string) {
  controller?.abort();
  const my = ++loadNo;
  const abort = new AbortController();
  controller = abort;
  const fresh = new LogIndex();
  const t0 = performance.now();
  let firstByteMs = -1;
  try {
    const res = await fetch(url, { signal: abort.signal, credentials: "same-origin", cache: "no-store" });
    if (!res.ok || !res.body) {
      let message = `The server answered ${res.status}.`;
      try {
        const body = (await res.json()) as { error?: { message?: string }; message?: string };
        message = body.error?.message ?? body.message ?? message;
      } catch {
        // not JSON
      }
      if (my === loadNo) post({ type: "error", load: my, error: { status: res.status, message } });
      return;
    }
    const reader = res.body.getReader();
    let lastPost = 0;
    let next = reader.read();
    for (;;) {
      const { done, value } = await next;
      if (my !== loadNo) return;
      if (done) break;
      if (firstByteMs < 0) firstByteMs = performance.now() - t0;
      fresh.push(value);
      next = reader.read();
      // A slow download leaves the worker idle between chunks: use the gaps for the shown text, one short
      // slice at a time, and only where no chunk is waiting (a fast one is indexed first, see above).
      if (performance.now() - t0 > SLOW_DOWNLOAD_MS && !(await settled(next))) fresh.buildShown(performance.now() + 4);
      const now = performance.now();
      // A reload (a running job's growing log) replaces the shown index once its whole lines have caught up
      // with it (so a Download then has every line the old one had).
      if (index !== fresh && fresh.completeLines >= index.lineCount) index = fresh;
      // the first lines at once, then a fresh index at most every 150 ms while streaming
      if (index === fresh && (lastPost === 0 || now - lastPost > 150)) {
        const head = lastPost === 0 ? headLines(fresh) : undefined;
        lastPost = now;
        post({ type: "index", load: my, snapshot: fresh.snapshot(), done: false, firstByteAt: at(t0 + firstByteMs), indexedAt: at(now), ...(head ? { head } : {}) });
      }
    }
    fresh.finish();
    buildInBackground(fresh);
    index = fresh;
    post({ type: "index", load: my, snapshot: fresh.snapshot(), done: true, firstByteAt: at(t0 + Math.max(0, firstByteMs)), indexedAt: at(performance.now()) });
  } catch (e) {
    if (my !== loadNo || abort.signal.aborted) return;
    const why = e instanceof Error ? e.message : String(e);
    // A download that broke off must not pass for the whole log.
    const message =
      fresh.lineCount > 0 || firstByteMs >= 0
        ? `The download was cut off after ${fresh.lineCount.toLocaleString("en-US")} lines (the connection closed: ${why}). What is shown is incomplete; reload to try again.`
        : `The log could not be downloaded: the connection closed (${why}). Reload to try again.`;
    post({ type: "error", load: my, error: { status: 0, message } });
  }
}

/** After this long, a download counts as slow (see load()). */
const SLOW_DOWNLOAD_MS = 1000;

const HEAD_LINES = 200;

/** The text of the first complete lines (sent with the first snapshot). */
function headLines(ix: LogIndex): string[] {
  const out: string[] = [];
  const n = Math.min(HEAD_LINES, ix.completeLines);
  for (let i = 0; i < n; i++) {
    const [a, b] = ix.lineRange(i);
    out.push(decoder.decode(ix.bytes(a, b)));
  }
  return out;
}

function lines(id: number, from: number, to: number, pick?: number[]) {
  const out: string[] = [];
  if (pick) {
    for (const i of pick) {
      if (i < 0 || i >= index.lineCount) out.push("");
      else {
        const [a, b] = index.lineRange(i);
        out.push(decoder.decode(index.bytes(a, b)));
      }
    }
    post({ type: "lines", id, from, lines: out, pick });
    return;
  }
  const end = Math.min(to, index.lineCount);
  for (let i = Math.max(0, from); i < end; i++) {
    const [a, b] = index.lineRange(i);
    out.push(decoder.decode(index.bytes(a, b)));
  }
  post({ type: "lines", id, from, lines: out });
}

/** Bumped by every new search (and cancel): a running search that sees another number stops. */
let searchNo = 0;
const SLICE_MS = 25;

async function search(id: number, query: string, options: { caseSensitive: boolean; regex: boolean }) {
  const my = ++searchNo;
  const t0 = performance.now();
  const q = compileQuery(query, options);
  const matches = new MatchList();
  let searchedLines = 0;
  if (q.ok) {
    const it = searchIndex(index, planSearch(query, options), q.re, matches);
    let slice = performance.now();
    for (;;) {
      const r = it.next();
      if (r.done) {
        searchedLines = r.value;
        break;
      }
      if (performance.now() - slice > SLICE_MS) {
        await yieldToMessages();
        if (my !== searchNo) return;
        slice = performance.now();
      }
    }
  }
  const lines = matches.lines.toArray();
  const starts = matches.starts.toArray();
  const lengths = matches.lengths.toArray();
  post(
    {
      type: "search",
      id,
      ...(q.ok ? {} : { error: q.error }),
      count: matches.count,
      lines,
      starts,
      lengths,
      searchedLines,
      ms: performance.now() - t0,
    },
    [lines.buffer, starts.buffer, lengths.buffer],
  );
}

function raw(id: number) {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  const STEP = 1 << 22;
  // A reload of a running job's log shows its fresh index before that has finished: only its whole lines go.
  const end = index.completeByteLength;
  for (let off = 0; off < end; off += STEP) parts.push(index.bytes(off, Math.min(end, off + STEP)).slice());
  post({ type: "raw", id, blob: new Blob(parts, { type: "text/plain;charset=utf-8" }) });
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  switch (msg.type) {
    case "load":
      void load(msg.url);
      break;
    case "lines":
      lines(msg.id, msg.from, msg.to, msg.pick);
      break;
    case "search":
      void search(msg.id, msg.query, msg.options);
      break;
    case "cancelSearch":
      searchNo++;
      break;
    case "raw":
      raw(msg.id);
      break;
  }
};
