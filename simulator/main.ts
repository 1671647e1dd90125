// `npm run sim`: the simulator on http://127.0.0.1:4010 with the control interface on.
// Flags (or env): --port (SIM_PORT), --seed (SIM_SEED), --speed (SIM_SPEED), --latency ms (SIM_LATENCY),
// --no-control, --rate-limit n (SIM_RATE_LIMIT), --host (SIM_HOST), --runners n (SIM_RUNNERS: acme's runners in total).
import { parseArgs } from "node:util";
import { startSimulator } from "./server.js";
import { parseSeedOptions } from "./store/seed.js";
import { DEMO_TOKEN, fixedToken } from "./store/tokens.js";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    seed: { type: "string" },
    speed: { type: "string" },
    latency: { type: "string" },
    "rate-limit": { type: "string" },
    runners: { type: "string" },
    "big-org": { type: "string" },
    control: { type: "boolean" },
    "no-control": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
  allowPositionals: false,
});

if (values.help) {
  console.log(`Usage: npm run sim -- [--port 4010] [--seed 1] [--speed 1] [--latency 0] [--rate-limit 5000] [--runners 34] [--big-org [name:]N] [--no-control]`);
  process.exit(0);
}

function num(flag: string | undefined, env: string | undefined, fallback: number, name: string): number {
  const raw = flag ?? env;
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) {
    console.error(`sim: ${name} must be a number, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

const env = process.env;
const port = num(values.port, env.SIM_PORT, 4010, "--port");
const seed = num(values.seed, env.SIM_SEED, 1, "--seed");
const speed = num(values.speed, env.SIM_SPEED, 1, "--speed");
const latency = num(values.latency, env.SIM_LATENCY, 0, "--latency");
const rateLimit = num(values["rate-limit"], env.SIM_RATE_LIMIT, 5000, "--rate-limit");
const control = values["no-control"] ? false : (values.control ?? env.SIM_CONTROL !== "0");
const host = values.host ?? env.SIM_HOST ?? "127.0.0.1";
const runners = values.runners ?? env.SIM_RUNNERS;
const seedOptions = parseSeedOptions(runners === undefined || runners === "" ? {} : { runners });
if (typeof seedOptions === "string") {
  console.error(`sim: --runners: ${seedOptions}`);
  process.exit(2);
}

// --big-org 300 (or --big-org initech:300): an extra org with that many repositories (store/seed-bigorg.ts).
const bigOrgArg = values["big-org"] ?? env.SIM_BIG_ORG;
const bigOrgMatch = bigOrgArg ? /^(?:([A-Za-z0-9-]+):)?(\d+)$/.exec(bigOrgArg) : null;
if (bigOrgArg && !bigOrgMatch) {
  console.error(`sim: --big-org must be a number of repositories, optionally after "name:", got "${bigOrgArg}"`);
  process.exit(2);
}
const bigOrg = bigOrgMatch ? { name: bigOrgMatch[1] ?? "initech", repos: Number(bigOrgMatch[2]) } : null;

const started = Date.now();
const sim = await startSimulator({ port, host, seed, seedOptions, clockSpeed: speed, rateLimit, control, bigOrg }).catch((e: unknown) => {
  const err = e as NodeJS.ErrnoException;
  console.error(err.code === "EADDRINUSE" ? `sim: port ${port} is in use (use --port)` : `sim: ${String(err.message ?? e)}`);
  process.exit(1);
});
if (latency > 0) sim.sim.faults.latencyMs = latency;

const [clientId, clientSecret] = Object.entries(sim.sim.options.oauthApps)[0] ?? ["", ""];
const world = seedOptions.runners !== undefined ? `, ${seedOptions.runners} acme runners` : "";
console.log(`GitHub Enterprise Server simulator (seed ${seed}${world}, clock ×${speed}) ready in ${Date.now() - started} ms`);
console.log(`  URL:            ${sim.url}`);
console.log(`  API:            ${sim.url}/api/v3`);
console.log(`  Demo token:     ${DEMO_TOKEN}  (mona, org owner; also ${fixedToken("hubot")}, ${fixedToken("octocat")})`);
console.log(`  OAuth app:      client id ${clientId}`);
console.log(`                  secret    ${clientSecret}`);
console.log(`  Control:        ${control ? `${sim.url}/_sim/health` : "off"}`);
console.log(`  Try: curl -H "Authorization: token ${DEMO_TOKEN}" ${sim.url}/api/v3/repos/acme/web/actions/runs`);

const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
