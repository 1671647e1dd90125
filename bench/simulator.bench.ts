/**
 * Simulator benchmark: `npx tsx bench/simulator.bench.ts [--duration 10] [--connections 32] [--seed 1]`
 *
 * - start time of `npm run sim` (a fresh process: npm, node, the bundled simulator, seeding, listen, until it prints
 *   its URL), of `node simulator/start.mjs` alone and of `node --import tsx simulator/main.ts` (interleaved);
 * - memory of the seeded store (heapUsed after a full GC, before and after seeding, in this process);
 * - requests per second for GET /repos/acme/web/actions/runs?per_page=100 with N keep-alive connections for
 *   D seconds (the simulator runs in its own process, so client and server do not share an event loop);
 * - the download of the 1,000,000-line job log ("Stress" in the latest completed scheduled nightly.yml run of
 *   acme/web): 302 to the signed URL, then the body streamed and counted.
 * Prints a markdown table.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import v8 from "node:v8";
import vm from "node:vm";
import { createSim } from "../simulator/app.js";
import { fixedToken } from "../simulator/store/tokens.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TOKEN = fixedToken("mona");

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "32" },
    seed: { type: "string", default: "1" },
    starts: { type: "string", default: "3" },
    downloads: { type: "string", default: "3" },
  },
});
const DURATION_S = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const SEED = Number(values.seed);
const STARTS = Math.max(1, Number(values.starts));
const DOWNLOADS = Math.max(1, Number(values.downloads));

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const MB = 1024 * 1024;
const fmt = (n: number, digits = 1) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? NaN;
};
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

// ---------------------------------------------------------------------------------------------------------
// memory of the seeded store

function settleHeap(): number {
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
}

async function measureMemory() {
  const before = settleHeap();
  const t0 = performance.now();
  const sim = await createSim({ seed: SEED, engine: false, control: false });
  const seedMs = performance.now() - t0;
  const after = settleHeap();
  const s = sim.state;
  const counts = {
    repos: s.repos.size,
    runs: s.runs.size,
    jobs: s.jobs.size,
    runners: s.runners.size,
    artifacts: s.artifacts.size,
  };
  sim.stop();
  return { before, after, seedMs, counts };
}

// ---------------------------------------------------------------------------------------------------------
// `npm run sim` in a fresh process

interface Server {
  child: ChildProcess;
  url: string;
  readyMs: number;
  /** "ready in N ms" as main.ts reports it (seeding + listen inside the process). */
  selfReportedMs: number | null;
  /** CPU time (user + system, all threads) the process had used when it printed its URL; null when unknown. */
  cpuMs: number | null;
}

/** CPU time of a process from /proc (Linux; clock ticks of 10 ms), or null elsewhere. */
function cpuTimeMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

type StartMode = "npm" | "launcher" | "tsx";

const SIM_ARGS = ["--port", "0", "--seed", String(SEED), "--rate-limit", "1000000000", "--no-control"];

/**
 * A fresh simulator process: "npm" runs `npm run sim -- …` itself (npm's own start-up included); "launcher" what
 * that script runs (`node simulator/start.mjs`, the esbuild bundle); "tsx" the way it used to start
 * (`node --import tsx simulator/main.ts`, tsx's loader in this process's execArgv), for comparison.
 */
function startServer(mode: StartMode): Promise<Server> {
  const t0 = performance.now();
  const [cmd, args] =
    mode === "npm"
      ? ["npm", ["run", "--silent", "sim", "--", ...SIM_ARGS]]
      : mode === "launcher"
        ? [process.execPath, [path.join(ROOT, "simulator", "start.mjs"), ...SIM_ARGS]]
        : [process.execPath, [...process.execArgv, path.join(ROOT, "simulator", "main.ts"), ...SIM_ARGS]];
  // Its own process group, so stopping it also stops the node process npm starts.
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], detached: true });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    let selfReportedMs: number | null = null;
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`simulator did not start in 60 s:\n${out}\n${err}`));
    }, 60_000);
    child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const ready = /ready in (\d+) ms/.exec(out);
      if (ready?.[1]) selfReportedMs = Number(ready[1]);
      const m = /URL:\s+(http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        const readyMs = performance.now() - t0;
        resolve({ child, url: m[1], readyMs, selfReportedMs, cpuMs: mode === "npm" ? null : cpuTimeMs(child.pid) });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`simulator exited with ${code}:\n${out}\n${err}`));
    });
  });
}

