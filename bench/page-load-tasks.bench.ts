/**
 * Longest main-thread task of a page load: `npx next build && npx tsx bench/page-load-tasks.bench.ts [--samples 5]`
 *
 * The floor under the log viewer's "no main-thread task over 50 ms" (bench/log-viewer.bench.ts): what the same
 * Next.js and React build costs on this machine before any log arrives. Each page is opened `samples` times in a fresh
 * tab (after one warm-up load); a "longtask" PerformanceObserver installed before the page's own scripts records every
 * task of 50 ms or more for 2.5 s; the figure is each load's longest (0 when none reached 50 ms). Pages: the sign-in
 * page (the smallest page: a form, no data), home, a runs list, and a job page with a small log (the viewer and its
 * worker, no long log to index). Prints a markdown table.
 */
import { parseArgs } from "node:util";
import { median, runBench, startBench } from "./harness.js";

const { values } = parseArgs({ options: { samples: { type: "string", default: "5" } } });
const SAMPLES = Number(values.samples);

const INIT = `(() => {
  window.__longTasks = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push(e.duration); })
    .observe({ type: "longtask", buffered: true });
})()`;

runBench(async () => {
  const b = await startBench({ initScript: INIT });
  try {
    const { workflow_runs } = await b.api<{ workflow_runs: { id: number }[] }>(
      "/repos/acme/web/actions/workflows/ci.yml/runs?status=completed&per_page=1",
    );
    const runId = workflow_runs[0]?.id;
    if (runId === undefined) throw new Error("no completed CI run of acme/web");
    const { jobs } = await b.api<{ jobs: { id: number }[] }>(`/repos/acme/web/actions/runs/${runId}/jobs`);
    const jobId = jobs[0]?.id;
    if (jobId === undefined) throw new Error(`run ${runId} has no jobs`);
    const pages: [string, string][] = [
      ["sign-in page (`/login`: a form, no data)", "/login"],
      ["home (`/`)", "/"],
      ["runs list (`/acme/web/actions`)", "/acme/web/actions"],
      ["job page, small log", `/acme/web/actions/runs/${runId}/job/${jobId}`],
    ];
    const rows: string[] = [];
    for (const [name, url] of pages) {
      const longest: number[] = [];
      for (let i = 0; i <= SAMPLES; i++) {
        const page = await b.context.newPage();
        await page.goto(url);
        await page.waitForTimeout(2500);
        const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
        if (i > 0) longest.push(Math.max(0, ...tasks));
        await page.close();
      }
      const runs = longest.map((x) => Math.round(x)).join(", ");
      rows.push(`| ${name} | **${Math.round(median(longest))} ms** (${runs}) |`);
      console.error(`${name}: ${runs}`);
    }
    console.log(`\n${SAMPLES} loads each, ${new Date().toISOString()}, Node ${process.version}\n`);
    console.log("| page | longest main-thread task of the load, median (each load) |\n| --- | --- |");
    console.log(rows.join("\n"));
  } finally {
    await b.stop();
  }
});
