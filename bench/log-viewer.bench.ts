/**
 * Log viewer benchmark: `npx next build && npx tsx bench/log-viewer.bench.ts [--runs 3]`
 *
 * Starts the simulator and the built dashboard (as the e2e tests do), signs in as mona with her token, and
 * drives Debian's Chromium (Playwright) over the simulator's 1,000,000-line log (job "Stress" of acme/web's
 * latest completed scheduled nightly.yml run, ~81 MB), comparing in the same run:
 *  - ours: the job page `/{owner}/{repo}/actions/runs/{run}/job/{job}#step:1:1`;
 *  - raw: the log as a plain text page in the browser (`/api/github/.../jobs/{id}/logs`, shown inline);
 *  - naive: a page that fetches the same log through the proxy and renders every line to the DOM.
 * Measures: first byte → first lines painted, first byte → fully loaded/indexed, full search count of
 * "deprecated", jump to the last line, longest main-thread task (PerformanceObserver "longtask"), main-thread JS
 * heap (CDP Performance.getMetrics) and, for ours, the worker's buffers (raw bytes + line index, computed).
 * Prints a markdown table (medians of --runs for ours; one run each for the others, which take far longer).
 */
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { parseArgs } from "node:util";
import globalSetup from "../tests/e2e/global-setup.js";
import { fixedToken } from "../simulator/store/tokens.js";

const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
const RUNS = Math.max(1, Number(values.runs));
const TOKEN = fixedToken("mona");
const WORD = "deprecated";

const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] as number) : NaN;
};
const ms = (n: number) => (Number.isFinite(n) ? `${Math.round(n).toLocaleString("en-US")} ms` : "—");
const mb = (n: number) => (Number.isFinite(n) ? `${(n / 1024 / 1024).toFixed(0)} MB` : "—");

interface Result {
  firstLines: number;
  loaded: number;
  search: number;
  searchCount: number;
  jumpEnd: number;
  longestTask: number;
  heap: number;
  workerBuffers?: number;
  note?: string;
}

const INIT = `
  window.__longest = 0;
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
      .observe({ type: "longtask", buffered: true });
  } catch {}
`;

async function heap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const { metrics } = await cdp.send("Performance.getMetrics");
  await cdp.detach();
  return metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? NaN;
}

async function findStress(sim: string) {
  const get = async <T>(p: string) =>
    (await (await fetch(`${sim}/api/v3${p}`, { headers: { authorization: `token ${TOKEN}` } })).json()) as T;
  const runs = await get<{ workflow_runs: { id: number }[] }>("/repos/acme/web/actions/workflows/nightly.yml/runs?event=schedule&status=completed&per_page=1");
  const runId = runs.workflow_runs[0]!.id;
  const jobs = await get<{ jobs: { id: number; name: string }[] }>(`/repos/acme/web/actions/runs/${runId}/jobs`);
  return { runId, jobId: jobs.jobs.find((j) => j.name === "Stress")!.id };
}

async function signedInContext(browser: Browser, base: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Personal access token" }).fill(TOKEN);
  await page.getByRole("button", { name: "Sign in with token" }).click();
  await page.getByTestId("token-result").waitFor();
  await page.close();
  await context.addInitScript(INIT);
  return context;
}

