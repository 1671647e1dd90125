/**
 * Org overview benchmark: `npx next build && npx tsx bench/overview.bench.ts [--repos 300] [--latency 100] [--samples 3]`
 *
 * Starts the simulator in this process with the big org (`bigOrg: { name: "initech", repos }`, clock frozen so the
 * state does not move between polls) and the built dashboard (`next start`) on free ports, adds `latency` ms to every
 * simulator answer (`PUT /_sim/faults {latencyMs}`), signs in with mona's token in Chromium, then:
 * - cold loads of `/organizations/initech/actions` (a fresh page each: empty ETag cache): time from navigation to the
 *   first per-repository result (`performance.mark("overview:first-results")`) and to everything loaded
 *   (`overview:complete`: now, stuck, failures, fleet, secrets), the upstream requests of the load (the simulator's
 *   request log), the most `/api/github` requests and batch POSTs (`/api/github-batch`, open until their stream ends)
 *   the page had in flight at once (its `fetch` wrapped before load), and the ideal (latency × requests ÷ 10 allowed
 *   in flight per token, which the batch route enforces; also ÷ 6, Chromium's connection cap per origin on HTTP/1.1,
 *   the bound when every read was its own request);
 * - once nothing changes: the requests of each of POLLS live polls (now + stuck + fleet; hot repositories every poll,
 *   quiet ones in rotation: lib/overview/schedule.ts) and of one failures refresh (the section's Refresh), by status.
 * Prints a markdown table.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { chromium, type Page } from "@playwright/test";
import { startSimulator } from "../simulator/server.js";
import { dashboardEnv } from "../scripts/dashboard-env.js";
import { freePort } from "../scripts/free-port.js";
import { fmtMs as ms, median, waitFor } from "./harness.js";

const { values } = parseArgs({
  options: {
    repos: { type: "string", default: "300" },
    latency: { type: "string", default: "100" },
    samples: { type: "string", default: "3" },
  },
});
const REPOS = Math.max(1, Number(values.repos));
const LATENCY = Math.max(0, Number(values.latency));
const SAMPLES = Math.max(1, Number(values.samples));
const TOKEN = "ghp_monaDemoToken000000000000000000000000";
const ORG = "initech";
const ALLOWED = 10;
const POLLS = 4;


interface Logged {
  index: number;
  method: string;
  url: string;
  route: string | null;
  status: number;
}

/**
 * Counts the page's in-flight same-origin API requests: proxy requests, and batch POSTs (the overview's reads go as
 * those, one POST for many; each stays open until its last line), installed before the page's own scripts run.
 */
const COUNT_IN_FLIGHT = `(() => {
  const original = window.fetch.bind(window);
  let now = 0;
  let batches = 0;
  window.__acMaxInFlight = 0;
  window.__acMaxBatches = 0;
  window.fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url.includes("/api/github-batch")) {
      // A batch is open until its stream ends, not when its headers come.
      batches++;
      if (batches > window.__acMaxBatches) window.__acMaxBatches = batches;
      let res;
      try { res = await original(input, init); } catch (e) { batches--; throw e; }
      if (!res.body) { batches--; return res; }
      const body = res.body.pipeThrough(new TransformStream({ flush() { batches--; } }));
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    }
    const api = url.includes("/api/github/");
    if (api) { now++; if (now > window.__acMaxInFlight) window.__acMaxInFlight = now; }
    try { return await original(input, init); } finally { if (api) now--; }
  };
})();`;

