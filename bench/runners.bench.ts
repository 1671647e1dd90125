/**
 * Runners page with a large fleet: `npx next build && npx tsx bench/runners.bench.ts [--runners 500] [--samples 5]`
 *
 * Starts the simulator as `npm run sim -- --runners N` does (its own process; acme gets N org runners, mixed
 * online/offline/busy, see simulator/CONTRACT.md) and the built dashboard (`next start`) on free ports, signs in
 * with mona's token in Chromium, then:
 * - navigation → first rows painted: a fresh tab opens `/organizations/acme/settings/actions/runners`; a script
 *   installed before the page's own records `performance.now()` (ms since navigation start) in the animation frame
 *   after the first runner row is in the DOM, i.e. when it is painted; also when every row is there and when the
 *   page is hydrated (its filter input answers). Median of `samples` cold loads (the first load, which compiles
 *   nothing in `next start` but warms the server, is not counted);
 * - filter → table updated: keys typed in the name search ("1", "10", "100", then back), a status chosen, "Clear
 *   filters" (all N rows back): from the event's timestamp to the animation frame in which the page shows as many
 *   runners as the same filter gives here (lib/runners/filters over the API's list), in the page; median of each kind;
 * - what an admin would otherwise use, in the same run: every page of `GET /orgs/acme/actions/runners` straight
 *   from the simulator, one after another following `Link: rel="next"`, with per_page=30 (GitHub's default, what
 *   `gh api --paginate` fetches) and per_page=100, and the same through the dashboard's proxy: the data only, before
 *   anything is rendered.
 * Prints a markdown table.
 */
import { parseArgs } from "node:util";
import type { Page } from "@playwright/test";
import { applyRunnerFilters, type RunnerView } from "../lib/runners/filters.js";
import { MONA_TOKEN as TOKEN, fmtMs as fmt, median, runBench, startBench } from "./harness.js";

const { values } = parseArgs({
  options: {
    runners: { type: "string", default: "500" },
    samples: { type: "string", default: "5" },
  },
});
const N = Number(values.runners);
const SAMPLES = Math.max(1, Number(values.samples));
const PAGE = "/organizations/acme/settings/actions/runners";

/** Times every page of a list followed through `Link: rel="next"`, one request after another. */
async function paginate(
  first: string,
  headers: Record<string, string>,
): Promise<{ ms: number; requests: number; items: number; list: RunnerView[] }> {
  const t0 = performance.now();
  let url: string | null = first;
  let requests = 0;
  let items = 0;
  const list: RunnerView[] = [];
  while (url) {
    const res: Response = await fetch(url, { headers });
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    const page = ((await res.json()) as { runners: RunnerView[] }).runners;
    items += page.length;
    list.push(...page);
    requests++;
    const next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get("link") ?? "");
    url = next?.[1] ? new URL(next[1], first).href : null;
  }
  return { ms: performance.now() - t0, requests, items, list };
}

/** Times page 1, then pages 2..n at once (n from its total_count): what the dashboard's runners query does. */
async function paginateParallel(base: string, headers: Record<string, string>): Promise<{ ms: number; items: number }> {
  const t0 = performance.now();
  const get = async (page: number) => {
    const res = await fetch(`${base}?per_page=100&page=${page}`, { headers });
    if (!res.ok) throw new Error(`${base} page ${page}: ${res.status}`);
    return (await res.json()) as { total_count: number; runners: RunnerView[] };
  };
  const first = await get(1);
  const rest = await Promise.all(Array.from({ length: Math.ceil(first.total_count / 100) - 1 }, (_, i) => get(i + 2)));
  return { ms: performance.now() - t0, items: [first, ...rest].reduce((n, p) => n + p.runners.length, 0) };
}

// Installed before the page's scripts: records when the first row and all rows are painted (the animation frame
// after they are in the DOM), in ms since navigation start.
const MARKS_SCRIPT = `
(() => {
  const marks = (window.__benchMarks = {});
  const rows = () => document.querySelectorAll('tr[data-testid^="runner-row-"]').length;
  const check = () => {
    const n = rows();
    if (n > 0 && marks.firstRowsDom === undefined) {
      marks.firstRowsDom = performance.now();
      requestAnimationFrame(() => (marks.firstRows = performance.now()));
    }
    if (n >= ${N} && marks.allRowsDom === undefined) {
      marks.allRowsDom = performance.now();
      requestAnimationFrame(() => (marks.allRows = performance.now()));
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})();
`;