function stopServer(s: Server): Promise<void> {
  return new Promise((resolve) => {
    if (s.child.exitCode !== null) return resolve();
    s.child.removeAllListeners("exit");
    s.child.once("exit", () => resolve());
    if (s.child.pid !== undefined) process.kill(-s.child.pid, "SIGTERM");
    else s.child.kill("SIGTERM");
  });
}

// ---------------------------------------------------------------------------------------------------------
// HTTP helpers

const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

function request(
  url: string,
  onData?: (chunk: Buffer) => void,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: number; body: Buffer | null }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      { agent, headers: { authorization: `token ${TOKEN}`, accept: "application/vnd.github+json" } },
      (res) => {
        let bytes = 0;
        const chunks: Buffer[] | null = onData ? null : [];
        res.on("data", (c: Buffer) => {
          bytes += c.length;
          if (onData) onData(c);
          else chunks?.push(c);
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            bytes,
            body: chunks ? Buffer.concat(chunks) : null,
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
  });
}

async function getJson<T>(url: string): Promise<T> {
  const r = await request(url);
  if (r.status !== 200 || !r.body) throw new Error(`GET ${url} answered ${r.status}`);
  return JSON.parse(r.body.toString("utf8")) as T;
}

// ---------------------------------------------------------------------------------------------------------
// requests per second

async function loadTest(url: string, connections: number, seconds: number) {
  // Warm up (JIT, caches) for a second, not counted.
  const warmEnd = performance.now() + 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < warmEnd) await request(url);
    }),
  );
  const latencies: number[] = [];
  let bytes = 0;
  let non200 = 0;
  let errors = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const s = performance.now();
        try {
          const r = await request(url, () => {});
          bytes += r.bytes;
          if (r.status !== 200) non200++;
          latencies.push(performance.now() - s);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / elapsed,
    mbps: bytes / MB / elapsed,
    avgBytes: latencies.length ? bytes / latencies.length : 0,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    non200,
    errors,
    elapsed,
  };
}

// ---------------------------------------------------------------------------------------------------------
// the 1,000,000-line job log

async function findStressJob(api: string): Promise<number> {
  const wf = await getJson<{ workflows: { id: number; path: string }[] }>(
    `${api}/repos/acme/web/actions/workflows`,
  );
  const nightly = wf.workflows.find((w) => w.path.endsWith("/nightly.yml"));
  if (!nightly) throw new Error("acme/web has no nightly.yml");
  const runs = await getJson<{ workflow_runs: { id: number; event: string; status: string }[] }>(
    `${api}/repos/acme/web/actions/workflows/${nightly.id}/runs?event=schedule&status=completed&per_page=100`,
  );
  for (const run of runs.workflow_runs) {
    const jobs = await getJson<{ jobs: { id: number; name: string }[] }>(
      `${api}/repos/acme/web/actions/runs/${run.id}/jobs?filter=all`,
    );
    const stress = jobs.jobs.find((j) => j.name === "Stress");
    if (stress) return stress.id;
  }
  throw new Error("no Stress job in acme/web's scheduled nightly runs");
}

