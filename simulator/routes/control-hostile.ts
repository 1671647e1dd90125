// The hostile organisation for the injected-content tests (store/seed-hostile.ts):
//   POST /_sim/seed/hostile {payloads: string[]} → 201 with what was created (ids, names);
//   GET /_sim/seed/hostile → the same, or 404; DELETE /_sim/seed/hostile → 204 (removed) or 404.
// And, on the API, the hostile errors of evil/broken: its runs and workflows lists answer 422 with a
// payload as the message (and in `errors`) and a `javascript:`/`data:` documentation_url.
import type { Hono } from "hono";
import type { SimEnv } from "../context.js";
import { GhError } from "../http/errors.js";
import { hostileError, hostileOf, removeHostile, seedHostile } from "../store/seed-hostile.js";

const MAX_PAYLOADS = 5000;
const MAX_PAYLOAD_CHARS = 4000;

export function registerHostileControl(app: Hono<SimEnv>): void {
  app.post("/_sim/seed/hostile", async (c) => {
    const body = (await c.req.json().catch(() => null)) as { payloads?: unknown } | null;
    const list = body?.payloads;
    if (!Array.isArray(list) || list.length === 0 || list.length > MAX_PAYLOADS) {
      return c.json(
        { message: `payloads must be a non-empty array of at most ${MAX_PAYLOADS} strings` },
        400,
      );
    }
    if (
      !list.every((p): p is string => typeof p === "string" && p.length > 0 && p.length <= MAX_PAYLOAD_CHARS)
    ) {
      return c.json(
        { message: `every payload must be a non-empty string of at most ${MAX_PAYLOAD_CHARS} characters` },
        400,
      );
    }
    const sim = c.get("sim");
    return c.json(seedHostile(sim.state, list, sim.now()), 201);
  });
  app.get("/_sim/seed/hostile", (c) => {
    const h = hostileOf(c.get("sim").state);
    return h ? c.json(h) : c.json({ message: "Not Found" }, 404);
  });
  app.delete("/_sim/seed/hostile", (c) =>
    removeHostile(c.get("sim").state) ? c.body(null, 204) : c.json({ message: "Not Found" }, 404),
  );
}

/** Mounted on the /api/v3 app before the routes: evil/broken's hostile errors. */
export function registerHostileErrors(api: Hono<SimEnv>): void {
  const fail = (owner: string, repo: string, state: Parameters<typeof hostileError>[0]) => {
    const e = hostileError(state, owner, repo);
    if (!e) return;
    throw new GhError(422, e.message, {
      documentation_url: e.documentation_url,
      errors: [{ resource: "WorkflowRun", field: e.message, code: "custom", message: e.message }],
    });
  };
  api.use("/repos/:owner/:repo/actions/runs", async (c, next) => {
    fail(c.req.param("owner"), c.req.param("repo"), c.get("sim").state);
    await next();
  });
  api.use("/repos/:owner/:repo/actions/workflows", async (c, next) => {
    fail(c.req.param("owner"), c.req.param("repo"), c.get("sim").state);
    await next();
  });
}
