import "server-only";
import type { AppConfig } from "@/lib/config";
import { guardRequest } from "@/lib/github/guard";
import { coalesceStream } from "./coalesce-stream";
import { errorResponse, mapNetworkError, mapUpstreamError, type ApiErrorInfo } from "@/lib/github/errors";
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
import {
  DEFAULT_TIMING,
  attemptTimeoutMs,
  retryDelay,
  type AttemptOutcome,
  type RetryTiming,
} from "@/lib/faults/policy";
import { isAcceptValue, isContentTypeValue, isIfNoneMatchValue } from "@/lib/github/request-headers";

/**
 * The GitHub proxy behind app/api/github/[...path]. Plain fetch (streaming, header control),
 * sharing the route table with the Octokit clients. Its upstream half (forwardUpstream) also serves
 * the batch route's items (lib/github/batch).
 */

export const PROXY_PREFIX = "/api/github";
const USER_AGENT = "actions-console";
/** JSON answers are read whole before they are passed on (so a cut-off answer is retried, not forwarded). */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
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

/** A client header that is forwarded only when it is well-formed. */
function validHeader(req: Request, name: string, ok: (value: string) => boolean): string | null {
  const v = headerValue(req, name, 1024);
  return v !== null && ok(v) ? v : null;
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

/** A request body of at most MAX_BODY_BYTES, or the 413 to answer (a write's says it was not applied). */
export async function readRequestBody(
  req: Request,
  write = true,
): Promise<{ ok: true; body: string | undefined } | { ok: false; response: Response }> {
  const tooLarge = () => ({
    ok: false as const,
    response: errorResponse({
      status: 413,
      message: "The request body is too large.",
      documentation_url: null,
      ...(write ? { write_outcome: "not_applied" as const } : {}),
    }),
  });
  const declared = req.headers.get("content-length");
  if (declared && Number(declared) > MAX_BODY_BYTES) return tooLarge();
  const text = req.body ? await req.text() : "";
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return tooLarge();
  return { ok: true, body: text.length ? text : undefined };
}

export interface ProxyOptions {
  /** Deadline, backoff and retry count (lib/faults/policy); tests scale them down. */
  timing?: RetryTiming;
}

function upstreamMessageOf(data: unknown): string | null {
  if (data && typeof data === "object" && "message" in data && typeof data.message === "string")
    return data.message;
  return null;
}

/** Waits `ms`; false when the client went away meanwhile. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(t);
      resolve(false);
    };
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

class BodyTooLarge extends Error {}

async function readAll(res: Response, limit: number): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLarge(`The answer is larger than ${limit} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

type Attempt =
  /** `text`: the whole body of a buffered answer; null when streamed (downloads) or bodiless. */
  | { kind: "answered"; response: Response; text: string | null; errorData: unknown }
  /** No complete answer. `cutOff`: the status whose body broke off (headers had arrived). */
  | { kind: "failed"; reason: unknown; timeout: boolean; cutOff: number | null }
  | { kind: "refused"; info: ApiErrorInfo }
  | { kind: "client-gone" };

interface AttemptInput {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
  download: boolean;
  apiOrigin: string;
  timeoutMs: number;
  deadlineSeconds: number;
  clientSignal: AbortSignal | undefined;
}

/** One try: the request, a download's redirects, and (except for downloads) the whole answer. */
async function attemptUpstream(a: AttemptInput): Promise<Attempt> {
  const ac = new AbortController();
  const timer = setTimeout(
    () =>
      ac.abort(new DOMException(`GitHub did not answer within ${a.deadlineSeconds} seconds`, "TimeoutError")),
    a.timeoutMs,
  );
  const onClientAbort = () => ac.abort(a.clientSignal?.reason);
  a.clientSignal?.addEventListener("abort", onClientAbort, { once: true });
  let streaming = false;
  let cutOff: number | null = null;
  try {
    let upstream = await fetch(a.url, {
      method: a.method,
      headers: a.headers,
      body: a.body,
      redirect: "manual",
      cache: "no-store",
      signal: ac.signal,
    });
    // Logs and artifacts: 302 to a signed URL, followed here (same origin as the API only).
    let hops = 0;
    while (a.download && [301, 302, 303, 307, 308].includes(upstream.status)) {
      const location = upstream.headers.get("location");
      await upstream.body?.cancel().catch(() => {});
      let next: URL | null = null;
      try {
        next = location ? new URL(location, a.url) : null;
      } catch {
        next = null;
      }
      if (!next || next.origin !== a.apiOrigin || ++hops > MAX_REDIRECTS) {
        return {
          kind: "refused",
          info: {
            status: 502,
            message:
              "GitHub sent the download to a location this dashboard does not follow (another host, or too many redirects).",
            documentation_url: null,
          },
        };
      }
      upstream = await fetch(next, {
        method: a.method === "HEAD" ? "HEAD" : "GET",
        headers: { "User-Agent": USER_AGENT, Accept: "*/*" },
        redirect: "manual",
        cache: "no-store",
        signal: ac.signal,
      });
    }
    if (upstream.status === 304 || a.method === "HEAD") {
      await upstream.body?.cancel().catch(() => {});
      return { kind: "answered", response: upstream, text: null, errorData: null };
    }
    if (upstream.status >= 300) {
      let text = "";
      try {
        text = await readLimited(upstream, 256 * 1024);
      } catch {
        text = "";
      }
      return { kind: "answered", response: upstream, text: null, errorData: parseBody(text) };
    }
    if (a.download) {
      streaming = true;
      return { kind: "answered", response: upstream, text: null, errorData: null };
    }
    cutOff = upstream.status;
    const text = await readAll(upstream, MAX_BUFFERED_BYTES);
    return { kind: "answered", response: upstream, text, errorData: null };
  } catch (e) {
    if (a.clientSignal?.aborted) return { kind: "client-gone" };
    const timeout = ac.signal.aborted;
    return {
      kind: "failed",
      reason: timeout ? (ac.signal.reason ?? e) : e,
      timeout,
      cutOff: timeout || e instanceof BodyTooLarge ? null : cutOff,
    };
  } finally {
    clearTimeout(timer);
    // A streamed download keeps listening: a client that leaves cancels the upstream transfer.
    if (!streaming) a.clientSignal?.removeEventListener("abort", onClientAbort);
  }
}

export async function proxyRequest(
  req: Request,
  fallbackSegments?: readonly string[],
  options: ProxyOptions = {},
): Promise<Response> {
  const method = req.method.toUpperCase();
  const write = isWriteMethod(method);
  const segments = proxySegments(req, fallbackSegments);
  const match: RouteMatch | null = segments ? matchRoute(method, segments) : null;
  if (!match) return notForwarded(method, new URL(req.url).pathname.slice(PROXY_PREFIX.length), write);

  const guard = await guardRequest(req, { csrf: write, write });
  if (!guard.ok) return guard.response;

  let body: string | undefined;
  let contentType: string | null = null;
  if (write) {
    const read = await readRequestBody(req);
    if (!read.ok) return read.response;
    body = read.body;
    const secretProblem = secretWriteProblem(match.route, body);
    if (secretProblem)
      return errorResponse({ status: 422, message: secretProblem, documentation_url: null, write_outcome: "not_applied" });
    if (body !== undefined) contentType = validHeader(req, "content-type", isContentTypeValue) ?? "application/json";
  }

  return forwardUpstream({
    cfg: guard.cfg,
    token: guard.session.token,
    method,
    match,
    search: new URL(req.url).searchParams,
    accept: validHeader(req, "accept", isAcceptValue),
    ifNoneMatch: write ? null : validHeader(req, "if-none-match", isIfNoneMatchValue),
    body,
    contentType,
    signal: write ? undefined : req.signal,
    timing: options.timing,
  });
}

/** The 404 for anything outside the route table (or with an invalid parameter); nothing goes upstream. */
export function notForwarded(method: string, path: string, write: boolean): Response {
  return errorResponse({
    status: 404,
    message: `This dashboard does not forward ${method} ${path.slice(0, 200) || "/"}: it is not in its route table, or a parameter is invalid.`,
    documentation_url: null,
    ...(write ? { write_outcome: "not_applied" as const } : {}),
  });
}

/** One matched request to send upstream with the session's token: everything the client's request contributed, validated. */
export interface UpstreamCall {
  cfg: AppConfig;
  token: string;
  method: string;
  match: RouteMatch;
  /** The client's query; only allowlisted parameters are forwarded. */
  search: URLSearchParams | string;
  /** Well-formed client headers, or null for the defaults. */
  accept: string | null;
  ifNoneMatch: string | null;
  body: string | undefined;
  contentType: string | null;
  /** The client's signal (reads only: a write is never abandoned half-way). */
  signal: AbortSignal | undefined;
  timing?: RetryTiming | undefined;
}

/**
 * Sends one matched request upstream: retries and deadline (reads), a download's redirects, and the answer with
 * the allowlisted headers and the Link rewritten to the proxy. The proxy returns this Response as is; the batch
 * route turns it into one NDJSON line.
 */
export async function forwardUpstream(call: UpstreamCall): Promise<Response> {
  const { cfg, method, match } = call;
  const write = isWriteMethod(method);
  const upstreamPath = buildPath(match.template, match.params);
  const url = `${cfg.apiUrl}${upstreamPath}${sanitizeQuery(call.search)}`;

  const headers = new Headers({
    Authorization: `token ${call.token}`,
    "User-Agent": USER_AGENT,
    Accept: call.accept ?? "application/vnd.github+json",
  });
  if (call.ifNoneMatch && !write) headers.set("If-None-Match", call.ifNoneMatch);
  const body = call.body;
  if (body !== undefined && call.contentType) headers.set("Content-Type", call.contentType);

  const download = isDownloadRoute(match.route);
  const timing = call.timing ?? DEFAULT_TIMING;
  const started = Date.now();
  let retries = 0;
  let upstream: Response;
  let buffered: string | null = null;

  for (;;) {
    const attempt = await attemptUpstream({
      url,
      method,
      headers,
      body,
      download,
      apiOrigin: cfg.apiOrigin,
      timeoutMs: attemptTimeoutMs(Date.now() - started, timing),
      deadlineSeconds: Math.round(timing.deadlineMs / 1000),
      clientSignal: write ? undefined : call.signal,
    });
    if (attempt.kind === "refused") return errorResponse(attempt.info);
    if (attempt.kind === "client-gone") return new Response(null, { status: 499 });
    const outcome: AttemptOutcome =
      attempt.kind === "failed"
        ? { kind: attempt.timeout ? "timeout" : "network" }
        : attempt.response.status >= 400
          ? {
              kind: "response",
              status: attempt.response.status,
              headers: attempt.response.headers,
              message: upstreamMessageOf(attempt.errorData),
            }
          : { kind: "response", status: attempt.response.status };
    const retryable = attempt.kind === "failed" || attempt.response.status >= 400;
    const delay = retryable
      ? retryDelay({ method, retries, outcome, elapsedMs: Date.now() - started, timing })
      : null;
    if (delay !== null) {
      if (attempt.kind === "answered") await attempt.response.body?.cancel().catch(() => {});
      retries += 1;
      if (!(await sleep(delay, write ? undefined : call.signal))) return new Response(null, { status: 499 });
      continue;
    }
    const tried =
      retries > 0 ? ` (tried ${retries + 1} times over ${((Date.now() - started) / 1000).toFixed(1)} s)` : "";
    if (attempt.kind === "failed") {
      const info = mapNetworkError(attempt.reason, method);
      if (attempt.cutOff && write) {
        // Headers came (the request was received); only the answer was lost.
        return errorResponse({
          status: 502,
          message: `GitHub accepted the request (${attempt.cutOff}) but the answer was cut off.`,
          documentation_url: null,
          write_outcome: "unknown",
        });
      }
      if (attempt.cutOff)
        info.message = `GitHub's answer was cut off before it was complete. Try again in a moment.${tried}`;
      else if (attempt.timeout)
        info.message = write
          ? `GitHub did not answer within ${Math.round(timing.deadlineMs / 1000)} seconds.`
          : `GitHub did not answer within ${Math.round(timing.deadlineMs / 1000)} seconds; it may be overloaded or unreachable. Try again in a moment.${tried}`;
      else if (!write) info.message += tried;
      return errorResponse(info);
    }
    upstream = attempt.response;
    if (upstream.status >= 300 && upstream.status !== 304) {
      const info =
        upstream.status < 400
          ? {
              status: 502,
              message: `GitHub answered ${upstream.status} (a redirect this dashboard does not follow).`,
              documentation_url: null,
              // a redirect asks for the request elsewhere: it was not carried out here
              ...(write ? { write_outcome: "not_applied" as const } : {}),
            }
          : mapUpstreamError({
              status: upstream.status,
              headers: upstream.headers,
              data: attempt.errorData,
              method,
              route: match.route,
            });
      if (!write && retries > 0) info.message += tried;
      return errorResponse(info, rateHeaders(upstream));
    }
    buffered = attempt.text;
    break;
  }

  if (upstream.status === 304) {
    const h = responseHeaders(upstream, cfg, upstreamPath, false);
    h.delete("Content-Type");
    return new Response(null, { status: 304, headers: h });
  }

  const h = responseHeaders(upstream, cfg, upstreamPath, download);
  if (method === "HEAD") return new Response(null, { status: upstream.status, headers: h });
  if (buffered !== null) {
    const noBody = upstream.status === 204 || upstream.status === 205;
    return new Response(noBody ? null : buffered, { status: upstream.status, headers: h });
  }
  return new Response(upstream.body && download ? coalesceStream(upstream.body) : upstream.body, {
    status: upstream.status,
    headers: h,
  });
}