async function downloadLog(api: string, jobId: number) {
  const t0 = performance.now();
  const redirect = await request(`${api}/repos/acme/web/actions/jobs/${jobId}/logs`);
  const location = redirect.headers.location;
  if (redirect.status !== 302 || !location)
    throw new Error(`job log answered ${redirect.status} without a redirect`);
  const tRedirect = performance.now() - t0;
  let lines = 0;
  let firstByte = 0;
  const r = await request(location, (chunk) => {
    if (!firstByte) firstByte = performance.now() - t0;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  });
  if (r.status !== 200) throw new Error(`signed log URL answered ${r.status}`);
  const seconds = (performance.now() - t0) / 1000;
  return {
    seconds,
    bytes: r.bytes,
    lines,
    mbps: r.bytes / MB / seconds,
    redirectMs: tRedirect,
    firstByteMs: firstByte,
  };
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  const rows: [string, string][] = [];
  console.error(`bench: seed ${SEED}, ${CONNECTIONS} connections × ${DURATION_S} s, node ${process.version}`);

  console.error("bench: memory of the seeded store …");
  const mem = await measureMemory();
  rows.push(["Seeding in-process (`createSim`)", `${fmt(mem.seedMs, 0)} ms`]);
  rows.push([
    "Seeded store, heapUsed before → after (Δ)",
    `${fmt(mem.before / MB)} MB → ${fmt(mem.after / MB)} MB (**${fmt((mem.after - mem.before) / MB)} MB**)`,
  ]);
  rows.push([
    "Seeded records",
    Object.entries(mem.counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(", "),
  ]);

  // Interleaved, so a busy moment of the machine does not fall on one way of starting only.
  console.error(`bench: starting the simulator ${STARTS}× each way …`);
  const starts: Record<StartMode, number[]> = { npm: [], launcher: [], tsx: [] };
  const selfReported: Record<StartMode, number[]> = { npm: [], launcher: [], tsx: [] };
  const cpu: Record<StartMode, number[]> = { npm: [], launcher: [], tsx: [] };
  let server: Server | null = null;
  for (let i = 0; i < STARTS; i++) {
    for (const mode of ["npm", "launcher", "tsx"] as const) {
      const s = await startServer(mode);
      starts[mode].push(s.readyMs);
      if (s.selfReportedMs !== null) selfReported[mode].push(s.selfReportedMs);
      if (s.cpuMs !== null) cpu[mode].push(s.cpuMs);
      if (i === STARTS - 1 && mode === "launcher") server = s;
      else await stopServer(s);
    }
  }
  if (!server) throw new Error("no server");
  const runs = (xs: number[]) => `**${fmt(median(xs), 0)} ms** (runs: ${xs.map((x) => fmt(x, 0)).join(", ")} ms)`;
  rows.push(["`npm run sim` start, fresh process until the URL is printed (median of " + STARTS + ")", runs(starts.npm)]);
  rows.push(["… `node simulator/start.mjs` (what the script runs, without npm's own start)", runs(starts.launcher)]);
  rows.push(['… of which seeding + listen ("ready in", median)', `${fmt(median(selfReported.launcher), 0)} ms`]);
  rows.push(["… CPU time of that process until the URL (user + system, median; less moved by other load)", `${fmt(median(cpu.launcher), 0)} ms`]);
  rows.push([
    "… for comparison, `node --import tsx simulator/main.ts` (tsx's loader)",
    `${runs(starts.tsx)}; ready in ${fmt(median(selfReported.tsx), 0)} ms; CPU ${fmt(median(cpu.tsx), 0)} ms`,
  ]);

  const api = `${server.url}/api/v3`;
  try {
    const target = `${api}/repos/acme/web/actions/runs?per_page=100`;
    console.error(`bench: GET ${target} for ${DURATION_S} s …`);
    const load = await loadTest(target, CONNECTIONS, DURATION_S);
    rows.push([
      `GET /repos/acme/web/actions/runs?per_page=100, ${CONNECTIONS} connections, ${DURATION_S} s`,
      `**${fmt(load.rps)} req/s** (${load.requests} requests, ${fmt(load.mbps)} MB/s, ${fmt(load.avgBytes / 1024)} KB/response)`,
    ]);
    rows.push(["… latency p50 / p99", `${fmt(load.p50)} ms / ${fmt(load.p99)} ms`]);
    rows.push(["… non-200 / failed requests", `${load.non200} / ${load.errors}`]);

    console.error("bench: the 1,000,000-line job log …");
    try {
      const jobId = await findStressJob(api);
      const downloads: Awaited<ReturnType<typeof downloadLog>>[] = [];
      for (let i = 0; i < DOWNLOADS; i++) downloads.push(await downloadLog(api, jobId));
      const best = [...downloads].sort((a, b) => a.seconds - b.seconds)[0];
      const med = median(downloads.map((d) => d.seconds));
      const d0 = downloads[0];
      if (best && d0) {
        rows.push([
          `Job log download (job ${jobId}, ${d0.lines.toLocaleString("en-US")} lines, ${fmt(d0.bytes / MB)} MB), median of ${DOWNLOADS}`,
          `**${fmt(med, 2)} s, ${fmt(d0.bytes / MB / med)} MB/s** (best ${fmt(best.seconds, 2)} s, ${fmt(best.mbps)} MB/s)`,
        ]);
        rows.push([
          "… 302 redirect / first byte of the log",
          `${fmt(d0.redirectMs)} ms / ${fmt(d0.firstByteMs)} ms`,
        ]);
      }
    } catch (e) {
      rows.push([
        "Job log download (1,000,000 lines)",
        `failed: ${e instanceof Error ? e.message : String(e)}`,
      ]);
    }
  } finally {
    agent.destroy();
    await stopServer(server);
  }

  console.log(`| Measure | Result |\n| --- | --- |\n${rows.map(([a, b]) => `| ${a} | ${b} |`).join("\n")}`);
  console.log(
    `\n_${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${process.platform}/${process.arch}, seed ${SEED}_`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
