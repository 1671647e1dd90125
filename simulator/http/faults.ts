// Faults switchable at run time (PUT /_sim/faults): latency, 5xx error rates, secondary rate limits,
// connection resets, truncated bodies and HTML error pages, each for a route template or "*".
import type { MiddlewareHandler } from "hono";
import type { FaultConfig, SimContext, SimEnv } from "../context.js";
import { tokenFrom } from "./auth.js";
import { DOCS } from "./errors.js";
import { replaceRes } from "./etag.js";
import { rateHeadersForToken } from "./ratelimit.js";

export const NO_FAULTS: FaultConfig = {
  latencyMs: 0,
  jitterMs: 0,
  errorRates: [],
  secondaryLimit: null,
  reset: null,
  truncate: null,
  htmlError: null,
};

export function noFaults(): FaultConfig {
  return structuredClone(NO_FAULTS);
}

const compiled = new Map<string, { method: string | null; re: RegExp }>();

/**
 * Compiles "GET /repos/{owner}/{repo}/actions/runs" (method optional) into a matcher of request paths;
 * `{path}` may span slashes, as in route.ts. Paths are matched with /api/v3 stripped.
 */
export function templateMatcher(template: string): { method: string | null; re: RegExp } {
  let m = compiled.get(template);
  if (!m) {
    const sp = /^([A-Z]+)\s+(\S+)$/.exec(template.trim());
    const method = sp ? (sp[1] ?? null) : null;
    const path = (sp ? (sp[2] ?? "") : template.trim()).replace(/^\/api\/v3(?=\/)/, "");
    const src = path
      .split(/(\{\w+\})/)
      .map((part) => {
        const p = /^\{(\w+)\}$/.exec(part);
        if (p) return p[1] === "path" ? ".+" : "[^/]+";
        return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("");
    m = { method, re: new RegExp(`^${src}/?$`) };
    compiled.set(template, m);
  }
  return m;
}

export function routeMatches(template: string, method: string, pathname: string): boolean {
  if (template === "*") return true;
  const m = templateMatcher(template);
  if (m.method && m.method !== method) return false;
  return m.re.test(pathname.replace(/^\/api\/v3(?=\/)/, ""));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const REASONS: Record<number, string> = {
  500: "Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

interface NodeSocket {
  destroy(): void;
  destroyed?: boolean;
}

function socketOf(c: SimContext): NodeSocket | null {
  const env = c.env as { incoming?: { socket?: NodeSocket } } | undefined;
  return env?.incoming?.socket ?? null;
}

/** A body that sends `bytes`, then kills the connection (or errors the stream when there is no socket, in-process). */
function dyingBody(c: SimContext, bytes: Uint8Array): ReadableStream<Uint8Array> {
  const socket = socketOf(c);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (bytes.length) controller.enqueue(bytes);
      // Give the bytes time to reach the wire before cutting it.
      setTimeout(() => {
        if (socket) socket.destroy();
        else controller.error(new TypeError("terminated: other side closed"));
      }, 30);
    },
  });
}

const UNICORN = (status: number) => `<!DOCTYPE html>
<html>
  <head>
    <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
    <title>${status === 503 ? "Service Unavailable" : "Unicorn!"} &middot; GitHub</title>
    <style type="text/css" media="screen">body { background-color: #f1f1f1; font-family: sans-serif; text-align: center; }</style>
  </head>
  <body>
    <div class="container">
      <p><strong>We had issues producing the response to your request.</strong></p>
      <p>Sorry about that. Please try refreshing and contact us if the problem persists.</p>
    </div>
  </body>
</html>
`;

export function faults(): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    const sim = c.get("sim");
    const f = sim.faults;
    const method = c.req.method;
    const pathname = new URL(c.req.url).pathname;
    // The control interface never fails: tests must always be able to switch faults off.
    if (pathname === "/_sim" || pathname.startsWith("/_sim/")) return next();
    const hit = (rule: { route: string } | null | undefined): boolean => !!rule && routeMatches(rule.route, method, pathname);

    if (f.latencyMs > 0 || f.jitterMs > 0) await sleep(f.latencyMs + Math.random() * f.jitterMs);

    if (f.secondaryLimit && hit(f.secondaryLimit)) {
      const rule = f.secondaryLimit;
      const header = c.req.header("authorization");
      const headers: Record<string, string> = {
        "Content-Type": "application/json; charset=utf-8",
        ...rateHeadersForToken(c, header ? tokenFrom(header) : null),
      };
      if (rule.retryAfter !== null) headers["Retry-After"] = String(rule.retryAfter);
      const requestId = `${Date.now().toString(16).toUpperCase()}:${Math.floor(Math.random() * 1e6).toString(16).toUpperCase()}`;
      return c.body(
        JSON.stringify({
          message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
          documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
          status: String(rule.status),
        }),
        rule.status,
        headers,
      );
    }

    for (const rule of f.errorRates) {
      if (!hit(rule) || rule.statuses.length === 0 || Math.random() >= rule.rate) continue;
      const status = rule.statuses[Math.floor(Math.random() * rule.statuses.length)] ?? 500;
      return c.json({ message: REASONS[status] ?? "Server Error", documentation_url: DOCS, status: String(status) }, status);
    }

    if (f.htmlError && hit(f.htmlError)) {
      return c.html(UNICORN(f.htmlError.status), f.htmlError.status as 500);
    }

    if (f.reset && f.reset.when === "before" && hit(f.reset)) {
      const socket = socketOf(c);
      if (socket) {
        socket.destroy();
        // Nothing reaches the client; the response below is never written.
        return new Response(null, { status: 500 });
      }
      throw new TypeError("simulated connection reset before headers");
    }

    await next();

    const cutAfter = f.reset && f.reset.when === "after" && hit(f.reset);
    const truncate = f.truncate && hit(f.truncate);
    if (!cutAfter && !truncate) return;
    const bytes = new Uint8Array(await c.res.arrayBuffer());
    const headers = new Headers(c.res.headers);
    let sent = bytes;
    if (cutAfter) {
      // Half the body, then the connection drops (headers promised chunked or the full length).
      sent = bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)));
      headers.set("Content-Length", String(bytes.length));
    } else {
      // The whole body, but a Content-Length that promises more.
      headers.set("Content-Length", String(bytes.length + 1024));
    }
    headers.delete("ETag");
    // The connection dies with this answer: it must not be reused for the client's next request
    // (a bodiless 204 would otherwise complete, and the cut would hit whatever came next).
    headers.set("Connection", "close");
    replaceRes(c, new Response(dyingBody(c, sent), { status: c.res.status, headers }));
  };
}