async function ours(context: BrowserContext, runId: number, jobId: number): Promise<Result> {
  const page = await context.newPage();
  await page.addInitScript(`
    new MutationObserver(() => {
      if (window.__firstLines) return;
      const line = document.querySelector('[data-line]');
      if (line && !line.textContent.endsWith('…')) window.__firstLines = performance.timeOrigin + performance.now();
    }).observe(document, { childList: true, subtree: true, characterData: true });
  `);
  await page.goto(`/acme/web/actions/runs/${runId}/job/${jobId}#step:1:1`);
  const status = page.getByTestId("log-status");
  await page.waitForFunction(() => !!(window as unknown as { __firstLines?: number }).__firstLines, null, { timeout: 120_000 });
  await status.and(page.locator("[data-done]")).waitFor({ timeout: 120_000 });
  const firstByte = Number(await status.getAttribute("data-first-byte-at"));
  const indexed = Number(await status.getAttribute("data-indexed-at"));
  const lines = Number(await status.getAttribute("data-lines"));
  const bytes = Number(await status.getAttribute("data-bytes"));
  const firstLines = await page.evaluate(() => (window as unknown as { __firstLines: number }).__firstLines);

  // search: from typing the word to the full count on screen
  await page.evaluate(() => {
    (window as unknown as { __t0: number }).__t0 = performance.now();
  });
  await page.locator("#log-search").fill(WORD);
  const searchHandle = await page.waitForFunction(
    () => {
      const c = document.querySelector("[data-testid=match-count]");
      return c ? { ms: performance.now() - (window as unknown as { __t0: number }).__t0, count: Number(c.getAttribute("data-count")) } : null;
    },
    null,
    { polling: "raf", timeout: 120_000 },
  );
  const search = (await searchHandle.jsonValue())!;
  // the viewer waits 200 ms after the last keystroke before searching (typing debounce): not search time
  const searchMs = search.ms - 200;

  await page.getByRole("button", { name: "Expand all" }).click();
  const jumpEnd = await page.evaluate(async () => {
    const button = [...document.querySelectorAll("button")].find((b) => b.textContent === "Jump to end")!;
    const region = document.querySelector<HTMLElement>("[aria-label='Log lines']")!;
    const rows = Number(region.dataset.rows);
    const t0 = performance.now();
    button.click();
    for (;;) {
      await new Promise((r) => requestAnimationFrame(r));
      if (Number(region.dataset.topRow) >= rows - 60) {
        const last = region.querySelector("[data-line]:last-child");
        if (last && !last.textContent?.endsWith("…")) return performance.now() - t0;
      }
    }
  });
  const longestTask = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
  const h = await heap(page);
  await page.close();
  const BLOCK = 4 * 1024 * 1024;
  const workerBuffers = Math.ceil(bytes / BLOCK) * BLOCK + 2 ** Math.ceil(Math.log2(Math.max(lines, 65536))) * 4;
  return {
    firstLines: firstLines - firstByte,
    loaded: indexed - firstByte,
    search: searchMs,
    searchCount: search.count,
    jumpEnd,
    longestTask,
    heap: h,
    workerBuffers,
  };
}

async function raw(context: BrowserContext, jobId: number): Promise<Result> {
  const page = await context.newPage();
  const url = `/api/github/repos/acme/web/actions/jobs/${jobId}/logs`;
  // shown inline (the API sends it as an attachment, which a browser would only download)
  await page.route(`**${url}`, async (route) => {
    const res = await route.fetch();
    const headers = { ...res.headers() };
    delete headers["content-disposition"];
    await route.fulfill({ response: res, headers });
  });
  const t0 = Date.now();
  await page.goto(url, { timeout: 180_000, waitUntil: "load" });
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    return { responseStart: n.responseStart, load: n.loadEventEnd || performance.now(), fcp: fcp ? fcp.startTime : NaN };
  });
  const search = await page.evaluate((word) => {
    const t = performance.now();
    const text = document.body.innerText.toLowerCase();
    let n = 0;
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) n++;
    return { ms: performance.now() - t, count: n };
  }, WORD);
  const jumpEnd = await page.evaluate(async () => {
    const t = performance.now();
    window.scrollTo(0, document.documentElement.scrollHeight);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - t;
  });
  const longestTask = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
  const h = await heap(page);
  await page.close();
  void t0;
  return {
    firstLines: nav.fcp - nav.responseStart,
    loaded: nav.load - nav.responseStart,
    search: search.ms,
    searchCount: search.count,
    jumpEnd,
    longestTask,
    heap: h,
    note: "search: a script counting in document.body.innerText (the closest stand-in for Ctrl+F, which cannot be timed)",
  };
}