/**
 * In the page: the time from the next input/change/click event on `selector` to the animation frame in which the
 * page says it shows `expected` runners (the count the same filter gives in this process with lib/runners/filters,
 * over the same runners), i.e. the table was rendered for that filter. A string, not a function: tsx would wrap the
 * function's inner closures in its `__name` helper, which the page does not have.
 */
const ARM_SCRIPT = (selector: string, expected: number) => `
(() => {
  const el = document.querySelector(${JSON.stringify(selector)});
  if (!el) throw new Error("missing " + ${JSON.stringify(selector)});
  const want = "Showing ${expected} of ";
  window.__benchUpdate = new Promise((resolve) => {
    let start = 0;
    const onEvent = (e) => { if (!start) start = e.timeStamp; };
    for (const type of ["input", "change", "click"]) el.addEventListener(type, onEvent, { capture: true });
    const poll = () => {
      const shown = start && [...document.querySelectorAll('[role="status"]')].some((s) => (s.textContent || "").startsWith(want));
      if (shown) resolve(performance.now() - start);
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  });
})();
`;

async function armTableTimer(page: Page, selector: string, expected: number): Promise<void> {
  await page.evaluate(ARM_SCRIPT(selector, expected));
}

const readTableTimer = (page: Page) => page.evaluate<number>("window.__benchUpdate");

