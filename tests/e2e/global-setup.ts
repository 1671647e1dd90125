import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { startSimulator } from "../../simulator/server.js";
import { dashboardEnv } from "../../scripts/dashboard-env.js";
import { freePort } from "../../scripts/free-port.js";

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Everything the dashboard server prints (stdout and stderr). */
export const SERVER_LOG = "test-results/next-server.log";

/** Starts the simulator (in this process) and the built dashboard (`next start`) on free ports. */
export default async function globalSetup() {
  const sim = await startSimulator({ port: 0, control: true, clockSpeed: 1 });
  const appPort = await freePort();
  const appUrl = `http://127.0.0.1:${appPort}`;
  const env = dashboardEnv(sim.url, appUrl);
  const next: ChildProcess = spawn(
    process.execPath,
    // AC_E2E_DEV=1 runs against `next dev` (no build needed while iterating); the suite itself uses the build.
    ["node_modules/next/dist/bin/next", process.env.AC_E2E_DEV ? "dev" : "start", "-H", "127.0.0.1", "-p", String(appPort)],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: "1", AC_TEST_MODE: "1" } },
  );
  // The server's output goes to a file the confidentiality tests read (stderr is still shown).
  mkdirSync("test-results", { recursive: true });
  const serverLog = createWriteStream(SERVER_LOG);
  next.stdout?.pipe(serverLog);
  next.stderr?.pipe(serverLog);
  next.stderr?.pipe(process.stderr);
  await waitFor(`${appUrl}/api/health`, 120_000);
  process.env.AC_BASE_URL = appUrl;
  process.env.AC_SIM_URL = sim.url;
  process.env.AC_SESSION_SECRET = env.SESSION_SECRET;
  return async () => {
    next.kill("SIGTERM");
    await sim.close();
  };
}