async function main() {
  const started = Date.now();
  const sim = await startSimulator({ port: 0, control: true, clockSpeed: 0, bigOrg: { name: ORG, repos: REPOS } });
  const seedMs = Date.now() - started;
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${sim.url}/_sim${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return (text ? JSON.parse(text) : null) as T;
  };
  const mark = async () => (await control<{ next: number }>("GET", "/requests?since=999999999")).next;
  const since = async (n: number) =>
    (await control<{ requests: Logged[] }>("GET", `/requests?since=${n}`)).requests.filter((r) => r.url.startsWith("/api/v3/"));

  const appPort = await freePort();
  const appUrl = `http://127.0.0.1:${appPort}`;
  const next: ChildProcess = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(appPort)],
    { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, ...dashboardEnv(sim.url, appUrl), NEXT_TELEMETRY_DISABLED: "1" } },
  );
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  try {
    await waitFor(`${appUrl}/api/health`, 120_000);
    const context = await browser.newContext({ baseURL: appUrl, viewport: { width: 1400, height: 1000 } });
    await context.addInitScript(COUNT_IN_FLIGHT);
    const login = await context.newPage();
    await login.goto("/login?returnTo=%2F");
    await login.getByRole("textbox", { name: "Personal access token" }).fill(TOKEN);
    await login.getByRole("button", { name: "Sign in with token" }).click();
    await login.getByTestId("token-result").waitFor();
    await login.close();

    const url = `/organizations/${ORG}/actions`;
    const complete = (p: Page) => p.locator('[data-testid="live-status"][data-complete="true"]').waitFor({ timeout: 300_000 });
    const cycles = async (p: Page) => Number(await p.getByTestId("live-status").getAttribute("data-cycles"));
    const untilCycles = async (p: Page, n: number) => {
      while ((await cycles(p)) < n) await p.waitForTimeout(100);
    };

    // Warm-up with no latency (the first request of a route compiles it in `next start`).
    const warm = await context.newPage();
    await warm.goto(url);
    await complete(warm);
    await warm.close();

    await control("PUT", "/faults", { latencyMs: LATENCY });
    const first: number[] = [];
    const done: number[] = [];
    const requests: number[] = [];
    const inFlight: number[] = [];
    const batchesOpen: number[] = [];
    let live = { counts: [] as number[], byStatus: new Map<number, number>(), ms: 0 };
    let failures = { count: 0, byStatus: new Map<number, number>(), ms: 0 };
    for (let i = 0; i < SAMPLES; i++) {
      const before = await mark();
      const page = await context.newPage();
      await page.goto(url, { waitUntil: "commit" });
      await complete(page);
      const marks = await page.evaluate(() => ({
        first: performance.getEntriesByName("overview:first-results")[0]?.startTime ?? NaN,
        done: performance.getEntriesByName("overview:complete")[0]?.startTime ?? NaN,
        inFlight: (window as unknown as { __acMaxInFlight: number }).__acMaxInFlight,
        batches: (window as unknown as { __acMaxBatches: number }).__acMaxBatches,
      }));
      first.push(marks.first);
      done.push(marks.done);
      inFlight.push(marks.inFlight);
      batchesOpen.push(marks.batches);
      requests.push((await since(before)).length);

      if (i === SAMPLES - 1) {
        // Steady state: POLLS live polls (each between two completed polls), then one failures refresh.
        const c = await cycles(page);
        await untilCycles(page, c + 1);
        const t0 = Date.now();
        const all: Logged[] = [];
        for (let k = 0; k < POLLS; k++) {
          const m = await mark();
          await untilCycles(page, c + 2 + k);
          const polled = await since(m);
          live.counts.push(polled.length);
          all.push(...polled);
        }
        live = { counts: live.counts, byStatus: tally(all), ms: (Date.now() - t0) / POLLS };
        const status = page.getByTestId("live-status");
        const refreshes = Number(await status.getAttribute("data-failure-refreshes"));
        const m2 = await mark();
        const t1 = Date.now();
        await page.locator("section[aria-labelledby=failures]").getByRole("button", { name: "Refresh" }).click();
        await page.locator(`[data-testid="live-status"][data-failure-refreshes="${refreshes + 1}"]`).waitFor({ timeout: 300_000 });
        // What the refresh asked (live polls running meanwhile ask hot repositories and the fleet too).
        const got = (await since(m2)).filter((r) => r.url.includes("/actions/runs?") || r.url.includes("/actions/runs&"));
        failures = { count: got.length, byStatus: tally(got), ms: Date.now() - t1 };
        mkdirSync("test-results/screens", { recursive: true });
        await page.screenshot({ path: "test-results/screens/overview-bench-initech.png", fullPage: false });
      }
      await page.close();
    }
    await control("DELETE", "/faults");

    const n = median(requests);
    const fmt = (m: Map<number, number>) => [...m.entries()].map(([s, k]) => `${k} × ${s}`).join(", ");
    const lines = [
      `Org \`${ORG}\` with ${REPOS} repositories (${REPOS - Math.floor(REPOS / 50)} not archived), ${LATENCY} ms added to every simulator answer, clock frozen, ${SAMPLES} cold loads, Chromium, \`next start\`, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}; seeding took ${ms(seedMs)}.`,
      "",
      "| Measure | Result |",
      "| --- | --- |",
      `| Time to the first results (navigation → first repository answered), median | **${ms(median(first))}** (${first.map(ms).join(", ")}) |`,
      `| Time to complete (now, stuck, failures, fleet, secrets all loaded), median | **${ms(median(done))}** (${done.map(ms).join(", ")}) |`,
      `| Upstream requests of a cold load (simulator's log), median | ${n} |`,
      `| Ideal: ${LATENCY} ms × ${n} requests ÷ ${ALLOWED} in flight | ${ms((LATENCY * n) / ALLOWED)} |`,
      `| … ÷ 6 (Chromium's connections per origin over HTTP/1.1) | ${ms((LATENCY * n) / 6)} |`,
      `| Most \`/api/github\` requests in flight at once (browser) | ${Math.max(...inFlight)} |`,
      `| Most batch POSTs (\`/api/github-batch\`, many reads each, streamed back) open at once (browser) | ${Math.max(...batchesOpen)} |`,
      `| Live polls once nothing changes (now + stuck + fleet, every 5 s after the previous one), ${POLLS} in a row | **${live.counts.join(", ")} requests** (${fmt(live.byStatus)}), ${ms(live.ms)} each incl. the 5 s wait |`,
      `| One failures Refresh once nothing changes (runs lists asked meanwhile) | **${failures.count} requests: ${fmt(failures.byStatus)}**, ${ms(failures.ms)} |`,
    ];
    console.log(lines.join("\n"));
    await context.close();
  } finally {
    await browser.close();
    next.kill("SIGTERM");
    await sim.close();
  }
}

function tally(list: Logged[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const r of list) m.set(r.status, (m.get(r.status) ?? 0) + 1);
  return m;
}

void main();
