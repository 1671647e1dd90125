// The simulator as a Hono app: seeded state (createSim) and the middleware chain GitHub's API puts in
// front of every endpoint (createApp). server.ts serves it over HTTP; tests may call app.fetch directly.
import { randomBytes } from "node:crypto";
import { Hono } from "hono";
import type { Sim, SimContext, SimEnv, SimOptions } from "./context.js";
import { startEngine } from "./engine.js";
import { auth } from "./http/auth.js";
import { DOCS, GhError } from "./http/errors.js";
import { etag, mutableHeaders } from "./http/etag.js";
import { faults, noFaults } from "./http/faults.js";
import { rateLimit } from "./http/ratelimit.js";
import { register as registerArtifacts } from "./routes/artifacts.js";
import { register as registerControl } from "./routes/control.js";
import { registerHostileErrors } from "./routes/control-hostile.js";
import { register as registerLogs, registerDownloads } from "./routes/logs.js";
import { register as registerNavigation, registerRaw } from "./routes/navigation.js";
import { register as registerOAuthApi, registerOAuth } from "./routes/oauth.js";
import { register as registerPermissions } from "./routes/permissions.js";
import { register as registerRunnerGroups } from "./routes/runner-groups.js";
import { register as registerRunners } from "./routes/runners.js";
import { register as registerRuns } from "./routes/runs.js";
import { register as registerSecrets } from "./routes/secrets.js";
import { register as registerWorkflows } from "./routes/workflows.js";
import { seed, type SeedOptions } from "./store/seed.js";
import { seedBigOrg } from "./store/seed-bigorg.js";
import { API_VERSIONS, GHES_VERSION } from "./version.js";

export { API_VERSIONS, GHES_VERSION };

export const DEFAULT_OPTIONS: SimOptions = {
  seed: 1,
  seedOptions: {},
  clockSpeed: 1,
  rateLimit: 5000,
  control: false,
  engine: true,
  oauthApps: { "Iv1.simdemo0000000001": "simdemo-secret-0000000000000000000000000" },
};

export const REQUEST_LOG_CAP = 20_000;

/**
 * A Sim with its clock and lifecycle: `advance` moves simulated time by hand (the engine's `tick` uses it),
 * `setSpeed` changes the clock speed without a jump, `reseed` rebuilds the state, `stop` ends the engine.
 */
export interface SimHandle extends Sim {
  advance(seconds: number): void;
  setSpeed(speed: number): void;
  /** Rebuilds the state with this seed (default: the current one) and seed options (default: the current ones). */
  reseed(seedNumber?: number, seedOptions?: SeedOptions): Promise<void>;
  stop(): void;
  /** Entries dropped from the front of requestLog (the log is capped), so indexes stay absolute. */
  requestLogOffset: number;
}

export async function createSim(options: Partial<SimOptions> = {}): Promise<SimHandle> {
  const opts: SimOptions = { ...DEFAULT_OPTIONS, ...options, oauthApps: { ...DEFAULT_OPTIONS.oauthApps, ...(options.oauthApps ?? {}) } };
  // Simulated time = simBase + (real elapsed since realBase) × speed.
  let realBase = Date.now();
  let simBase = realBase;
  const now = () => new Date(simBase + (Date.now() - realBase) * opts.clockSpeed);
  const state = await seed(opts.seed, now(), opts.seedOptions);
  if (opts.bigOrg) seedBigOrg(state, opts.bigOrg, now());
  let stopEngine: () => void = () => {};

  const sim: SimHandle = {
    state,
    options: opts,
    faults: noFaults(),
    now,
    writes: new Map(),
    requestLog: [],
    requestLogOffset: 0,
    rate: new Map(),
    signingKey: randomBytes(32),
    oauthCodes: new Map(),
    advance(seconds: number) {
      simBase += seconds * 1000;
    },
    setSpeed(speed: number) {
      const t = now().getTime();
      realBase = Date.now();
      simBase = t;
      opts.clockSpeed = speed;
    },
    async reseed(seedNumber?: number, seedOptions?: SeedOptions) {
      if (seedNumber !== undefined) opts.seed = seedNumber;
      if (seedOptions !== undefined) opts.seedOptions = seedOptions;
      stopEngine();
      sim.state = await seed(opts.seed, now(), opts.seedOptions);
      if (opts.bigOrg) seedBigOrg(sim.state, opts.bigOrg, now());
      sim.writes.clear();
      sim.rate.clear();
      sim.oauthCodes.clear();
      sim.faults = noFaults();
      if (opts.engine) stopEngine = startEngine(sim);
    },
    stop() {
      stopEngine();
      stopEngine = () => {};
    },
  };
  if (opts.engine) stopEngine = startEngine(sim);
  return sim;
}

function isHandle(sim: Sim): sim is SimHandle {
  return typeof (sim as Partial<SimHandle>).advance === "function";
}

/** GitHub's media type as X-GitHub-Media-Type reports it, from the request's Accept header. */
export function mediaType(accept: string | undefined): string {
  const m = /vnd\.github((?:\.[\w-]+)*)(?:\+(\w+))?/.exec(accept ?? "");
  const params = (m?.[1] ?? "").split(".").filter((p) => p && p !== "v3");
  const param = params[0];
  const format = m?.[2] ?? (param ? undefined : "json");
  return `github.v3${param ? `; param=${param}` : ""}${format ? `; format=${format}` : ""}`;
}

