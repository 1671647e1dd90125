import "server-only";
import { getConfig, type AppConfig } from "@/lib/config";
import { csrfProblem } from "@/lib/auth/csrf";
import { getSessionFromRequest } from "@/lib/auth/session";
import { errorResponse, mapNetworkError, mapUpstreamError } from "@/lib/github/errors";
import {
  buildPath,
  isDownloadRoute,
  isWriteMethod,
  matchRoute,
  pathToSegments,
  sanitizeQuery,
  type RouteMatch,
} from "@/lib/github/routes";
import { secretWriteProblem } from "@/lib/secrets/body-guard";

/**
 * The GitHub proxy behind app/api/github/[...path]. Plain fetch (streaming, header control),
 * sharing the route table with the Octokit clients.
 */

export const PROXY_PREFIX = "/api/github";
const USER_AGENT = "actions-console";
const HEADERS_TIMEOUT_MS = 30_000;
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_REDIRECTS = 3;

const RATE_HEADERS = [
  "x-ratelimit-limit",
  "x-ratelimit-remaining",
  "x-ratelimit-used",
  "x-ratelimit-reset",
  "x-ratelimit-resource",
  "retry-after",
];
// eslint-disable-next-line no-control-regex
const BAD_HEADER_VALUE = /[\u0000-\u001f\u007f]/;

function headerValue(req: Request, name: string, max = 256): string | null {
  const v = req.headers.get(name);
  if (v === null || v.length > max || BAD_HEADER_VALUE.test(v)) return null;
  return v;
}

/** Decoded path segments after /api/github/, from the raw request URL (fallback: Next's params). */
export function proxySegments(req: Request, fallback?: readonly string[]): string[] | null {
  const pathname = new URL(req.url).pathname;
  if (pathname.startsWith(`${PROXY_PREFIX}/`)) return pathToSegments(pathname.slice(PROXY_PREFIX.length));
  return fallback ? [...fallback] : null;
}

/** Rewrite an upstream Link header to proxy paths; drops links to anything outside the table. */
export function rewriteLink(
  link: string,
  cfg: Pick<AppConfig, "apiUrl">,
  fallbackPath: string,
): string | null {
  const api = new URL(cfg.apiUrl);
  const base = api.pathname.replace(/\/+$/, "");
  const out: string[] = [];
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>((?:\s*;\s*[a-zA-Z]+="?[a-zA-Z0-9 _-]*"?)*)\s*$/.exec(part);
    if (!m) continue;
    let u: URL;
    try {
      u = new URL(m[1]!, cfg.apiUrl);
    } catch {
      continue;
    }
    if (u.origin !== api.origin) continue;
    let path = fallbackPath;
    if (u.pathname.startsWith(`${base}/`)) {
      const segs = pathToSegments(u.pathname.slice(base.length));
      const match = segs ? matchRoute("GET", segs) : null;
      if (match) path = buildPath(match.template, match.params);
    }
    const rel = /;\s*rel="?(next|prev|first|last)"?/.exec(m[2] ?? "");
    if (!rel) continue;
    out.push(`<${PROXY_PREFIX}${path}${sanitizeQuery(u.searchParams)}>; rel="${rel[1]}"`);
  }
  return out.length ? out.join(", ") : null;
}

function responseHeaders(
  upstream: Response,
  cfg: AppConfig,
  upstreamPath: string,
  download: boolean,
): Headers {
  const h = new Headers();
  // Downloads pass through as GitHub sent them: "no-transform" keeps Next's response compression off
  // them (gzipping an 81 MB log in the server took ~5 s of a ~8 s load; zips do not shrink anyway).
  h.set("Cache-Control", download ? "private, no-store, no-transform" : "private, no-store");
  h.set("X-Content-Type-Options", "nosniff");
  const etag = upstream.headers.get("etag");
  if (etag) h.set("ETag", etag);
  const link = upstream.headers.get("link");
  if (link) {
    const rewritten = rewriteLink(link, cfg, upstreamPath);
    if (rewritten) h.set("Link", rewritten);
  }
  for (const name of RATE_HEADERS) {
    const v = upstream.headers.get(name);
    if (v !== null) h.set(name, v);
  }
  const ct = upstream.headers.get("content-type");
  if (ct) h.set("Content-Type", ct);
  if (download) {
    const cd = upstream.headers.get("content-disposition");
    if (cd) h.set("Content-Disposition", cd);
    const len = upstream.headers.get("content-length");
    if (len && /^\d+$/.test(len) && !upstream.headers.get("content-encoding")) h.set("Content-Length", len);
  }
  return h;
}

function rateHeaders(upstream: Response): Headers {
  const h = new Headers();
  for (const name of RATE_HEADERS) {
    const v = upstream.headers.get(name);
    if (v !== null) h.set(name, v);
  }
  return h;
}

async function readLimited(res: Response, limit: number): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      break;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function readRequestBody(
  req: Request,
): Promise<{ ok: true; body: string | undefined } | { ok: false; response: Response }> {
  const declared = req.headers.get("content-length");
  if (declared && Number(declared) > MAX_BODY_BYTES) {
    return {
      ok: false,
      response: errorResponse({
        status: 413,
        message: "The request body is too large.",
        documentation_url: null,
        write_outcome: "not_applied",
      }),
    };
  }
  const text = req.body ? await req.text() : "";
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    return {
      ok: false,
      response: errorResponse({
        status: 413,
        message: "The request body is too large.",
        documentation_url: null,
        write_outcome: "not_applied",
      }),
    };
  }
  return { ok: true, body: text.length ? text : undefined };
}