const NAIVE = (url: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>naive</title>
<style>body{font:12px monospace;margin:0} div{white-space:pre;line-height:20px}</style></head><body><main id="out"></main>
<script>
(async () => {
  const t0 = performance.now();
  const res = await fetch(${JSON.stringify(url)});
  window.__firstByte = performance.now();
  const text = await res.text();
  const lines = text.replace(/^\\ufeff/, "").split("\\n");
  const out = document.getElementById("out");
  const strip = (l) => l.replace(/^\\S+Z /, "").replace(/\\u001b\\[[0-9;]*m/g, "");
  // the first screenful at once, then everything
  const frag1 = document.createDocumentFragment();
  for (const l of lines.slice(0, 60)) { const d = document.createElement("div"); d.textContent = strip(l); frag1.append(d); }
  out.append(frag1);
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
  window.__firstLines = performance.now();
  const frag = document.createDocumentFragment();
  for (const l of lines.slice(60)) { const d = document.createElement("div"); d.textContent = strip(l); frag.append(d); }
  out.append(frag);
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
  window.__loaded = performance.now();
  window.__lines = lines.map(strip);
  void t0;
})();
</script></body></html>`;

async function naive(context: BrowserContext, jobId: number): Promise<Result> {
  const page = await context.newPage();
  const url = `/api/github/repos/acme/web/actions/jobs/${jobId}/logs`;
  await page.route("**/__bench/naive", (route) => route.fulfill({ status: 200, contentType: "text/html", body: NAIVE(url) }));
  try {
    await page.goto("/__bench/naive");
    await page.waitForFunction(() => !!(window as unknown as { __loaded?: number }).__loaded, null, { timeout: 300_000, polling: 1000 });
    const t = await page.evaluate(() => {
      const w = window as unknown as { __firstByte: number; __firstLines: number; __loaded: number };
      return { firstByte: w.__firstByte, firstLines: w.__firstLines, loaded: w.__loaded };
    });
    const search = await page.evaluate((word) => {
      const t0 = performance.now();
      let n = 0;
      for (const l of (window as unknown as { __lines: string[] }).__lines) {
        const s = l.toLowerCase();
        for (let i = s.indexOf(word); i >= 0; i = s.indexOf(word, i + 1)) n++;
      }
      return { ms: performance.now() - t0, count: n };
    }, WORD);
    const jumpEnd = await page.evaluate(async () => {
      const t0 = performance.now();
      window.scrollTo(0, document.documentElement.scrollHeight);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return performance.now() - t0;
    });
    const longestTask = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
    const h = await heap(page);
    return { firstLines: t.firstLines - t.firstByte, loaded: t.loaded - t.firstByte, search: search.ms, searchCount: search.count, jumpEnd, longestTask, heap: h };
  } catch (e) {
    return { firstLines: NaN, loaded: NaN, search: NaN, searchCount: NaN, jumpEnd: NaN, longestTask: NaN, heap: NaN, note: `failed: ${String(e).slice(0, 120)}` };
  } finally {
    await page.close().catch(() => undefined);
  }
}

const teardown = await globalSetup();
const base = process.env.AC_BASE_URL!;
const sim = process.env.AC_SIM_URL!;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--enable-precise-memory-info"] });
try {
  const { runId, jobId } = await findStress(sim);
  const context = await signedInContext(browser, base);
  const ourRuns: Result[] = [];
  for (let i = 0; i < RUNS; i++) ourRuns.push(await ours(context, runId, jobId));
  // each of the others in its own browser: an 81 MB page can take the renderer (or the browser) down
  const isolated = async (f: (c: BrowserContext) => Promise<Result>): Promise<Result> => {
    const b = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
    try {
      return await f(await signedInContext(b, base));
    } catch (e) {
      return { firstLines: NaN, loaded: NaN, search: NaN, searchCount: NaN, jumpEnd: NaN, longestTask: NaN, heap: NaN, note: `failed: ${String(e).split("\n")[0]?.slice(0, 160)}` };
    } finally {
      await b.close().catch(() => undefined);
    }
  };
  const rawResult = await isolated((c) => raw(c, jobId));
  const naiveResult = await isolated((c) => naive(c, jobId));
  const pick = (k: keyof Result) => median(ourRuns.map((r) => r[k] as number));
  const oursMed: Result = {
    firstLines: pick("firstLines"),
    loaded: pick("loaded"),
    search: pick("search"),
    searchCount: ourRuns[0]!.searchCount,
    jumpEnd: pick("jumpEnd"),
    longestTask: pick("longestTask"),
    heap: pick("heap"),
    workerBuffers: pick("workerBuffers"),
  };
  const rows: [string, (r: Result) => string][] = [
    ["first byte → first lines painted", (r) => ms(r.firstLines)],
    ["first byte → fully loaded (ours: indexed)", (r) => ms(r.loaded)],
    [`full search count of "${WORD}"`, (r) => `${ms(r.search)} (${Number.isFinite(r.searchCount) ? r.searchCount.toLocaleString("en-US") : "—"})`],
    ["jump to the last line", (r) => ms(r.jumpEnd)],
    ["longest main-thread task", (r) => ms(r.longestTask)],
    ["main-thread JS heap after all of the above", (r) => mb(r.heap)],
    ["worker buffers (bytes + line index)", (r) => (r.workerBuffers ? mb(r.workerBuffers) : "—")],
  ];
  console.log(`\nJob ${jobId}: 1,000,000 lines. Ours: median of ${RUNS} runs; raw and naive: one run each.\n`);
  console.log("| measure | Actions Console viewer | raw text page | naive viewer (all lines in the DOM) |");
  console.log("| --- | --- | --- | --- |");
  for (const [label, f] of rows) console.log(`| ${label} | ${f(oursMed)} | ${f(rawResult)} | ${f(naiveResult)} |`);
  for (const [name, r] of [["raw", rawResult], ["naive", naiveResult]] as const) if (r.note) console.log(`\n${name}: ${r.note}`);
  console.log(`\nours, each run: ${ourRuns.map((r) => `${ms(r.firstLines)} / ${ms(r.loaded)} / ${ms(r.search)} / ${ms(r.jumpEnd)} / ${ms(r.longestTask)}`).join("; ")}`);
} finally {
  await browser.close();
  await teardown();
}
