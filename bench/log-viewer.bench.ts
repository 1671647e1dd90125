/**
 * Log viewer benchmark: `npx next build && npx tsx bench/log-viewer.bench.ts [--runs 5] [--sizes 10000,100000,1000000]
 *   [--viewers ours,rlv,rlv-stream] [--timeout 240]`
 *
 * Starts the simulator and the built dashboard (as the e2e tests do), signs in as mona with her token, and drives
 * Debian's Chromium (Playwright) over job logs of each size, made by the simulator's generator (~100 bytes a line):
 * the "Stress" job of acme/web's latest completed scheduled nightly.yml run (1,000,000 lines) and two other jobs of
 * that run resized through the control interface (`POST /_sim/state/jobs/{id}`). Each log gets, through the same
 * control, a marker word every size/1,000 lines (so ~1,000 matches at every size) and one `##[group]` of size/10 lines
 * (100,000 lines at 1M). In the same run, in the same browser, every log is opened in:
 *  - ours: the dashboard's job page `/{owner}/{repo}/actions/runs/{run}/job/{job}#step:1:1`;
 *  - rlv: @melloware/react-logviewer's <LazyLog url enableSearch caseInsensitive> (bench/react-logviewer/page.tsx,
 *    bundled here with esbuild and served from Playwright routes on the dashboard's origin: nothing of it ships);
 *  - rlv-stream: the same with `stream` (its mode for chunked responses, rendering chunks as they arrive).
 * Runs alternate between the viewers; each figure is the median of --runs runs. Each run also downloads every log
 * once in a blank page of the same origin, through the same proxy, doing nothing with it: the floor under "loaded". How each figure is taken is in
 * bench/README.md ("Job log viewer"); in short, all times are read inside the page (performance.timeOrigin + now()):
 *  - first byte: Resource Timing `responseStart` of the log request, read in whichever context fetched it (ours: its
 *    Web Worker; rlv: the page), so it does not depend on what a viewer reports about itself;
 *  - "painted": a requestAnimationFrame loop checks the DOM every frame; when the condition holds, the time is taken
 *    in a MessageChannel task posted from that frame's rAF callback, i.e. just after that frame's paint;
 *  - a line is "on screen" when a row element whose text includes the line's text is the topmost element at its
 *    own centre (document.elementFromPoint), so rows rendered off-screen or clipped do not count;
 *  - heap: CDP `Runtime.getHeapUsage` (V8 heap used + ArrayBuffer backing stores) of the page and of every worker
 *    (auto-attached, non-flattened sessions), sampled every 100 ms; the peak of main + workers;
 *  - longest main-thread task: PerformanceObserver "longtask" (tasks of 50 ms and more), over the whole visit, and
 *    split at the log's first byte: before it (the page's own load and hydration, which starts the viewer) and
 *    from it on (the viewer's work: loading, search, jump, fold).
 */
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from "@playwright/test";
import { build } from "esbuild";
import { mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import globalSetup from "../tests/e2e/global-setup.js";
import { fixedToken } from "../simulator/store/tokens.js";
import { AFTER_GROUP_LINE, GROUP_FIRST_LINE, groupTitle } from "../simulator/logs/shape.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    sizes: { type: "string", default: "10000,100000,1000000" },
    viewers: { type: "string", default: "ours,rlv,rlv-stream" },
    timeout: { type: "string", default: "240" },
    // stop starting runs after this time (ISO or HH:MM UTC), and report what was measured
    until: { type: "string", default: "" },
  },
});
const RUNS = Math.max(1, Number(values.runs));
const SIZES = values.sizes.split(",").map(Number);
const VIEWERS = values.viewers.split(",") as Viewer[];
const TIMEOUT = Math.max(10, Number(values.timeout)) * 1000;
const UNTIL = !values.until
  ? Infinity
  : /^\d\d:\d\d$/.test(values.until)
    ? Date.parse(`${new Date().toISOString().slice(0, 10)}T${values.until}:00Z`)
    : Date.parse(values.until);
const TOKEN = fixedToken("mona");
const WORD = "checkpoint";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

type Viewer = "ours" | "rlv" | "rlv-stream";
const VIEWER_NAME: Record<Viewer, string> = {
  ours: "Actions Console",
  rlv: "react-logviewer 6.5.5",
  "rlv-stream": "react-logviewer 6.5.5, `stream`",
};

