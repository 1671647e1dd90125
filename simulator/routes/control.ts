// The control interface for tests and the demo, at /_sim/*, answering only when options.control is on.
import type { Hono } from "hono";
import type { FaultConfig, SimContext, SimEnv } from "../context.js";
import type { SimHandle } from "../app.js";
import { tick } from "../engine.js";
import { noFaults } from "../http/faults.js";
import { registerQueuedRunControl } from "./control-queued.js";
import { registerRunnerControl } from "./control-runners.js";
import { parseSeedOptions } from "../store/seed.js";
import { registerHostileControl } from "./control-hostile.js";
import { registerLogControl } from "./control-logs.js";

const bad = (c: SimContext, message: string) => c.json({ message }, 400);

async function jsonBody(c: SimContext): Promise<Record<string, unknown>> {
  const text = await c.req.text().catch(() => "");
  if (!text) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function handle(c: SimContext): SimHandle {
  return c.get("sim") as SimHandle;
}

const FAULT_KEYS = new Set<keyof FaultConfig>(["latencyMs", "jitterMs", "errorRates", "secondaryLimit", "reset", "truncate", "htmlError"]);

export function register(app: Hono<SimEnv>): void {
  app.use("/_sim/*", async (c, next) => {
    if (!c.get("sim").options.control) return c.json({ message: "Not Found" }, 404);
    await next();
  });

  app.get("/_sim/health", (c) => {
    const sim = c.get("sim");
    return c.json({
      ok: true,
      seed: sim.options.seed,
      seedOptions: sim.options.seedOptions,
      now: sim.now().toISOString(),
      clockSpeed: sim.options.clockSpeed,
      counts: {
        users: sim.state.users.size,
        orgs: sim.state.orgs.size,
        repos: sim.state.repos.size,
        runners: sim.state.runners.size,
        workflows: sim.state.workflows.size,
        runs: sim.state.runs.size,
        jobs: sim.state.jobs.size,
        artifacts: sim.state.artifacts.size,
      },
    });
  });

  app.post("/_sim/reset", async (c) => {
    await handle(c).reseed();
    return c.json({ ok: true, seed: c.get("sim").options.seed });
  });

  app.post("/_sim/seed", async (c) => {
    const body = await jsonBody(c);
    const seed = Number(body.seed);
    if (!Number.isInteger(seed)) return bad(c, "seed must be an integer");
    // `options` (SeedOptions) replaces the current seed options; without it they are kept.
    const options = body.options === undefined ? undefined : parseSeedOptions(body.options);
    if (typeof options === "string") return bad(c, options);
    await handle(c).reseed(seed, options);
    return c.json({ ok: true, seed, options: c.get("sim").options.seedOptions });
  });

  app.put("/_sim/clock", async (c) => {
    const body = await jsonBody(c);
    const speed = Number(body.speed);
    if (!Number.isFinite(speed) || speed < 0) return bad(c, "speed must be a number >= 0");
    handle(c).setSpeed(speed);
    return c.json({ ok: true, speed, now: c.get("sim").now().toISOString() });
  });

  app.get("/_sim/clock", (c) => c.json({ speed: c.get("sim").options.clockSpeed, now: c.get("sim").now().toISOString() }));

  app.post("/_sim/tick", async (c) => {
    const body = await jsonBody(c);
    const seconds = Number(body.seconds);
    if (!Number.isFinite(seconds) || seconds < 0) return bad(c, "seconds must be a number >= 0");
    tick(c.get("sim"), seconds);
    return c.json({ ok: true, now: c.get("sim").now().toISOString() });
  });

  app.get("/_sim/faults", (c) => c.json(c.get("sim").faults));
  app.put("/_sim/faults", async (c) => {
    const body = await jsonBody(c);
    const unknown = Object.keys(body).filter((k) => !FAULT_KEYS.has(k as keyof FaultConfig));
    if (unknown.length) return bad(c, `unknown fault keys: ${unknown.join(", ")}`);
    const sim = c.get("sim");
    sim.faults = { ...sim.faults, ...(body as Partial<FaultConfig>) };
    return c.json(sim.faults);
  });
  app.delete("/_sim/faults", (c) => {
    c.get("sim").faults = noFaults();
    return c.body(null, 204);
  });

  app.get("/_sim/writes", (c) => c.json(Object.fromEntries(c.get("sim").writes)));
  app.delete("/_sim/writes", (c) => {
    c.get("sim").writes.clear();
    return c.body(null, 204);
  });

  app.get("/_sim/requests", (c) => {
    const sim = handle(c);
    const offset = sim.requestLogOffset ?? 0;
    const since = Math.max(0, Number(c.req.query("since") ?? 0) || 0);
    const from = Math.max(0, since - offset);
    const requests = sim.requestLog.slice(from).map((r, i) => ({ index: offset + from + i, ...r }));
    return c.json({ next: offset + sim.requestLog.length, requests });
  });
  app.delete("/_sim/requests", (c) => {
    const sim = handle(c);
    sim.requestLogOffset = (sim.requestLogOffset ?? 0) + sim.requestLog.length;
    sim.requestLog.length = 0;
    return c.body(null, 204);
  });

  app.get("/_sim/rate", (c) => c.json(Object.fromEntries(c.get("sim").rate)));
  app.delete("/_sim/rate", (c) => {
    c.get("sim").rate.clear();
    return c.body(null, 204);
  });

  // A run's stored dispatch inputs (GitHub's run object does not show them): /_sim/state/runs/{id}.
  app.get("/_sim/state/runs/:id", (c) => {
    const run = c.get("sim").state.runs.get(Number(c.req.param("id")));
    if (!run) return c.json({ message: "Not Found" }, 404);
    return c.json({ id: run.id, event: run.event, head_branch: run.head_branch, actor: run.actor, inputs: run.inputs });
  });

  // A secret's decrypted value: /_sim/state/secrets/{org}/{name} or /_sim/state/secrets/{owner}/{repo}/{name}.
  app.get("/_sim/state/secrets/:a/:b/:c?", (c) => {
    const state = c.get("sim").state;
    const a = c.req.param("a");
    const b = c.req.param("b");
    const third = c.req.param("c");
    let secret;
    let scope: string;
    if (third === undefined) {
      scope = a;
      secret = state.orgSecrets.get(a)?.get(b.toUpperCase());
    } else {
      scope = `${a}/${b}`;
      const repo = [...state.repos.values()].find((r) => r.owner.toLowerCase() === a.toLowerCase() && r.name.toLowerCase() === b.toLowerCase());
      secret = repo ? state.repoSecrets.get(repo.id)?.get(third.toUpperCase()) : undefined;
    }
    if (!secret) return c.json({ message: "Not Found" }, 404);
    return c.json({
      scope,
      name: secret.name,
      value: secret.decrypted,
      key_id: secret.key_id,
      created_at: secret.created_at,
      updated_at: secret.updated_at,
      ...(secret.visibility ? { visibility: secret.visibility, selected_repository_ids: secret.selectedRepoIds ?? [] } : {}),
    });
  });

  registerRunnerControl(app);
  registerQueuedRunControl(app);
  registerHostileControl(app);
  registerLogControl(app);
}
