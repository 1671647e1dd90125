import type { Hono } from "hono";
import type { SimContext, SimEnv } from "../context.js";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Parameters that may hold `/` (file paths). */
const GREEDY = new Set(["path"]);

/** "/repos/{owner}/{repo}" → "/repos/:owner/:repo", as Hono spells it. */
export function toHonoPath(template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (GREEDY.has(name) ? `:${name}{.+}` : `:${name}`));
}

/**
 * Registers a handler under /api/v3 with GitHub's route template, so logs, faults, write counters and the
 * OpenAPI tests all speak of "GET /repos/{owner}/{repo}/actions/runs".
 */
export function route(
  api: Hono<SimEnv>,
  method: Method,
  template: string,
  handler: (c: SimContext, p: Record<string, string>) => Response | Promise<Response>,
): void {
  api.on(method, toHonoPath(template), async (c) => {
    c.set("route", `${method} ${template}`);
    return handler(c, c.req.param());
  });
}
