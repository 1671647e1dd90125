// GitHub's primary rate limit: a budget per token (per IP when unauthenticated) per hourly window,
// reported in x-ratelimit-* headers on every API response. 304s are free, as GitHub documents.
import type { MiddlewareHandler } from "hono";
import type { Sim, SimContext, SimEnv } from "../context.js";
import { DOCS, GhError } from "./errors.js";
import { mutableHeaders } from "./etag.js";

export const UNAUTHENTICATED_LIMIT = 60;
const WINDOW_SECONDS = 3600;

function clientIp(c: SimContext): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? "127.0.0.1";
}

export interface RateInfo {
  key: string;
  limit: number;
  used: number;
  reset: number;
}

/** The caller's current window (read-only: starting a window here would not count a request). */
export function rateInfo(c: SimContext): RateInfo {
  const sim = c.get("sim");
  const caller = c.get("caller");
  const key = caller ? `token:${caller.token.token}` : `ip:${clientIp(c)}`;
  const limit = caller ? sim.options.rateLimit : UNAUTHENTICATED_LIMIT;
  const nowS = Math.floor(Date.now() / 1000);
  const entry = sim.rate.get(key);
  if (!entry || entry.reset <= nowS) return { key, limit, used: 0, reset: nowS + WINDOW_SECONDS };
  return { key, limit, used: entry.used, reset: entry.reset };
}

function consume(sim: Sim, info: RateInfo): void {
  info.used += 1;
  sim.rate.set(info.key, { used: info.used, reset: info.reset });
}

function setHeaders(headers: Headers, info: RateInfo): void {
  headers.set("x-ratelimit-limit", String(info.limit));
  headers.set("x-ratelimit-remaining", String(Math.max(0, info.limit - info.used)));
  headers.set("x-ratelimit-reset", String(info.reset));
  headers.set("x-ratelimit-used", String(info.used));
  headers.set("x-ratelimit-resource", "core");
}

/** Routes that do not count against the limit (GitHub: GET /rate_limit). */
const FREE = /^\/api\/v3\/rate_limit\/?$/;

export function rateLimit(): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    const sim = c.get("sim");
    const info = rateInfo(c);
    const free = FREE.test(new URL(c.req.url).pathname);
    if (info.used >= info.limit && !free) {
      const caller = c.get("caller");
      const message = caller
        ? `API rate limit exceeded for user ID ${caller.user.id}.`
        : `API rate limit exceeded for ${clientIp(c)}. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)`;
      const headers: Record<string, string> = {
        "x-ratelimit-limit": String(info.limit),
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(info.reset),
        "x-ratelimit-used": String(info.used),
        "x-ratelimit-resource": "core",
      };
      throw new GhError(403, message, {
        documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit`,
        headers,
      });
    }
    await next();
    if (c.res.status !== 304 && !free) consume(sim, info);
    setHeaders(mutableHeaders(c), info);
  };
}

/** The x-ratelimit-* headers for a raw token (used before auth ran, e.g. by fault responses); nothing is consumed. */
export function rateHeadersForToken(c: SimContext, token: string | null): Record<string, string> {
  const sim = c.get("sim");
  const t = token ? sim.state.tokens.get(token) : undefined;
  const key = t ? `token:${t.token}` : `ip:${clientIp(c)}`;
  const limit = t ? sim.options.rateLimit : UNAUTHENTICATED_LIMIT;
  const nowS = Math.floor(Date.now() / 1000);
  const entry = sim.rate.get(key);
  const live = entry && entry.reset > nowS ? entry : { used: 0, reset: nowS + WINDOW_SECONDS };
  return {
    "x-ratelimit-limit": String(limit),
    "x-ratelimit-remaining": String(Math.max(0, limit - live.used)),
    "x-ratelimit-reset": String(live.reset),
    "x-ratelimit-used": String(live.used),
    "x-ratelimit-resource": "core",
  };
}
