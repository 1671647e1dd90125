/**
 * Runners fleet benchmark: `npx tsx bench/runners.bench.ts [--runners 500]`
 *
 * Adds N offline runners to the org `globex` through the simulator's control interface
 * (`POST /_sim/state/runners`), then measures what the org runners page does with them:
 * - the first page (100 runners) and every page of `GET /orgs/globex/actions/runners` through HTTP,
 *   and a revalidation of the first page with its ETag (304);
 * - filtering and sorting the whole fleet with `lib/runners/filters` (what happens on each keystroke).
 * Not measured here: the browser's first paint of the page (needs the dashboard and Chromium running).
 * Prints a markdown table.
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { startSimulator } from "../simulator/server.js";
import { applyRunnerFilters, sortRunners, type RunnerView } from "../lib/runners/filters.js";

const { values } = parseArgs({ options: { runners: { type: "string", default: "500" } } });
const N = Number(values.runners);
const TOKEN = "ghp_monaDemoToken000000000000000000000000";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main() {
  const sim = await startSimulator({ port: 0, control: true, engine: false });
  try {
    for (let i = 0; i < N; i++) {
      await fetch(`${sim.url}/_sim/state/runners`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ org: "globex", name: `bench-${String(i).padStart(4, "0")}`, labels: i % 3 === 0 ? ["gpu"] : [] }),
      });
    }
    const get = (page: number, etag?: string) =>
      fetch(`${sim.url}/api/v3/orgs/globex/actions/runners?per_page=100&page=${page}`, {
        headers: { authorization: `token ${TOKEN}`, ...(etag ? { "if-none-match": etag } : {}) },
      });
    const first: number[] = [];
    const all: number[] = [];
    const reval: number[] = [];
    let runners: RunnerView[] = [];
    for (let k = 0; k < 7; k++) {
      let t = performance.now();
      const r1 = await get(1);
      const etag = r1.headers.get("etag") ?? undefined;
      const body = (await r1.json()) as { total_count: number; runners: RunnerView[] };
      first.push(performance.now() - t);
      const list = [...body.runners];
      for (let p = 2; list.length < body.total_count; p++) list.push(...((await (await get(p)).json()) as { runners: RunnerView[] }).runners);
      all.push(performance.now() - t);
      runners = list;
      t = performance.now();
      const r304 = await get(1, etag);
      await r304.text();
      reval.push(performance.now() - t);
    }
    const filt: number[] = [];
    for (let k = 0; k < 50; k++) {
      const t = performance.now();
      sortRunners(applyRunnerFilters(runners, { q: `bench-0${k % 10}`, status: "offline", labels: ["gpu"] }), "state", "desc");
      filt.push(performance.now() - t);
    }
    console.log(`| Measure (${runners.length} runners in globex) | Median |`);
    console.log("| --- | --- |");
    console.log(`| first page (100 runners), HTTP | ${median(first).toFixed(1)} ms |`);
    console.log(`| every page (${Math.ceil(runners.length / 100)} requests, sequential) | ${median(all).toFixed(1)} ms |`);
    console.log(`| first page revalidated with its ETag (304) | ${median(reval).toFixed(1)} ms |`);
    console.log(`| filter (name, status, label) + sort, in the browser's code | ${median(filt).toFixed(2)} ms |`);
  } finally {
    await sim.close();
  }
}

void main();
