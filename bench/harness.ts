/**
 * What the browser benchmarks share: the simulator in its own process (as `npm run sim` starts it, so its work does
 * not share the bench's event loop), the built dashboard (`next start`) pointed at it, both on free ports, and
 * Chromium signed in as mona with her demo token. `stop()` ends the browser and both servers (only those).
 *
 *   const bench = await startBench({ simArgs: ["--runners", "500"] });
 *   try { const page = await bench.context.newPage(); ... } finally { await bench.stop(); }
 *
 * Needs a production build (`npx next build`) first.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { dashboardEnv } from "../scripts/dashboard-env.js";
import { freePort } from "../scripts/free-port.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** mona's demo token (simulator/CONTRACT.md): an owner of acme. */
export const MONA_TOKEN = "ghp_monaDemoToken000000000000000000000000";

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? NaN;
};
export const fmtMs = (n: number): string => `${Math.round(n).toLocaleString("en-US")} ms`;

/** Resolves once `url` answers 2xx; rejects after `timeoutMs`. */
export async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Sends SIGTERM and waits for the process to end (SIGKILL after 5 s). */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export interface SimProcess {
  /** Origin, e.g. http://127.0.0.1:43123 (the API is under /api/v3, the control interface under /_sim). */
  url: string;
  child: ChildProcess;
}

/**
 * `npm run sim -- --port <free> <args>` with the control interface on and no practical rate limit (a bench's reads
 * must not run out of the hourly 5,000); resolves with its URL once it prints it.
 */
export async function startSimProcess(args: readonly string[] = []): Promise<SimProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [path.join(ROOT, "simulator", "start.mjs"), "--port", String(port), "--rate-limit", "1000000", ...args],
    { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    const onExit = (code: number | null) => reject(new Error(`simulator exited with ${code}:\n${out}`));
    child.once("exit", onExit);
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /URL:\s+(http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        child.off("exit", onExit);
        resolve({ child, url: m[1] });
      }
    });
  });
}

/** The built dashboard (`next start`) on a free port, pointed at `simUrl`; resolves once /api/health answers. */
export async function startDashboard(simUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ...dashboardEnv(simUrl, url), NEXT_TELEMETRY_DISABLED: "1" },
  });
  try {
    await waitFor(`${url}/api/health`, 120_000);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return { url, child };
}

export interface Bench {
  sim: SimProcess;
  /** The dashboard's origin. */
  appUrl: string;
  browser: Browser;
  /** A context signed in as mona (baseURL = the dashboard); its pages share the session cookie. */
  context: BrowserContext;
  /** The session cookie header, for requests to the dashboard's proxy outside the browser. */
  cookie: string;
  /** A request to the simulator's control interface (`/_sim` + path); JSON in and out. */
  control: <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;
  /** A GET of the simulator's API (`/api/v3` + path) as mona; the JSON. */
  api: <T = unknown>(path: string) => Promise<T>;
  stop: () => Promise<void>;
}

export interface BenchOptions {
  /** Extra `npm run sim` arguments, e.g. ["--runners", "500"]. */
  simArgs?: readonly string[];
  viewport?: { width: number; height: number };
  /** Installed in the context before any page's own scripts (a string, so tsx adds no helpers to it). */
  initScript?: string;
}

/** Simulator + dashboard + Chromium signed in as mona. Everything started is stopped if a later step fails. */
export async function startBench(options: BenchOptions = {}): Promise<Bench> {
  const started: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of started.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    const sim = await startSimProcess(options.simArgs);
    started.push(() => stopProcess(sim.child));
    const app = await startDashboard(sim.url);
    started.push(() => stopProcess(app.child));
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    });
    started.push(() => browser.close());
    const context = await browser.newContext({ baseURL: app.url, ...(options.viewport ? { viewport: options.viewport } : {}) });
    if (options.initScript) await context.addInitScript(options.initScript);
    const login = await context.newPage();
    await login.goto("/login?returnTo=%2F");
    await login.getByRole("textbox", { name: "Personal access token" }).fill(MONA_TOKEN);
    await login.getByRole("button", { name: "Sign in with token" }).click();
    await login.getByTestId("token-result").waitFor();
    await login.close();
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const control = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
      const r = await fetch(`${sim.url}/_sim${p}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`${method} /_sim${p}: ${r.status}`);
      const text = await r.text();
      return (text ? JSON.parse(text) : null) as T;
    };
    const api = async <T>(p: string): Promise<T> => {
      const r = await fetch(`${sim.url}/api/v3${p}`, { headers: { authorization: `token ${MONA_TOKEN}` } });
      if (!r.ok) throw new Error(`GET ${p}: ${r.status}`);
      return (await r.json()) as T;
    };
    return { sim, appUrl: app.url, browser, context, cookie, control, api, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Runs `main`, printing its error and exiting 1 if it fails (a bench must not end "successfully" with no numbers). */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
