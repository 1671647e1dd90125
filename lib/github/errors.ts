/**
 * One error shape for everything that goes wrong between the dashboard and GitHub:
 *   { error: { status, message, documentation_url, missing_scopes?, accepted_scopes?,
 *              rate_limit_reset?, write_outcome? } }
 * Messages say what happened and what to do. Whether a failed write happened anyway is `write_outcome`, not the
 * message: each page says it once, in its own words for what was being done. Used by the proxy and by server
 * code (Octokit).
 * No server-only import: the types are useful in the browser too, and nothing here is secret.
 */
import { missingScopes, parseScopes } from "@/lib/auth/scopes";

export type WriteOutcome = "not_applied" | "unknown";

export interface ApiErrorInfo {
  status: number;
  message: string;
  documentation_url: string | null;
  /** 403 for lack of scope: any one of these scopes would do. */
  missing_scopes?: string[];
  /** Scopes the endpoint accepts (X-Accepted-OAuth-Scopes). */
  accepted_scopes?: string[];
  /** Rate limited: when the limit resets (ISO 8601). */
  rate_limit_reset?: string;
  /** For writes that failed: whether the change may still have been applied upstream. */
  write_outcome?: WriteOutcome;
  /** GitHub's validation errors (422), passed through. */
  errors?: unknown[];
}

export interface ApiErrorBody {
  error: ApiErrorInfo;
}