interface LogCase {
  size: number;
  runId: number;
  jobId: number;
  lines: number;
  bytes: number;
  /** Expected matches of WORD (case-insensitive), counted here from the downloaded log. */
  matches: number;
  groupLines: number;
  firstText: string;
  lastText: string;
}

interface Result {
  firstLines: number;
  loaded: number;
  search: number;
  searchCount: number;
  /** The same search, typed 2 s after the log loaded (input → full count on screen). */
  searchSettled: number;
  jump: number;
  unfold: number;
  fold: number;
  longest: number;
  /** Longest task that started before the log's first byte / from it on (0: none of 50 ms or more). */
  longestBefore: number;
  longestAfter: number;
  heapMain: number;
  heapWorkers: number;
  heapPeak: number;
  /** The number the viewer shows on the log's last line (ours: within its step). */
  lastNumber: number;
  notes: string[];
}

const empty = (): Result => ({
  firstLines: NaN,
  loaded: NaN,
  search: NaN,
  searchCount: NaN,
  jump: NaN,
  unfold: NaN,
  fold: NaN,
  longest: NaN,
  longestBefore: NaN,
  searchSettled: NaN,
  longestAfter: NaN,
  heapMain: NaN,
  heapWorkers: NaN,
  heapPeak: NaN,
  lastNumber: NaN,
  notes: [],
});

// --- the logs ----------------------------------------------------------------------------------------------------

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const strip = (line: string) => line.replace(/^\ufeff/, "").replace(/^\S+Z /, "").replace(ANSI, "");

async function api<T>(sim: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sim}${path.startsWith("/_sim") ? "" : "/api/v3"}${path}`, {
    method,
    headers: { authorization: `token ${TOKEN}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Sizes and shapes one job's log per size, then downloads each to know what the viewers must show. */
async function prepareLogs(sim: string): Promise<LogCase[]> {
  const runs = await api<{ workflow_runs: { id: number }[] }>(
    sim,
    "GET",
    "/repos/acme/web/actions/workflows/nightly.yml/runs?event=schedule&status=completed&per_page=1",
  );
  const runId = runs.workflow_runs[0]!.id;
  const { jobs } = await api<{ jobs: { id: number; name: string; conclusion: string | null; status: string }[] }>(
    sim,
    "GET",
    `/repos/acme/web/actions/runs/${runId}/jobs`,
  );
  const stress = jobs.find((j) => j.name === "Stress");
  const others = jobs.filter((j) => j.name !== "Stress" && j.status === "completed" && j.conclusion === "success");
  if (!stress) throw new Error("no Stress job in the nightly run");
  const cases: LogCase[] = [];
  let k = 0;
  for (const size of SIZES) {
    const job = size === 1_000_000 ? stress : others[k++];
    if (!job) throw new Error(`no spare completed job in run ${runId} for a ${size}-line log`);
    const groupLines = Math.round(size / 10);
    await api(sim, "POST", `/_sim/state/jobs/${job.id}`, {
      logLines: size,
      marker: WORD,
      markerEvery: Math.max(1, Math.round(size / 1000)),
      groupLines,
    });
    const res = await fetch(`${sim}/api/v3/repos/acme/web/actions/jobs/${job.id}/logs`, { headers: { authorization: `token ${TOKEN}` } });
    const text = await res.text();
    const all = text.replace(/\n$/, "").split("\n");
    const lower = text.toLowerCase();
    let matches = 0;
    for (let i = lower.indexOf(WORD); i >= 0; i = lower.indexOf(WORD, i + WORD.length)) matches++;
    if (!all.some((l) => strip(l) === `##[group]${groupTitle(groupLines)}`)) throw new Error(`the ${size}-line log has no ${groupLines}-line group`);
    cases.push({
      size,
      runId,
      jobId: job.id,
      lines: all.length,
      bytes: Buffer.byteLength(text),
      matches,
      groupLines,
      firstText: strip(all[0] ?? ""),
      lastText: strip(all[all.length - 1] ?? ""),
    });
  }
  return cases;
}

// --- the browser side ----------------------------------------------------------------------------------------------