async function main() {
  const bench = await startBench({ simArgs: ["--runners", String(N)], viewport: { width: 1280, height: 900 }, initScript: MARKS_SCRIPT });
  const { sim, appUrl, context, cookie } = bench;
  try {
    const counts = (await (await fetch(`${sim.url}/_sim/health`)).json()) as { counts: { runners: number } };
    const fleet = await paginate(`${sim.url}/api/v3/orgs/acme/actions/runners?per_page=100`, { authorization: `token ${TOKEN}` });
    if (fleet.items !== N) throw new Error(`expected ${N} acme runners, the API lists ${fleet.items}`);

    // Each key must change the number of rows shown, or the timer below would stop at once on the old table.
    const queries = ["", "1", "10", "100", "10", "1", ""];
    const shownFor = queries.map((q) => applyRunnerFilters(fleet.list, { q: q || undefined }).length);
    for (let k = 1; k < queries.length; k++) {
      if (shownFor[k] === shownFor[k - 1]) throw new Error(`"${queries[k - 1]}" and "${queries[k]}" show the same ${shownFor[k]} runners`);
    }

    const loads: { firstRows: number; allRows: number; hydrated: number; dcl: number }[] = [];
    const keys: number[] = [];
    const statusChanges: number[] = [];
    const clears: number[] = [];
    for (let i = 0; i <= SAMPLES; i++) {
      const page = await context.newPage();
      await page.goto(PAGE, { waitUntil: "commit" });
      await page.locator('tr[data-testid^="runner-row-"]').first().waitFor();
      const search = page.getByRole("searchbox", { name: "Name" });
      // Hydrated: React has attached its handlers to the search input (before that a key would do nothing).
      const hydratedAt = await page.waitForFunction(
        () => {
          const el = document.querySelector('input[type="search"]');
          return el && Object.keys(el).some((k) => k.startsWith("__reactProps")) ? performance.now() : false;
        },
        undefined,
        { polling: "raf" },
      );
      const hydrated = (await hydratedAt.jsonValue()) as number;
      await page.waitForFunction(() => Boolean((window as unknown as { __benchMarks: { allRows?: number } }).__benchMarks.allRows));
      const marks = await page.evaluate(() => (window as unknown as { __benchMarks: { firstRows: number; allRows: number } }).__benchMarks);
      const dcl = await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
      if (i > 0) loads.push({ firstRows: marks.firstRows, allRows: marks.allRows, hydrated, dcl });

      if (i > 0) {
        // One key at a time into the name search: each of "1", "10", "100" and back narrows or widens the rows.
        let typed = "";
        for (const key of ["1", "0", "0", "Backspace", "Backspace", "Backspace"]) {
          const q = key === "Backspace" ? typed.slice(0, -1) : typed + key;
          await armTableTimer(page, 'input[type="search"]', applyRunnerFilters(fleet.list, { q: q || undefined }).length);
          await search.press(key);
          keys.push(await readTableTimer(page));
          typed = q;
        }
        await armTableTimer(page, 'select', applyRunnerFilters(fleet.list, { status: "offline" }).length);
        await page.getByRole("combobox", { name: "Status" }).selectOption("offline");
        statusChanges.push(await readTableTimer(page));
        const clear = page.getByRole("button", { name: "Clear filters" });
        await page.evaluate(() => {
          const b = [...document.querySelectorAll("button")].find((x) => x.textContent?.trim() === "Clear filters");
          b?.setAttribute("data-bench-clear", "");
        });
        await armTableTimer(page, "[data-bench-clear]", N);
        await clear.click();
        clears.push(await readTableTimer(page));
      }
      await page.close();
    }

    const direct: Record<string, number[]> = { "30": [], "100": [] };
    const proxy: number[] = [];
    const proxyParallel: number[] = [];
    let requests30 = 0;
    let requests100 = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const d30 = await paginate(`${sim.url}/api/v3/orgs/acme/actions/runners?per_page=30`, { authorization: `token ${TOKEN}` });
      const d100 = await paginate(`${sim.url}/api/v3/orgs/acme/actions/runners?per_page=100`, { authorization: `token ${TOKEN}` });
      const p100 = await paginate(`${appUrl}/api/github/orgs/acme/actions/runners?per_page=100`, { cookie });
      direct["30"]?.push(d30.ms);
      direct["100"]?.push(d100.ms);
      proxy.push(p100.ms);
      const pp = await paginateParallel(`${appUrl}/api/github/orgs/acme/actions/runners`, { cookie });
      if (pp.items !== N) throw new Error(`page 1 then 2..n in parallel gave ${pp.items} runners, not ${N}`);
      proxyParallel.push(pp.ms);
      requests30 = d30.requests;
      requests100 = d100.requests;
    }

    const lines = [
      `${N} org runners in acme (${counts.counts.runners} runners in the simulator), ${SAMPLES} cold loads, Chromium, \`next start\`, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}.`,
      "",
      "| Measure (median) | Result |",
      "| --- | --- |",
      `| Navigation → first rows painted | **${fmt(median(loads.map((l) => l.firstRows)))}** (runs: ${loads.map((l) => Math.round(l.firstRows)).join(", ")}) |`,
      `| Navigation → all ${N} rows painted | ${fmt(median(loads.map((l) => l.allRows)))} |`,
      `| Navigation → DOMContentLoaded | ${fmt(median(loads.map((l) => l.dcl)))} |`,
      `| Navigation → hydrated (React's handlers on the filter input) | ${fmt(median(loads.map((l) => l.hydrated)))} |`,
      `| Key typed in the name search → table shows the filtered runners (${keys.length} keys: "1", "10", "100" and back) | **${fmt(median(keys))}** (max ${fmt(Math.max(...keys))}) |`,
      `| Status filter chosen → table shows the offline runners | ${fmt(median(statusChanges))} |`,
      `| "Clear filters" → all ${N} rows back | ${fmt(median(clears))} |`,
      `| Every page straight from the simulator, per_page=30 (GitHub's default, \`gh api --paginate\`), sequential | ${fmt(median(direct["30"] ?? []))} (${requests30} requests) |`,
      `| Every page straight from the simulator, per_page=100, sequential | ${fmt(median(direct["100"] ?? []))} (${requests100} requests) |`,
      `| Every page through the dashboard's proxy, per_page=100, sequential (data only) | ${fmt(median(proxy))} |`,
      `| The same through the proxy, page 1 then pages 2–${Math.ceil(N / 100)} in parallel (as the page's query does; data only) | ${fmt(median(proxyParallel))} |`,
    ];
    console.log(lines.join("\n"));
  } finally {
    await bench.stop();
  }
}

runBench(main);
