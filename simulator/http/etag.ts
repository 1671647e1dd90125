// ETag on every GET 200 and 304 for a matching If-None-Match, as GitHub's conditional requests work.
import { createHash } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { SimContext, SimEnv } from "../context.js";

/** Replaces the response wholesale (Hono's setter would merge the old headers, Content-Length included). */
export function replaceRes(c: SimContext, res: Response): void {
  c.res = undefined;
  c.res = res;
}

/** The response's headers, copying the response first when they are immutable (e.g. Response.redirect). */
export function mutableHeaders(c: SimContext): Headers {
  try {
    c.res.headers.set("x-sim", "1");
    c.res.headers.delete("x-sim");
  } catch {
    replaceRes(c, new Response(c.res.body, { status: c.res.status, statusText: c.res.statusText, headers: new Headers(c.res.headers) }));
  }
  return c.res.headers;
}

/** Content types worth hashing; downloads (zip, octet-stream) are served with their own headers. */
const HASHABLE = /json|text\/plain|vnd\.github/;

export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  const strip = (t: string) => t.trim().replace(/^W\//, "");
  const mine = strip(etag);
  return ifNoneMatch.split(",").some((t) => t.trim() === "*" || strip(t) === mine);
}

export function etag(): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    await next();
    if (c.req.method !== "GET" || c.res.status !== 200) return;
    let tag = c.res.headers.get("ETag");
    if (!tag) {
      const type = c.res.headers.get("Content-Type") ?? "";
      if (!HASHABLE.test(type) || !c.res.body) return;
      const body = new Uint8Array(await c.res.clone().arrayBuffer());
      // GitHub sends weak ETags for JSON bodies (compression may change the bytes).
      tag = `W/"${createHash("sha256").update(body).digest("hex").slice(0, 40)}"`;
      mutableHeaders(c).set("ETag", tag);
    }
    const inm = c.req.header("if-none-match");
    if (inm && etagMatches(inm, tag)) {
      const headers = new Headers(c.res.headers);
      headers.delete("Content-Type");
      headers.delete("Content-Length");
      replaceRes(c, new Response(null, { status: 304, headers }));
    }
  };
}