/** Installed in every page before its scripts: long tasks, and `__b.until(pred)` resolving just after a paint. */
const INIT = `
(() => {
  const now = () => performance.timeOrigin + performance.now();
  const b = (window.__b = { longest: 0, tasks: [], marks: {} });
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) { b.longest = Math.max(b.longest, e.duration); b.tasks.push([performance.timeOrigin + e.startTime, e.duration]); } })
      .observe({ type: "longtask", buffered: true });
  } catch {}
  b.now = now;
  // resolves with the time just after the paint of the first frame in which pred() holds
  b.until = (pred) => new Promise((resolve) => {
    const frame = () => {
      let ok = false;
      try { ok = !!pred(); } catch {}
      if (!ok) return requestAnimationFrame(frame);
      const c = new MessageChannel();
      c.port1.onmessage = () => resolve(now());
      c.port2.postMessage(0);
    };
    requestAnimationFrame(frame);
  });
  // a row (matching sel) whose text includes text, visible: the topmost element at its centre is inside it
  b.onScreen = (sel, text) => {
    for (const row of document.querySelectorAll(sel)) {
      if (!row.textContent || !row.textContent.includes(text)) continue;
      const r = row.getBoundingClientRect();
      if (r.height <= 0 || r.bottom <= 0 || r.top >= innerHeight) continue;
      const x = Math.min(r.left + 40, innerWidth - 1), y = r.top + r.height / 2;
      const hit = document.elementFromPoint(x, y);
      if (hit && (row === hit || row.contains(hit))) return true;
    }
    return false;
  };
  // the match count a viewer shows once its search is done (null before)
  b.count = (viewer) => {
    if (viewer === "ours") {
      const n = document.querySelector("[data-testid=match-count]")?.getAttribute("data-count");
      return n ? Number(n) : null;
    }
    const m = /(\\d+) match/.exec(document.querySelector(".react-lazylog-searchbar-matches")?.textContent ?? "");
    return m && Number(m[1]) > 0 ? Number(m[1]) : null;
  };
  // the highest line number among the rows in the DOM (react-logviewer's line number links have the number as id)
  b.lastNumber = (sel) => {
    let max = 0;
    for (const row of document.querySelectorAll(sel)) {
      const n = Number(row.getAttribute("data-line") ?? row.querySelector("a[id]")?.id);
      if (n > max) max = n;
    }
    return max;
  };
  // sets an input's value as typing does (React listens to "input") and returns when it was dispatched
  b.type = (sel, value) => {
    const input = document.querySelector(sel);
    if (!input) throw new Error("no " + sel);
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(input, value);
    const t = now();
    input.dispatchEvent(new Event("input", { bubbles: true }));
    return t;
  };
})();
`;

interface B {
  longest: number;
  /** Long tasks: [start (epoch ms), duration]. */
  tasks: [number, number][];
  marks: Record<string, number>;
  now(): number;
  until(pred: () => unknown): Promise<number>;
  onScreen(sel: string, text: string): boolean;
  type(sel: string, value: string): number;
  count(viewer: Viewer): number | null;
  lastNumber(sel: string): number;
}
declare const window: { __b: B; __rlv?: { loadedAt: number; error: string | null; jump(n: number): void } } & Record<string, unknown>;

/** Peak heap of a page and its workers: CDP Runtime.getHeapUsage, every 100 ms (V8 heap used + ArrayBuffer stores). */
async function heapSampler(page: Page) {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const workers = new Set<string>();
  const pending = new Map<number, (v: HeapUsage | null) => void>();
  let nextId = 1;
  cdp.on("Target.attachedToTarget", (e) => {
    if (e.targetInfo.type === "worker") workers.add(e.sessionId);
  });
  cdp.on("Target.detachedFromTarget", (e) => {
    if (e.sessionId) workers.delete(e.sessionId);
  });
  cdp.on("Target.receivedMessageFromTarget", (e) => {
    const m = JSON.parse(e.message) as { id?: number; result?: HeapUsage };
    if (m.id === undefined) return;
    pending.get(m.id)?.(m.result ?? null);
    pending.delete(m.id);
  });
  await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  interface HeapUsage {
    usedSize: number;
    backingStorageSize?: number;
  }
  const within = <T>(p: Promise<T>, ms: number, fallback: T) => Promise.race([p, new Promise<T>((r) => setTimeout(() => r(fallback), ms))]);
  const inWorker = (sessionId: string) => {
    const id = nextId++;
    const p = new Promise<HeapUsage | null>((r) => pending.set(id, r));
    void cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id, method: "Runtime.getHeapUsage" }) }).catch(() => pending.get(id)?.(null));
    return within(p, 5000, null);
  };
  const size = (u: HeapUsage | null) => (u ? u.usedSize + (u.backingStorageSize ?? 0) : 0);
  const peak = { main: 0, workers: 0, sum: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      const [main, ...ws] = await Promise.all([
        within(cdp.send("Runtime.getHeapUsage").catch(() => null) as Promise<HeapUsage | null>, 10_000, null),
        ...[...workers].map(inWorker),
      ]);
      const m = size(main);
      const w = ws.reduce((a, u) => a + size(u), 0);
      peak.main = Math.max(peak.main, m);
      peak.workers = Math.max(peak.workers, w);
      peak.sum = Math.max(peak.sum, m + w);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return async () => {
    running = false;
    await loop;
    await cdp.detach().catch(() => undefined);
    return peak;
  };
}