export async function proxyRequest(req: Request, fallbackSegments?: readonly string[]): Promise<Response> {
  const method = req.method.toUpperCase();
  const write = isWriteMethod(method);
  const segments = proxySegments(req, fallbackSegments);
  const match: RouteMatch | null = segments ? matchRoute(method, segments) : null;
  if (!match) {
    return errorResponse({
      status: 404,
      message: `This dashboard does not forward ${method} ${new URL(req.url).pathname.slice(PROXY_PREFIX.length).slice(0, 200) || "/"}: it is not in its route table, or a parameter is invalid.`,
      documentation_url: null,
      ...(write ? { write_outcome: "not_applied" as const } : {}),
    });
  }
  if (write) {
    const problem = csrfProblem(req);
    if (problem)
      return errorResponse({
        status: 403,
        message: problem,
        documentation_url: null,
        write_outcome: "not_applied",
      });
  }

  let cfg: AppConfig;
  try {
    cfg = getConfig();
  } catch {
    return errorResponse({
      status: 500,
      message: "The dashboard is not configured correctly; see its server log.",
      documentation_url: null,
    });
  }
  const session = await getSessionFromRequest(req);
  if (!session) {
    return errorResponse({
      status: 401,
      message: "You are not signed in, or your session has expired. Sign in again.",
      documentation_url: null,
      ...(write ? { write_outcome: "not_applied" as const } : {}),
    });
  }

  const upstreamPath = buildPath(match.template, match.params);
  const url = `${cfg.apiUrl}${upstreamPath}${sanitizeQuery(new URL(req.url).searchParams)}`;

  const headers = new Headers({
    Authorization: `token ${session.token}`,
    "User-Agent": USER_AGENT,
    Accept: headerValue(req, "accept") ?? "application/vnd.github+json",
  });
  const inm = headerValue(req, "if-none-match");
  if (inm && !write) headers.set("If-None-Match", inm);

  let body: string | undefined;
  if (write) {
    const read = await readRequestBody(req);
    if (!read.ok) return read.response;
    body = read.body;
    const secretProblem = secretWriteProblem(match.route, body);
    if (secretProblem)
      return errorResponse({ status: 422, message: secretProblem, documentation_url: null, write_outcome: "not_applied" });
    if (body !== undefined)
      headers.set("Content-Type", headerValue(req, "content-type") ?? "application/json");
  }

  const download = isDownloadRoute(match.route);
  const ac = new AbortController();
  const timer = setTimeout(
    () => ac.abort(new DOMException("GitHub did not answer in time", "TimeoutError")),
    HEADERS_TIMEOUT_MS,
  );
  const onClientAbort = () => ac.abort(req.signal.reason);
  if (!write) req.signal?.addEventListener("abort", onClientAbort, { once: true });

  let upstream: Response;
  try {
    upstream = await fetch(url, {
      method,
      headers,
      body,
      redirect: "manual",
      cache: "no-store",
      signal: ac.signal,
    });
    // Logs and artifacts: 302 to a signed URL, followed here (same origin as the API only).
    let hops = 0;
    while (download && [301, 302, 303, 307, 308].includes(upstream.status)) {
      const location = upstream.headers.get("location");
      await upstream.body?.cancel().catch(() => {});
      let next: URL | null = null;
      try {
        next = location ? new URL(location, url) : null;
      } catch {
        next = null;
      }
      if (!next || next.origin !== cfg.apiOrigin || ++hops > MAX_REDIRECTS) {
        clearTimeout(timer);
        return errorResponse({
          status: 502,
          message:
            "GitHub sent the download to a location this dashboard does not follow (another host, or too many redirects).",
          documentation_url: null,
        });
      }
      upstream = await fetch(next, {
        method: method === "HEAD" ? "HEAD" : "GET",
        headers: { "User-Agent": USER_AGENT, Accept: "*/*" },
        redirect: "manual",
        cache: "no-store",
        signal: ac.signal,
      });
    }
  } catch (e) {
    clearTimeout(timer);
    const reason: unknown = ac.signal.aborted ? (ac.signal.reason ?? e) : e;
    const info = mapNetworkError(reason, method);
    return errorResponse(info);
  }
  clearTimeout(timer);

  if (upstream.status === 304) {
    await upstream.body?.cancel().catch(() => {});
    const h = responseHeaders(upstream, cfg, upstreamPath, false);
    h.delete("Content-Type");
    return new Response(null, { status: 304, headers: h });
  }

  if (upstream.status >= 300) {
    let text = "";
    try {
      text = await readLimited(upstream, 256 * 1024);
    } catch {
      text = "";
    }
    const info =
      upstream.status < 400
        ? {
            status: 502,
            message: `GitHub answered ${upstream.status} (a redirect this dashboard does not follow).`,
            documentation_url: null,
          }
        : mapUpstreamError({
            status: upstream.status,
            headers: upstream.headers,
            data: parseBody(text),
            method,
            route: match.route,
          });
    return errorResponse(info, rateHeaders(upstream));
  }

  const h = responseHeaders(upstream, cfg, upstreamPath, download);
  if (write) {
    // Small JSON answers: buffered, so a cut-off answer is reported with its unknown outcome.
    let text: string;
    try {
      text = await upstream.text();
    } catch {
      return errorResponse({
        status: 502,
        message: `GitHub accepted the request (${upstream.status}) but the answer was cut off. The change was probably applied: reload to check before trying again.`,
        documentation_url: null,
        write_outcome: "unknown",
      });
    }
    const noBody = upstream.status === 204 || upstream.status === 205;
    return new Response(noBody ? null : text, { status: upstream.status, headers: h });
  }
  if (method === "HEAD") {
    await upstream.body?.cancel().catch(() => {});
    return new Response(null, { status: upstream.status, headers: h });
  }
  return new Response(upstream.body, { status: upstream.status, headers: h });
}
