/**
 * Run page benchmark: `npx next build && npx tsx bench/run-page.bench.ts [--samples 5] [--latency 100]`
 *
 * Starts the simulator (its own process) and the built dashboard (`next start`) on free ports, signs in
 * with mona's token in Chromium (bench/harness.ts), then for a completed acme/web CI run:
 * - counts the upstream calls a cold first load of `/acme/web/actions/runs/{id}` makes (the simulator's
 *   request log between the navigation and 1.5 s after the full paint), by route;
 * - times a full paint (navigation start → header, every timeline bar, jobs, artifacts and timing on
 *   screen) with `latency` ms added to every simulator answer (control `PUT /_sim/faults {latencyMs}`),
 *   median of `samples`, and the same with no added latency;
 * - times the naive sequential approach: the same calls made one after another through the dashboard's
 *   proxy (what a client-side waterfall after hydration costs), and directly against the simulator.
 * Prints a markdown table.
 */
import { parseArgs } from "node:util";
import type { Page } from "@playwright/test";
import { MONA_TOKEN as TOKEN, fmtMs as ms, median, runBench, startBench } from "./harness.js";

const { values } = parseArgs({
  options: {
    samples: { type: "string", default: "5" },
    latency: { type: "string", default: "100" },
  },
});
const SAMPLES = Math.max(1, Number(values.samples));
const LATENCY = Math.max(0, Number(values.latency));

interface Logged {
  index: number;
  method: string;
  url: string;
  route: string | null;
  at: string;
}

async function main() {
  const bench = await startBench();
  const { sim, appUrl, context, cookie, control } = bench;
  const mark = async () => (await control<{ next: number }>("GET", "/requests?since=999999999")).next;
  const since = async (n: number) =>
    (await control<{ requests: Logged[] }>("GET", `/requests?since=${n}`)).requests.filter((r) =>
      r.url.startsWith("/api/v3/"),
    );
  try {
    const page = await context.newPage();
    const api = async <T>(path: string): Promise<T> =>
      (await (await fetch(`${sim.url}/api/v3${path}`, { headers: { authorization: `token ${TOKEN}` } })).json()) as T;
    const runs = await api<{ workflow_runs: { id: number; name: string; head_sha: string; path: string }[] }>(
      "/repos/acme/web/actions/runs?status=success&per_page=30",
    );
    const run = runs.workflow_runs.find((r) => r.name === "CI");
    if (!run) throw new Error("no successful CI run in acme/web");
    const jobs = await api<{ total_count: number }>(`/repos/acme/web/actions/runs/${run.id}/jobs`);
    const url = `/acme/web/actions/runs/${run.id}`;

    async function fullPaint(p: Page): Promise<number> {
      const t0 = performance.now();
      await p.goto(url, { waitUntil: "commit" });
      await p.getByTestId("run-header").waitFor();
      await p.locator('[data-testid="timeline-job"]').nth(jobs.total_count - 1).waitFor();
      await p.getByTestId("run-job").first().waitFor();
      await p.getByTestId("run-artifact").first().waitFor();
      await p.getByTestId("run-timing").waitFor();
      return performance.now() - t0;
    }

    // Warm up the server's code paths (first compile of the route in `next start` is lazy).
    await fullPaint(page);
    await page.waitForTimeout(1500);

    const proxyCalls = [
      `/api/github/repos/acme/web/actions/runs/${run.id}`,
      `/api/github/repos/acme/web/actions/runs/${run.id}/jobs?filter=latest&per_page=100&page=1`,
      `/api/github/repos/acme/web/actions/runs/${run.id}/artifacts?per_page=100&page=1`,
      `/api/github/repos/acme/web/actions/runs/${run.id}/timing`,
      `/api/github/repos/acme/web`,
      `/api/github/repos/acme/web/contents/${run.path}?ref=${run.head_sha}`,
    ];

    const results: Record<string, { paint: number[]; seqProxy: number[]; seqDirect: number[] }> = {};
    let callsByRoute = new Map<string, number>();
    let callCount = 0;
    let depth = 0;
    for (const latency of [0, LATENCY]) {
      await control("PUT", "/faults", { latencyMs: latency });
      const r: { paint: number[]; seqProxy: number[]; seqDirect: number[] } = { paint: [], seqProxy: [], seqDirect: [] };
      results[String(latency)] = r;
      for (let i = 0; i < SAMPLES; i++) {
        const before = await mark();
        const fresh = await context.newPage();
        r.paint.push(await fullPaint(fresh));
        // Let anything the page starts after painting reach the simulator's log (link prefetches, polls).
        await fresh.waitForTimeout(1500);
        const calls = await since(before);
        await fresh.close();
        if (latency === LATENCY && i === 0) {
          callCount = calls.length;
          callsByRoute = new Map();
          for (const c of calls) callsByRoute.set(c.route ?? c.url, (callsByRoute.get(c.route ?? c.url) ?? 0) + 1);
          // Rounds of calls: a call starting more than half a latency after the first is a later round.
          const starts = calls.map((c) => Date.parse(c.at)).sort((a, b) => a - b);
          const rounds: number[] = [];
          for (const t of starts) if (!rounds.some((s) => t - s < Math.max(50, latency / 2))) rounds.push(t);
          depth = rounds.length;
        }

        let t0 = performance.now();
        for (const path of proxyCalls) {
          const res = await fetch(`${appUrl}${path}`, { headers: { cookie } });
          if (!res.ok) throw new Error(`${path}: ${res.status}`);
          await res.arrayBuffer();
        }
        r.seqProxy.push(performance.now() - t0);

        t0 = performance.now();
        for (const path of proxyCalls) {
          const res = await fetch(`${sim.url}/api/v3${path.slice("/api/github".length)}`, {
            headers: { authorization: `token ${TOKEN}` },
          });
          if (!res.ok) throw new Error(`${path}: ${res.status}`);
          await res.arrayBuffer();
        }
        r.seqDirect.push(performance.now() - t0);
      }
    }
    await control("DELETE", "/faults");

    const lines = [
      `Run ${run.id} (acme/web CI, ${jobs.total_count} jobs), ${SAMPLES} samples each, Chromium, \`next start\`, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}.`,
      "",
      "| Measure | no added latency | " + `${LATENCY} ms added latency |`,
      "| --- | --- | --- |",
      `| Full paint of a cold first load (navigation → header, all timeline bars, jobs, artifacts, timing), median | ${ms(median(results["0"]!.paint))} | **${ms(median(results[String(LATENCY)]!.paint))}** |`,
      `| Naive sequential: the same ${proxyCalls.length} calls one after another through the proxy (client waterfall, data only), median | ${ms(median(results["0"]!.seqProxy))} | **${ms(median(results[String(LATENCY)]!.seqProxy))}** |`,
      `| … the same calls one after another straight to the simulator, median | ${ms(median(results["0"]!.seqDirect))} | ${ms(median(results[String(LATENCY)]!.seqDirect))} |`,
      "",
      `Upstream calls of one first load: **${callCount}**, in **${depth}** rounds (the workflow file needs the run's head_sha):`,
      "",
      ...[...callsByRoute.entries()].sort().map(([route, n]) => `- ${route}: ${n}`),
    ];
    console.log(lines.join("\n"));
  } finally {
    await bench.stop();
  }
}

runBench(main);