/** A small deterministic SVG avatar for /avatars/u/{id}, so dashboard <img>s load from the simulator. */
function avatarSvg(id: number): string {
  const hue = (id * 47) % 360;
  const cells: string[] = [];
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 3; x++) {
      if (((id * 2654435761) >>> (y * 3 + x)) & 1) {
        cells.push(`<rect x="${x * 80 + 20}" y="${y * 80 + 20}" width="80" height="80"/>`);
        if (x < 2) cells.push(`<rect x="${(4 - x) * 80 + 20}" y="${y * 80 + 20}" width="80" height="80"/>`);
      }
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 440 440"><rect width="440" height="440" fill="#f0f0f0"/><g fill="hsl(${hue},55%,55%)">${cells.join("")}</g></svg>`;
}

export function createApp(sim: Sim): Hono<SimEnv> {
  const app = new Hono<SimEnv>();
  const api = new Hono<SimEnv>();

  app.use("*", async (c, next) => {
    c.set("sim", sim);
    c.set("caller", null);
    c.set("route", null);
    await next();
  });

  // Request log: every request, with the route template matched and the request headers.
  app.use("*", async (c, next) => {
    const at = sim.now().toISOString();
    const u = new URL(c.req.url);
    try {
      await next();
    } finally {
      const headers: Record<string, string> = {};
      c.req.raw.headers.forEach((v, k) => {
        headers[k] = v;
      });
      sim.requestLog.push({
        at,
        method: c.req.method,
        url: u.pathname + u.search,
        route: c.get("route") ?? null,
        status: c.res.status,
        headers,
      });
      const over = sim.requestLog.length - REQUEST_LOG_CAP;
      if (over > 0) {
        sim.requestLog.splice(0, over);
        if (isHandle(sim)) sim.requestLogOffset += over;
      }
    }
  });

  // Faults apply to everything but the control interface (tests must always reach it).
  app.use("*", faults());

  app.use("/api/v3/*", auth());
  app.use("/api/v3/*", rateLimit());
  app.use("/api/v3/*", etag());
  app.use("/api/v3/*", async (c, next) => {
    const requested = c.req.header("x-github-api-version");
    if (requested && !API_VERSIONS.includes(requested)) {
      throw new GhError(400, `API version ${requested} is not supported.`, {
        documentation_url: `${DOCS}/overview/api-versions`,
      });
    }
    await next();
    const h = mutableHeaders(c as SimContext);
    h.set("X-GitHub-Api-Version-Selected", requested ?? API_VERSIONS[0] ?? "2022-11-28");
    h.set("X-GitHub-Media-Type", mediaType(c.req.header("accept")));
    h.set("X-GitHub-Enterprise-Version", GHES_VERSION);
    h.set("X-GitHub-Request-Id", `${randomBytes(4).toString("hex").toUpperCase()}:${randomBytes(4).toString("hex").toUpperCase()}`);
    const caller = c.get("caller");
    if (caller && !h.has("X-OAuth-Scopes")) h.set("X-OAuth-Scopes", caller.token.scopes.join(", "));
    // GitHub's API answers cross-origin requests and exposes its headers.
    h.set("Access-Control-Allow-Origin", "*");
    h.set(
      "Access-Control-Expose-Headers",
      "ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset",
    );
    if (!h.has("Vary")) h.set("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP");
  });

  // Before the routes: the hostile seed's erroring repository (only when POST /_sim/seed/hostile made one).
  registerHostileErrors(api);
  registerNavigation(api);
  registerOAuthApi(api);
  registerRunners(api);
  registerRunnerGroups(api);
  registerSecrets(api);
  registerPermissions(api);
  registerWorkflows(api);
  registerRuns(api);
  registerArtifacts(api);
  registerLogs(api);
  app.route("/api/v3", api);

  registerOAuth(app);
  registerRaw(app);
  registerControl(app);
  // Signed log and artifact downloads (the storage GitHub redirects to), outside /api/v3.
  registerDownloads(app);

  app.get("/avatars/u/:id", (c) => {
    const id = Number(c.req.param("id"));
    return c.body(avatarSvg(Number.isFinite(id) ? id : 0), 200, {
      "Content-Type": "image/svg+xml",
      "Cache-Control": "max-age=300",
    });
  });
  app.get("/", (c) =>
    c.html(
      `<!doctype html><title>GitHub Enterprise Server simulator</title><h1>GitHub Enterprise Server ${GHES_VERSION} (simulated)</h1><p>API: <a href="/api/v3">/api/v3</a></p>`,
    ),
  );

  app.notFound((c) =>
    c.json({ message: "Not Found", documentation_url: DOCS, status: "404" }, 404),
  );

  app.onError((err, c) => {
    if (err instanceof GhError) {
      const body: Record<string, unknown> = {
        message: err.message,
        documentation_url: err.extra.documentation_url ?? DOCS,
      };
      if (err.extra.errors && err.extra.errors.length > 0) body.errors = err.extra.errors;
      body.status = String(err.status);
      return c.json(body, err.status as 400, err.extra.headers ?? {});
    }
    console.error("simulator: unhandled error", err);
    return c.json({ message: "Server Error", documentation_url: DOCS, status: "500" }, 500);
  });

  return app;
}