/** Resource Timing's responseStart of the log request (epoch ms), from the page or any of its workers. */
async function firstByteAt(page: Page): Promise<number> {
  const pick = () => {
    const e = performance
      .getEntriesByType("resource")
      .find((x) => /\/jobs\/\d+\/logs/.test(x.name)) as PerformanceResourceTiming | undefined;
    return e ? performance.timeOrigin + e.responseStart : NaN;
  };
  const fromPage: number = await page.evaluate(pick).catch(() => NaN);
  if (Number.isFinite(fromPage)) return fromPage;
  for (const w of page.workers()) {
    const t: number = await w.evaluate(pick).catch(() => NaN);
    if (Number.isFinite(t)) return t;
  }
  return NaN;
}

const ROW: Record<Viewer, string> = { ours: "[data-line]", rlv: ".log-line", "rlv-stream": ".log-line" };

async function measure(context: BrowserContext, viewer: Viewer, c: LogCase): Promise<Result> {
  const out = empty();
  // a viewer that crashed its tab can take the browser with it: later runs then fail here, recorded as failed
  const page = await context.newPage().catch((e: unknown) => {
    out.notes.push(`no page: ${String(e).split("\n")[0]?.slice(0, 120)}`);
    return null;
  });
  if (!page) return out;
  page.setDefaultTimeout(TIMEOUT);
  const stopHeap = await heapSampler(page);
  const logUrl = `/api/github/repos/acme/web/actions/jobs/${c.jobId}/logs`;
  const sel = ROW[viewer];
  // the helpers, then watches for the first line and the fully loaded state from the very start of the page
  // (one script: the order of several init scripts is not defined)
  const loaded =
    viewer === "ours"
      ? `() => document.querySelector('[data-testid="log-status"][data-done]')`
      : `() => (window.__rlv?.loadedAt ?? 0) > 0 && b.onScreen(${JSON.stringify(sel)}, ${JSON.stringify(c.firstText)})`;
  await page.addInitScript(`${INIT}
(() => {
  const b = window.__b;
  b.until(() => b.onScreen(${JSON.stringify(sel)}, ${JSON.stringify(c.firstText)})).then((t) => (b.marks.firstLines = t));
  b.until(${loaded}).then((t) => (b.marks.loaded = t));
})();`);
  // page.evaluate has no timeout of its own: every step races one
  // once a step has timed out, the tab is taken as stalled (a main thread blocked for minutes, or a crash): the rest
  // of its steps are skipped instead of each waiting out its own timeout (plus a screenshot's)
  let stalled = false;
  const step = async <T>(name: string, f: () => Promise<T>): Promise<T | undefined> => {
    if (stalled) {
      out.notes.push(`${name}: skipped (the tab had stopped answering)`);
      return undefined;
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        f(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT / 1000} s`)), TIMEOUT);
        }),
      ]);
    } catch (e) {
      out.notes.push(`${name}: ${String(e).split("\n")[0]?.slice(0, 160)}`);
      if (String(e).includes("timed out after")) stalled = true;
      await page.screenshot({ path: `test-results/screens/logs-bench-${viewer}-${c.size}-${name}.png`, timeout: 10_000 }).catch(() => undefined);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  };
  let firstByte = NaN;
  try {
    const url =
      viewer === "ours"
        ? `/acme/web/actions/runs/${c.runId}/job/${c.jobId}#step:1:1`
        : `/__bench/rlv.html?url=${encodeURIComponent(logUrl)}${viewer === "rlv-stream" ? "&stream=1" : ""}`;
    await page.goto(url, { waitUntil: "commit" });
    await step("load", async () => {
      await page.waitForFunction(() => window.__b.marks.loaded && window.__b.marks.firstLines, null, { timeout: TIMEOUT, polling: 250 });
      const marks = await page.evaluate(() => window.__b.marks);
      const fb = await firstByteAt(page);
      firstByte = fb;
      out.firstLines = (marks.firstLines ?? NaN) - fb;
      out.loaded = (marks.loaded ?? NaN) - fb;
    });
    if (!Number.isFinite(out.loaded)) throw new Error("the log did not load");

    // search: from the input event to the full count on screen
    await step("search", async () => {
      const input = viewer === "ours" ? "#log-search" : 'input[aria-label="Search Log"]';
      const r = await page.evaluate(
        async ({ input, word, viewer }) => {
          const b = window.__b;
          const t0 = b.type(input, word);
          const t1 = await b.until(() => b.count(viewer) !== null);
          return { ms: t1 - t0, count: b.count(viewer) ?? NaN };
        },
        { input, word: WORD, viewer },
      );
      out.search = r.ms;
      out.searchCount = r.count;
      if (r.count !== c.matches) out.notes.push(`search counted ${r.count} of ${c.matches} matches`);
    });

    // the same search once the viewer has had 2 s after loading (as a reader would type it): cleared, then typed
    await step("search2", async () => {
      const input = viewer === "ours" ? "#log-search" : 'input[aria-label="Search Log"]';
      const r = await page.evaluate(
        async ({ input, word, viewer, loaded }) => {
          const b = window.__b;
          b.type(input, "");
          await b.until(() => b.count(viewer) === null);
          await new Promise((r) => setTimeout(r, Math.max(0, loaded + 2000 - b.now())));
          const t0 = b.type(input, word);
          const t1 = await b.until(() => b.count(viewer) !== null);
          return { ms: t1 - t0, count: b.count(viewer) ?? NaN };
        },
        { input, word: WORD, viewer, loaded: await page.evaluate(() => window.__b.marks.loaded ?? 0) },
      );
      out.searchSettled = r.ms;
      if (r.count !== c.matches) out.notes.push(`second search counted ${r.count} of ${c.matches} matches`);
    });

    // jump to the last line: from the click (ours) or setting scrollToLine (rlv) to the last line on screen
    await step("jump", async () => {
      const r = await page.evaluate(
        async ({ viewer, sel, last, lines }) => {
          const b = window.__b;
          // the log's area in full view first (ours sits below the page's header), as a reader would have it
          scrollTo(0, document.documentElement.scrollHeight);
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          let t0: number;
          if (viewer === "ours") {
            const button = [...document.querySelectorAll("button")].find((x) => x.textContent?.trim() === "Jump to end");
            if (!button) throw new Error("no Jump to end button");
            t0 = b.now();
            button.click();
          } else {
            t0 = b.now();
            // past the end: its stream mode may count more lines than the log has (see the README)
            window.__rlv!.jump(lines + 1000);
          }
          const ms = (await b.until(() => b.onScreen(sel, last))) - t0;
          // how many lines the viewer has: ours says so in its status; react-logviewer numbers its last row
          const status = document.querySelector("[data-testid=log-status]")?.getAttribute("data-lines");
          return { ms, lastNumber: viewer === "ours" ? Number(status) : b.lastNumber(sel) };
        },
        { viewer, sel, last: c.lastText, lines: c.lines },
      );
      out.jump = r.ms;
      out.lastNumber = r.lastNumber;
    });

    // fold and unfold the long group (ours; react-logviewer has no folding)
    if (viewer === "ours") {
      await step("fold", async () => {
        const title = groupTitle(c.groupLines);
        // reach the group's header through the search (Enter goes to the match)
        await page.locator("#log-search").fill(title);
        await page.locator("[data-testid=match-count]").waitFor();
        await page.locator("#log-search").press("Enter");
        await page.waitForFunction(({ sel, title }) => window.__b.onScreen(sel, title), { sel, title });
        const toggle = async (want: "open" | "closed") =>
          page.evaluate(
            async ({ sel, title, want, first, after }) => {
              const b = window.__b;
              // the toggle is named by the title beside it (aria-labelledby), not by its own text
              const button = [...document.querySelectorAll<HTMLButtonElement>(`${sel} button[aria-expanded]`)].find((x) => {
                const label = x.getAttribute("aria-labelledby");
                return (label ? document.getElementById(label)?.textContent : x.textContent)?.includes(title);
              });
              if (!button) throw new Error("no group toggle");
              const t0 = b.now();
              button.click();
              const t1 = await b.until(() => (want === "open" ? b.onScreen(sel, first) : !b.onScreen(sel, first) && b.onScreen(sel, after)));
              return t1 - t0;
            },
            { sel, title, want, first: GROUP_FIRST_LINE, after: AFTER_GROUP_LINE },
          );
        out.unfold = await toggle("open");
        out.fold = await toggle("closed");
      });
    }
    out.longest = (await step("longest", () => page.evaluate(() => window.__b.longest))) ?? NaN;
    // (unread, e.g. after a crash: left unknown, not "none")
    const tasks = await step("tasks", () => page.evaluate(() => window.__b.tasks));
    if (tasks && Number.isFinite(firstByte)) {
      out.longestBefore = Math.max(0, ...tasks.filter(([t]) => t < firstByte).map(([, d]) => d));
      out.longestAfter = Math.max(0, ...tasks.filter(([t]) => t >= firstByte).map(([, d]) => d));
    }
    const rlvError = viewer === "ours" ? null : await step("error", () => page.evaluate(() => window.__rlv?.error ?? null));
    if (rlvError) out.notes.push(`react-logviewer: ${rlvError}`);
  } catch (e) {
    out.notes.push(`failed: ${String(e).split("\n")[0]?.slice(0, 200)}`);
  } finally {
    // neither may hang the bench on a stalled tab
    const giveUp = <T>(p: Promise<T>) => Promise.race([p.catch(() => null), new Promise<null>((r) => setTimeout(() => r(null), 15_000))]);
    const heap = await giveUp(stopHeap());
    if (heap) {
      out.heapMain = heap.main;
      out.heapWorkers = heap.workers;
      out.heapPeak = heap.sum;
    }
    await giveUp(page.close({ runBeforeUnload: false }));
  }
  return out;
}

/**
 * The floor under "fully loaded": the same log fetched through the same proxy in a page of the same origin and read to
 * its end with nothing done with the bytes; Resource Timing responseStart → the last chunk read (ms).
 */
async function downloadOnly(context: BrowserContext, c: LogCase): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto("/__bench/blank.html");
    return await page.evaluate(async (url) => {
      const res = await fetch(url, { cache: "no-store", credentials: "same-origin" });
      const reader = res.body!.getReader();
      for (;;) if ((await reader.read()).done) break;
      const end = performance.now();
      const e = performance.getEntriesByType("resource").find((x) => x.name.includes(url)) as PerformanceResourceTiming;
      return end - e.responseStart;
    }, `/api/github/repos/acme/web/actions/jobs/${c.jobId}/logs`);
  } catch {
    return NaN;
  } finally {
    await page.close();
  }
}

