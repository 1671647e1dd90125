/**
 * Load benchmark: `npx next build && npx tsx bench/load.bench.ts [--minutes 10] [--clients 100]
 *   [--direct 10] [--poll 5] [--latency 100] [--downloads 20] [--min-304 90]`
 *
 * Starts the simulator (its own process, `--rate-limit` out of the way) with 100 ms of latency on
 * every answer (`PUT /_sim/faults {latencyMs}`), and the production build (`next start`), on free
 * ports. Then:
 * 1. `clients` sessions (PAT sign-in route) each poll one of the 20 latest acme/web runs and its
 *    jobs through the proxy, as the run page's poller does (If-None-Match, every `poll` seconds),
 *    for `minutes`; `direct` clients poll the same URLs on the simulator itself, interleaved in the
 *    same run. Reported: errors, the share answered 304, latency p50/p99 of both and the proxy's
 *    overhead (proxied − direct), the server's memory (RSS of the `next start` process tree from
 *    /proc) after the first and the last minute.
 * 2. `downloads` concurrent downloads of the million-line log (job "Stress" of acme/web's latest
 *    completed nightly) through the proxy, RSS sampled every 200 ms during.
 * Exits non-zero when there was an error, fewer than 90 % 304s, or the memory grew by more than
 * 150 MB during the downloads. The server's stderr is checked for unhandled rejections.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import { dashboardEnv } from "../scripts/dashboard-env.js";
import { freePort } from "../scripts/free-port.js";
import { waitFor } from "./harness.js";
import { percentile, rssMb, runLoad, signIn } from "./load-driver.js";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    clients: { type: "string", default: "100" },
    direct: { type: "string", default: "10" },
    poll: { type: "string", default: "5" },
    latency: { type: "string", default: "100" },
    downloads: { type: "string", default: "20" },
    "min-304": { type: "string", default: "90" },
  },
});
const MINUTES = Math.max(0.1, Number(values.minutes));
const CLIENTS = Math.max(1, Number(values.clients));
const DIRECT = Math.max(1, Number(values.direct));
const POLL_MS = Math.max(0.1, Number(values.poll)) * 1000;
const LATENCY = Math.max(0, Number(values.latency));
const DOWNLOADS = Math.max(0, Number(values.downloads));
const MIN_304 = Number(values["min-304"]);
const TOKEN = "ghp_monaDemoToken000000000000000000000000";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "n/a");


function stop(child: ChildProcess) {
  if (child.exitCode === null && child.pid) {
    try {
      process.kill(child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

async function main() {
  const simPort = await freePort();
  const simUrl = `http://127.0.0.1:${simPort}`;
  const simProc = spawn(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "simulator/main.ts", "--port", String(simPort), "--rate-limit", "100000000"],
    { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env } },
  );
  const appPort = await freePort();
  const appUrl = `http://127.0.0.1:${appPort}`;
  let serverLog = "";
  let next: ChildProcess | null = null;
  try {
    await waitFor(`${simUrl}/_sim/health`, 120_000);
    const faults = await fetch(`${simUrl}/_sim/faults`, { method: "PUT", body: JSON.stringify({ latencyMs: LATENCY }) });
    if (!faults.ok) throw new Error(`PUT /_sim/faults answered ${faults.status}`);

    next = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(appPort)], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...dashboardEnv(simUrl, appUrl), NEXT_TELEMETRY_DISABLED: "1" },
    });
    const collect = (b: Buffer) => {
      serverLog += b.toString("utf8");
      if (serverLog.length > 1_000_000) serverLog = serverLog.slice(-500_000);
    };
    next.stdout?.on("data", collect);
    next.stderr?.on("data", collect);
    await waitFor(`${appUrl}/api/health`, 120_000);
    const serverPid = next.pid!;

    const api = async <T>(path: string): Promise<T> =>
      (await (await fetch(`${simUrl}/api/v3${path}`, { headers: { authorization: `token ${TOKEN}` } })).json()) as T;
    const runs = await api<{ workflow_runs: { id: number; status: string }[] }>("/repos/acme/web/actions/runs?per_page=20");
    const runIds = runs.workflow_runs.map((r) => r.id);
    const live = runs.workflow_runs.filter((r) => r.status !== "completed").length;
    const paths = (i: number) => {
      const id = runIds[i % runIds.length]!;
      return [`/repos/acme/web/actions/runs/${id}`, `/repos/acme/web/actions/runs/${id}/jobs?filter=latest&per_page=100&page=1`];
    };

    // Warm the route up (the production server compiles nothing, but loads route code lazily).
    const warm = await signIn(appUrl, TOKEN);
    for (const p of paths(0)) await (await fetch(`${appUrl}/api/github${p}`, { headers: { cookie: warm } })).arrayBuffer();

    const rss: { minute: number; mb: number }[] = [{ minute: 0, mb: rssMb(serverPid) }];
    console.error(
      `load: ${CLIENTS} proxied + ${DIRECT} direct clients, poll ${POLL_MS / 1000} s, ${MINUTES} min, latency ${LATENCY} ms; ` +
        `${runIds.length} runs (${live} live); server RSS ${fmt(rss[0]!.mb)} MB`,
    );
    const result = await runLoad({
      appUrl,
      simUrl,
      token: TOKEN,
      clients: CLIENTS,
      directClients: DIRECT,
      durationMs: MINUTES * 60_000,
      pollMs: POLL_MS,
      paths,
      onMinute: (minute) => {
        rss.push({ minute, mb: rssMb(serverPid) });
        console.error(`  minute ${minute}: server RSS ${fmt(rss.at(-1)!.mb)} MB`);
      },
    });
    rss.push({ minute: MINUTES, mb: rssMb(serverPid) });

    // 2. Downloads of the million-line log.
    const nightly = await api<{ workflow_runs: { id: number }[] }>(
      "/repos/acme/web/actions/workflows/nightly.yml/runs?event=schedule&status=completed&per_page=1",
    );
    const nightlyId = nightly.workflow_runs[0]?.id;
    const jobs = await api<{ jobs: { id: number; name: string }[] }>(`/repos/acme/web/actions/runs/${nightlyId}/jobs?per_page=100`);
    const stress = jobs.jobs.find((j) => j.name === "Stress");
    if (!stress) throw new Error("no Stress job in acme/web's latest completed nightly run");
    const cookie = await signIn(appUrl, TOKEN);
    await sleep(2_000);
    const before = rssMb(serverPid);
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb(serverPid));
    }, 200);
    const t0 = performance.now();
    const downloads = await Promise.all(
      Array.from({ length: DOWNLOADS }, async () => {
        try {
          const res = await fetch(`${appUrl}/api/github/repos/acme/web/actions/jobs/${stress.id}/logs`, { headers: { cookie } });
          if (!res.ok || !res.body) return { status: res.status, bytes: 0, lines: 0, error: await res.text() };
          let bytes = 0;
          let lines = 0;
          const reader = res.body.getReader();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            bytes += value.byteLength;
            for (let i = 0; i < value.length; i++) if (value[i] === 10) lines += 1;
          }
          return { status: res.status, bytes, lines, error: "" };
        } catch (e) {
          return { status: 0, bytes: 0, lines: 0, error: e instanceof Error ? e.message : String(e) };
        }
      }),
    );
    const downloadSeconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, rssMb(serverPid));
    await sleep(2_000);
    const after = rssMb(serverPid);

    // Report.
    const p = result.proxied;
    const d = result.direct;
    const share = p.polls ? (100 * p.notModified) / p.polls : 0;
    const dShare = d.polls ? (100 * d.notModified) / d.polls : 0;
    const p50 = percentile(p.latencies, 50);
    const p99 = percentile(p.latencies, 99);
    const d50 = percentile(d.latencies, 50);
    const d99 = percentile(d.latencies, 99);
    const dlOk = downloads.filter((x) => x.status === 200 && x.bytes > 0);
    const sizes = new Set(dlOk.map((x) => x.bytes));
    const unhandled = /unhandledRejection|uncaughtException|UnhandledPromiseRejection/i.test(serverLog);
    const growth = peak - before;
    const first = rss.find((r) => r.minute === 1)?.mb ?? rss[0]!.mb;
    const last = rss.at(-1)!.mb;
    const lines = [
      `| measure | value |`,
      `| --- | --- |`,
      `| date | ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC |`,
      `| clients | ${CLIENTS} proxied (own sessions) + ${DIRECT} direct, polling a run + its jobs every ${POLL_MS / 1000} s for ${fmt(result.durationMs / 60_000)} min; simulator latency ${LATENCY} ms |`,
      `| polls through the proxy | ${p.polls.toLocaleString("en-US")} (${fmt(p.polls / (result.durationMs / 1000))}/s) |`,
      `| errors | ${p.errors} proxied, ${d.errors} direct${result.errorSamples.length ? ` (${result.errorSamples.join("; ")})` : ""} |`,
      `| answered 304 | ${fmt(share)} % proxied (${fmt(dShare)} % direct) |`,
      `| latency p50 | ${fmt(p50)} ms proxied, ${fmt(d50)} ms direct: overhead ${fmt(p50 - d50)} ms |`,
      `| latency p99 | ${fmt(p99)} ms proxied, ${fmt(d99)} ms direct: overhead ${fmt(p99 - d99)} ms |`,
      `| server RSS | ${fmt(rss[0]!.mb)} MB at start, ${fmt(first)} MB after the first minute, ${fmt(last)} MB after the last |`,
      `| ${DOWNLOADS} concurrent million-line log downloads | ${dlOk.length}/${DOWNLOADS} complete, ${[...sizes].map((b) => `${fmt(b / 1e6)} MB`).join(", ")} each, ${dlOk[0]?.lines.toLocaleString("en-US") ?? 0} lines; ${fmt(downloadSeconds)} s in all |`,
      `| server RSS during the downloads | ${fmt(before)} MB before, peak ${fmt(peak)} MB (+${fmt(growth)} MB), ${fmt(after)} MB after |`,
      `| unhandled rejections in the server log | ${unhandled ? "YES" : "none"} |`,
    ];
    console.log(lines.join("\n"));
    const failures: string[] = [];
    if (p.errors || d.errors) failures.push("errors");
    if (share < MIN_304) failures.push(`fewer than ${MIN_304} % 304s`);
    if (dlOk.length !== DOWNLOADS || sizes.size > 1) failures.push(`downloads: ${downloads.filter((x) => x.error).map((x) => x.error).slice(0, 3).join("; ")}`);
    if (growth > 150) failures.push("memory grew by more than 150 MB during the downloads");
    if (unhandled) failures.push("unhandled rejection in the server log");
    if (failures.length) {
      console.error(`FAILED: ${failures.join(", ")}`);
      process.exitCode = 1;
    }
  } finally {
    if (next) stop(next);
    stop(simProc);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