/** A typed error carrying the shape above; thrown by server helpers (e.g. 401 without a session). */
export class ApiError extends Error {
  readonly status: number;
  readonly info: ApiErrorInfo;
  constructor(info: ApiErrorInfo) {
    super(info.message);
    this.name = "ApiError";
    this.status = info.status;
    this.info = info;
  }
  toJSON(): ApiErrorBody {
    return { error: this.info };
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

export function unauthenticated(
  message = "You are not signed in, or your session has expired. Sign in again.",
): ApiError {
  return new ApiError({ status: 401, message, documentation_url: null });
}

/** A JSON Response with the error shape and no caching. */
export function errorResponse(info: ApiErrorInfo, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set("Content-Type", "application/json; charset=utf-8");
  h.set("Cache-Control", "private, no-store");
  const body: ApiErrorBody = { error: info };
  return new Response(JSON.stringify(body), { status: info.status, headers: h });
}

// ---------------------------------------------------------------------------------------------

type HeaderBag = Headers | Record<string, string | number | undefined | null>;

function header(h: HeaderBag | undefined, name: string): string | null {
  if (!h) return null;
  if (h instanceof Headers) return h.get(name);
  const v = h[name] ?? h[name.toLowerCase()];
  return v === undefined || v === null ? null : String(v);
}

function isWrite(method: string | undefined): boolean {
  if (!method) return false;
  const m = method.toUpperCase();
  return m !== "GET" && m !== "HEAD" && m !== "OPTIONS";
}

function upstreamMessage(data: unknown): string | null {
  if (data && typeof data === "object" && "message" in data) {
    const m = data.message;
    if (typeof m === "string" && m.trim()) return m.trim().slice(0, 500);
  }
  return null;
}

function upstreamDocs(data: unknown): string | null {
  if (data && typeof data === "object" && "documentation_url" in data) {
    const d = data.documentation_url;
    if (typeof d === "string" && /^https?:\/\//.test(d)) return d;
  }
  return null;
}

function resetTime(headers: HeaderBag | undefined, now: number): string | undefined {
  const retryAfter = header(headers, "retry-after");
  if (retryAfter && /^\d+$/.test(retryAfter.trim())) {
    return new Date(now + Number(retryAfter) * 1000).toISOString();
  }
  const reset = header(headers, "x-ratelimit-reset");
  if (reset && /^\d+$/.test(reset.trim())) return new Date(Number(reset) * 1000).toISOString();
  return undefined;
}

function fmtTime(iso: string): string {
  return iso
    .replace("T", " ")
    .replace(/\.\d+Z$/, " UTC")
    .replace(/Z$/, " UTC");
}

export interface UpstreamErrorInput {
  status: number;
  headers?: HeaderBag;
  /** Parsed JSON body when there was one; a string for non-JSON bodies (e.g. an HTML error page). */
  data?: unknown;
  method?: string;
  /** Route key, for messages ("GET /repos/{owner}/{repo}/actions/runs"). */
  route?: string;
  now?: number;
}

/** Map an upstream HTTP error response (status >= 400) to the error shape. */
export function mapUpstreamError(input: UpstreamErrorInput): ApiErrorInfo {
  const { status, headers, data, method } = input;
  const now = input.now ?? Date.now();
  const upstream = upstreamMessage(data);
  const documentation_url = upstreamDocs(data);
  const write = isWrite(method);
  const base: ApiErrorInfo = { status, message: "", documentation_url };
  const say = (what: string) => (upstream ? `${what} (GitHub said: "${upstream}")` : what);

  const remaining = header(headers, "x-ratelimit-remaining");
  const retryAfter = header(headers, "retry-after");
  const secondary = upstream ? /secondary rate limit|abuse/i.test(upstream) : false;
  const primary = remaining !== null && remaining.trim() === "0";
  if ((status === 403 || status === 429) && (primary || secondary || retryAfter !== null || status === 429)) {
    const reset = resetTime(headers, now);
    const kind = primary && !secondary ? "API rate limit" : "secondary (abuse) rate limit";
    return {
      ...base,
      ...(reset ? { rate_limit_reset: reset } : {}),
      ...(write ? { write_outcome: "not_applied" as const } : {}),
      message: reset
        ? `GitHub's ${kind} is exhausted until ${fmtTime(reset)}. Wait until then and try again.`
        : `GitHub's ${kind} is exhausted. Wait a minute and try again.`,
    };
  }

  if (status === 401) {
    return {
      ...base,
      ...(write ? { write_outcome: "not_applied" as const } : {}),
      message: say("GitHub rejected your token: it may have expired or been revoked. Sign in again."),
    };
  }

  if (status === 403) {
    const accepted = parseScopes(header(headers, "x-accepted-oauth-scopes"));
    const heldHeader = header(headers, "x-oauth-scopes");
    const held = parseScopes(heldHeader);
    const missing = heldHeader !== null ? missingScopes(held, accepted) : [];
    const extra: Partial<ApiErrorInfo> = {
      ...(accepted.length ? { accepted_scopes: accepted } : {}),
      ...(missing.length ? { missing_scopes: missing } : {}),
      ...(write ? { write_outcome: "not_applied" as const } : {}),
    };
    if (missing.length) {
      const need =
        missing.length === 1
          ? `the "${missing[0]}" scope`
          : `one of the scopes ${missing.map((s) => `"${s}"`).join(", ")}`;
      return {
        ...base,
        ...extra,
        message: say(
          `Your token lacks ${need} (it has: ${held.length ? held.join(", ") : "none"}). Sign in again with a token that has ${need}.`,
        ),
      };
    }
    return {
      ...base,
      ...extra,
      message: say(
        "Your account does not have the role this needs (for example organization owner or repository admin), or a policy forbids it. Ask an owner for access.",
      ),
    };
  }

  if (status === 404) {
    return {
      ...base,
      ...(write ? { write_outcome: "not_applied" as const } : {}),
      message: say(
        "Not found, or your account cannot see it (GitHub answers 404 for private resources you have no access to). Check the name, and your access.",
      ),
    };
  }

  if (status === 409) {
    return {
      ...base,
      ...(write ? { write_outcome: "not_applied" as const } : {}),
      message: say("GitHub refused this because of a conflict with the current state. Reload and try again."),
    };
  }

  if (status === 422 || status === 400) {
    const errors =
      data && typeof data === "object" && "errors" in data && Array.isArray(data.errors)
        ? (data as { errors: unknown[] }).errors
        : undefined;
    return {
      ...base,
      ...(errors ? { errors } : {}),
      ...(write ? { write_outcome: "not_applied" as const } : {}),
      message: upstream
        ? `GitHub refused the input: ${upstream}`
        : "GitHub refused the input as invalid. Check the values and try again.",
    };
  }

  if (status >= 500) {
    const html = typeof data === "string" && /<html|<!doctype/i.test(data);
    const what = `GitHub answered ${status}${html ? " with an error page" : ""}`;
    return {
      ...base,
      ...(write ? { write_outcome: "unknown" as const } : {}),
      // a write's page says the status and the outcome beside the message, so neither is repeated here
      message: write
        ? `${say(html ? "GitHub answered with an error page" : "GitHub had a server error")}.`
        : say(`${what}. The server may be busy or down; try again in a moment.`),
    };
  }

  return {
    ...base,
    ...(write ? { write_outcome: "not_applied" as const } : {}),
    message: say(`GitHub answered ${status}.`),
  };
}

const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function errorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur && typeof cur === "object"; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string") return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Map a network failure (no HTTP answer) to the error shape, saying whether a write may have happened. */
export function mapNetworkError(e: unknown, method?: string): ApiErrorInfo {
  const code = errorCode(e);
  const timeout =
    (e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError")) ||
    code === "UND_ERR_HEADERS_TIMEOUT" ||
    code === "ETIMEDOUT";
  const notSent = code !== undefined && NOT_SENT_CODES.has(code);
  const write = isWrite(method);
  const reason = timeout
    ? "did not answer in time"
    : notSent
      ? `could not be reached (${code})`
      : `closed the connection${code ? ` (${code})` : ""}`;
  return {
    status: timeout ? 504 : 502,
    documentation_url: null,
    ...(write ? { write_outcome: notSent ? ("not_applied" as const) : ("unknown" as const) } : {}),
    message:
      write && !notSent
        ? `GitHub ${reason} before answering.`
        : `GitHub ${reason}. Check that it is up and reachable from the dashboard server, then try again.`,
  };
}

/**
 * Map anything thrown while talking to GitHub (Octokit RequestError, ApiError, fetch failure)
 * to the error shape.
 */
export function toApiErrorInfo(e: unknown, method?: string): ApiErrorInfo {
  if (e instanceof ApiError) return e.info;
  if (e && typeof e === "object" && "status" in e && typeof e.status === "number") {
    const err = e as {
      status: number;
      response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
      request?: { method?: string };
    };
    const m = method ?? err.request?.method;
    // @octokit/request reports fetch failures as status 500 without a response
    if (!err.response) return mapNetworkError((e as { cause?: unknown }).cause ?? e, m);
    return mapUpstreamError({
      status: err.status,
      headers: err.response.headers,
      data: err.response.data,
      method: m,
    });
  }
  return mapNetworkError(e, method);
}

/** Convert any error to an ApiError (rethrow-friendly). */
export function toApiError(e: unknown, method?: string): ApiError {
  return e instanceof ApiError ? e : new ApiError(toApiErrorInfo(e, method));
}