async function signedInContext(browser: Browser, base: string, rlvJs: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(180_000);
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Personal access token" }).fill(TOKEN);
  await page.getByRole("button", { name: "Sign in with token" }).click();
  await page.getByTestId("token-result").waitFor();
  await page.close();
  // the react-logviewer page, served on the dashboard's origin (same proxy, same cookie) but never by the dashboard
  await context.route("**/__bench/rlv.html*", (route) =>
    route.fulfill({
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>react-logviewer</title><style>html,body,#root{margin:0;height:100%}</style></head><body><div id="root"></div><script src="/__bench/rlv.js"></script></body></html>`,
    }),
  );
  await context.route("**/__bench/blank.html", (route) =>
    route.fulfill({ contentType: "text/html; charset=utf-8", body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>download</title></head><body></body></html>` }),
  );
  await context.route("**/__bench/rlv.js", (route) => route.fulfill({ contentType: "text/javascript; charset=utf-8", body: rlvJs }));
  return context;
}

async function bundleRlv(): Promise<string> {
  const r = await build({
    entryPoints: ["bench/react-logviewer/page.tsx"],
    bundle: true,
    write: false,
    format: "iife",
    minify: true,
    target: "es2022",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  return r.outputFiles[0]!.text;
}

// --- numbers ---------------------------------------------------------------------------------------------------------

const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const nf = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => (Number.isFinite(n) ? `${nf(n)} ms` : "—");
const mb = (n: number) => (Number.isFinite(n) ? `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)} MB` : "—");

function summarise(results: Result[]): Result {
  const pick = (k: keyof Omit<Result, "notes">) => median(results.map((r) => r[k]));
  return {
    firstLines: pick("firstLines"),
    loaded: pick("loaded"),
    search: pick("search"),
    searchCount: pick("searchCount"),
    searchSettled: pick("searchSettled"),
    jump: pick("jump"),
    unfold: pick("unfold"),
    fold: pick("fold"),
    longest: pick("longest"),
    longestBefore: pick("longestBefore"),
    longestAfter: pick("longestAfter"),
    heapMain: pick("heapMain"),
    heapWorkers: pick("heapWorkers"),
    heapPeak: pick("heapPeak"),
    lastNumber: pick("lastNumber"),
    notes: [...new Set(results.flatMap((r) => r.notes))],
  };
}

// --- main ------------------------------------------------------------------------------------------------------------

const started = new Date();
mkdirSync("test-results/screens", { recursive: true });
const rlvJs = await bundleRlv();
const teardown = await globalSetup();
const base = process.env.AC_BASE_URL!;
const sim = process.env.AC_SIM_URL!;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
const chromiumVersion = browser.version();
const all: { size: number; log: LogCase; viewer: Viewer; runs: Result[] }[] = [];
/** Per size: "download only" times (see downloadOnly), one per run. */
const downloads = new Map<number, number[]>();
try {
  const cases = await prepareLogs(sim);
  const context = await signedInContext(browser, base, rlvJs);
  // run i of every size before run i + 1 of any, so a stop (--until) leaves every size with as many runs
  const runs = new Map(cases.map((c) => [c, new Map<Viewer, Result[]>(VIEWERS.map((v) => [v, []]))]));
  const gaveUp = new Set<string>();
  for (const c of cases) downloads.set(c.size, []);
  for (let i = 0; i < RUNS; i++) {
    if (i > 0 && Date.now() > UNTIL) {
      console.error(`--until reached after ${i} run(s)`);
      break;
    }
    for (const c of cases) {
      // alternate the order so no viewer always goes first
      const order = i % 2 ? [...VIEWERS].reverse() : VIEWERS;
      const dl = await downloadOnly(context, c);
      downloads.get(c.size)!.push(dl);
      console.error(`${c.size} lines, download only, run ${i + 1}: ${ms(dl)}`);
      for (const v of order) {
        if (gaveUp.has(`${v}:${c.size}`)) continue;
        const r = await measure(context, v, c);
        runs.get(c)!.get(v)!.push(r);
        console.error(
          `${c.size} lines, ${v}, run ${i + 1}: first lines ${ms(r.firstLines)}, loaded ${ms(r.loaded)}, search ${ms(r.search)} (${r.searchCount}) / 2 s later ${ms(r.searchSettled)}, ` +
            `jump ${ms(r.jump)}, unfold ${ms(r.unfold)} / fold ${ms(r.fold)}, longest task ${ms(r.longest)} (${ms(r.longestBefore)} before the first byte, ${ms(r.longestAfter)} from it on), heap ${mb(r.heapPeak)}` +
            (r.notes.length ? ` [${r.notes.join("; ")}]` : ""),
        );
        // a viewer that could not load the log at all, needed over a minute, or left its tab stalled (crashed or
        // blocked past a step's timeout) is not tried again at this size
        if (!Number.isFinite(r.loaded) || r.loaded > 60_000 || r.notes.some((n) => n.includes("timed out after"))) gaveUp.add(`${v}:${c.size}`);
      }
    }
  }
  for (const c of cases) for (const v of VIEWERS) all.push({ size: c.size, log: c, viewer: v, runs: runs.get(c)!.get(v)! });
} finally {
  await browser.close();
  await teardown();
}

// --- report ----------------------------------------------------------------------------------------------------------

const lines: string[] = [];
lines.push(`Run ${started.toISOString()}, Chromium ${chromiumVersion}, Node ${process.version}; medians of up to ${RUNS} runs (each viewer's count below when fewer).`);
for (const size of SIZES) {
  const rows = all.filter((x) => x.size === size);
  const log = rows[0]!.log;
  const med = new Map(rows.map((x) => [x.viewer, summarise(x.runs)]));
  const ours = med.get("ours");
  lines.push("");
  lines.push(
    `### ${nf(log.lines)} lines (${mb(log.bytes)}, job ${log.jobId}; "${WORD}": ${nf(log.matches)} matches; a group of ${nf(log.groupLines)} lines)`,
  );
  lines.push("");
  lines.push(`| measure | ${VIEWERS.map((v) => VIEWER_NAME[v]).join(" | ")} |`);
  lines.push(`| --- | ${VIEWERS.map(() => "---").join(" | ")} |`);
  const row = (label: string, f: (r: Result, v: Viewer) => string) =>
    lines.push(`| ${label} | ${VIEWERS.map((v) => (med.get(v) ? f(med.get(v)!, v) : "—")).join(" | ")} |`);
  row("first byte → first lines painted", (r) => ms(r.firstLines));
  row("first byte → fully loaded, every line reachable (ours: indexed)", (r) => ms(r.loaded));
  lines.push(
    `| … the floor: the same log downloaded in a page through the same proxy, nothing done with it (first byte → last byte) | ${VIEWERS.map(() => ms(median(downloads.get(size) ?? []))).join(" | ")} |`,
  );
  row(`search "${WORD}": input → full count on screen`, (r) =>
    Number.isFinite(r.search) ? `${ms(r.search)} (${nf(r.searchCount)}${r.searchCount === log.matches ? "" : ` of ${nf(log.matches)}!`})` : "—",
  );
  row(`… the same search typed 2 s after the log loaded`, (r) => ms(r.searchSettled));
  row("jump to the last line → painted", (r) => ms(r.jump));
  row(`lines the viewer has (the log: ${nf(log.lines)})`, (r) =>
    Number.isFinite(r.lastNumber) ? `${nf(r.lastNumber)}${r.lastNumber === log.lines ? "" : " (!)"}` : "—",
  );
  row(`unfold / fold the ${nf(log.groupLines)}-line group → painted`, (r, v) =>
    v === "ours" ? `${ms(r.unfold)} / ${ms(r.fold)}` : "— (no folding)",
  );
  row("peak heap, main thread + workers (V8 used + ArrayBuffers)", (r) =>
    Number.isFinite(r.heapPeak) ? `${mb(r.heapPeak)} (${(r.heapPeak / log.bytes).toFixed(2)} × log)` : "—",
  );
  row("… of which main thread / workers (each at its own peak)", (r) => `${mb(r.heapMain)} / ${mb(r.heapWorkers)}`);
  const task = (n: number) => (Number.isFinite(n) ? (n === 0 ? "none ≥ 50 ms" : ms(n)) : "—");
  row("longest main-thread task", (r) => task(r.longest));
  row("… of which before the log's first byte (page load) / from it on (the viewer)", (r) => `${task(r.longestBefore)} / ${task(r.longestAfter)}`);
  row("fully loaded: this viewer's time ÷ Actions Console's", (r, v) =>
    v === "ours" || !ours ? "1" : Number.isFinite(r.loaded) && Number.isFinite(ours.loaded) ? `**${(r.loaded / ours.loaded).toFixed(1)} ×**` : "—",
  );
  for (const v of VIEWERS) {
    const n = rows.find((x) => x.viewer === v)?.runs.length ?? 0;
    if (n < RUNS) lines.push(`\n${VIEWER_NAME[v]}: ${n} run${n === 1 ? "" : "s"} only (a viewer that fails to load a log, needs over a minute or leaves its tab stalled is not run again at that size; --until stops further runs).`);
    const notes = med.get(v)?.notes ?? [];
    if (notes.length) lines.push(`\n${VIEWER_NAME[v]}: ${notes.join("; ")}`);
  }
  for (const x of rows) {
    lines.push(
      `\n<sub>${VIEWER_NAME[x.viewer]}, each run (first lines / loaded / search / search 2 s later / jump / longest task before / from the first byte / heap): ` +
        x.runs
          .map((r) => `${ms(r.firstLines)} / ${ms(r.loaded)} / ${ms(r.search)} / ${ms(r.searchSettled)} / ${ms(r.jump)} / ${ms(r.longestBefore)} / ${ms(r.longestAfter)} / ${mb(r.heapPeak)}`).join("; ") +
        "</sub>",
    );
  }
}
const report = lines.join("\n");
console.log(report);
mkdirSync("test-results", { recursive: true });
writeFileSync("test-results/log-viewer-bench.json", JSON.stringify({ started, runs: RUNS, results: all, downloads: [...downloads] }, null, 2));
writeFileSync("test-results/log-viewer-bench.md", report + "\n");
