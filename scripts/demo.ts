// `npm run demo`: the simulator and the dashboard together, stopped together on Ctrl-C.
import { spawn } from "node:child_process";
import { startSimulator } from "../simulator/server.js";
import { dashboardEnv } from "./dashboard-env.js";
import { portOr } from "./free-port.js";

const simPort = await portOr(Number(process.env.SIM_PORT ?? 4010));
const appPort = await portOr(Number(process.env.PORT ?? 3000));
const sim = await startSimulator({ port: simPort, control: true });
const appUrl = `http://127.0.0.1:${appPort}`;

const next = spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", "-H", "127.0.0.1", "-p", String(appPort)], {
  stdio: ["ignore", "pipe", "inherit"],
  env: { ...process.env, ...dashboardEnv(sim.url, appUrl), NEXT_TELEMETRY_DISABLED: "1" },
});

let announced = false;
next.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (!announced && /Ready|ready/.test(chunk.toString())) {
    announced = true;
    console.log(`\n  Actions Console demo: ${appUrl}`);
    console.log(`  Simulated GHES:      ${sim.url} (API ${sim.url}/api/v3)`);
    console.log(`  Sign in with "Sign in with GitHub" and pick a user on the simulator's page (mona is an org owner).`);
    console.log(`  Ctrl-C stops both.\n`);
    // Warm the first page so the first click is not a cold compile.
    void fetch(`${appUrl}/login`).catch(() => undefined);
  }
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  await sim.close();
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
next.on("exit", (code) => void stop(code ?? 1));
