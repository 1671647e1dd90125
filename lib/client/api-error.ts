/**
 * The error pages branch on. The browser Octokit (talking to the same-origin proxy) and the server
 * prefetch path both throw it, so a page renders the same ErrorPanel either way.
 *
 * `body` is the proxy's error shape from lib/github/errors (D1):
 *   { error: { status, message, documentation_url, missing_scopes?, accepted_scopes?,
 *              rate_limit_reset?, write_outcome? } }
 */
import {
  ApiError as ServerApiError,
  toApiErrorInfo,
  type ApiErrorBody,
  type ApiErrorInfo,
} from "@/lib/github/errors";

export type { ApiErrorBody, ApiErrorInfo };

export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly body: ApiErrorBody;
  /** HTTP method of the failed request, when known (a failed write may or may not have happened). */
  readonly method: string | undefined;

  constructor(body: ApiErrorBody, method?: string) {
    super(body.error.message);
    this.status = body.error.status;
    this.body = body;
    this.method = method?.toUpperCase();
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined;
}

/** Reads the proxy's `{ error: {...} }` body, or undefined when `data` is not of that shape. */
export function parseErrorBody(data: unknown, fallbackStatus: number): ApiErrorBody | undefined {
  if (!isRecord(data) || !isRecord(data.error)) return undefined;
  const e = data.error;
  const status = typeof e.status === "number" ? e.status : fallbackStatus;
  const info: ApiErrorInfo = {
    status,
    message: typeof e.message === "string" && e.message ? e.message : defaultMessage(status),
    documentation_url: typeof e.documentation_url === "string" ? e.documentation_url : null,
  };
  const missing = stringList(e.missing_scopes);
  const accepted = stringList(e.accepted_scopes);
  if (missing) info.missing_scopes = missing;
  if (accepted) info.accepted_scopes = accepted;
  if (typeof e.rate_limit_reset === "string") info.rate_limit_reset = e.rate_limit_reset;
  else if (typeof e.rate_limit_reset === "number")
    info.rate_limit_reset = new Date(e.rate_limit_reset * 1000).toISOString();
  if (e.write_outcome === "not_applied" || e.write_outcome === "unknown")
    info.write_outcome = e.write_outcome;
  if (Array.isArray(e.errors)) info.errors = e.errors as unknown[];
  return { error: info };
}

export function defaultMessage(status: number): string {
  switch (status) {
    case 0:
      return "The dashboard could not be reached. Check your connection and try again.";
    case 401:
      return "You are not signed in, or your session has expired. Sign in again.";
    case 403:
      return "You do not have permission to do this.";
    case 404:
      return "Not found, or your account cannot see it.";
    case 429:
      return "The rate limit is exhausted. Wait and try again.";
    default:
      return status >= 500
        ? "The server had a problem. Try again in a moment."
        : `The request failed (${status}).`;
  }
}

function isWrite(method: string | undefined): boolean {
  return method !== undefined && !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}

/**
 * Turns anything thrown while talking to GitHub into an ApiError:
 * - an Octokit RequestError whose body is the proxy's error shape (browser);
 * - an Octokit RequestError with GitHub's own body and headers (server), via lib/github/errors;
 * - lib/github's own ApiError (e.g. the 401 for a missing session);
 * - a fetch failure without a response.
 */
export function toApiError(error: unknown, method?: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ServerApiError) return new ApiError({ error: error.info }, method);
  if (isRecord(error) || error instanceof Error) {
    const e = error as unknown as Record<string, unknown>;
    const request = isRecord(e.request) ? e.request : undefined;
    const m = method ?? (typeof request?.method === "string" ? request.method : undefined);
    const response = isRecord(e.response) ? e.response : undefined;
    const status = typeof e.status === "number" ? e.status : 0;
    if (response) {
      const fromProxy = parseErrorBody(response.data, status);
      if (fromProxy) return new ApiError(fromProxy, m);
    }
    if (!response && typeof window !== "undefined") {
      // In the browser, no response means the dashboard itself was unreachable.
      const info: ApiErrorInfo = { status: 0, message: defaultMessage(0), documentation_url: null };
      if (isWrite(m)) info.write_outcome = "unknown";
      return new ApiError({ error: info }, m);
    }
    return new ApiError({ error: toApiErrorInfo(error, m) }, m);
  }
  return new ApiError({ error: { status: 0, message: String(error), documentation_url: null } }, method);
}

/** When a rate limit resets: from an ISO string or epoch seconds. */
export function rateLimitResetDate(reset: string | number | undefined): Date | undefined {
  if (reset === undefined) return undefined;
  if (typeof reset === "number") return new Date(reset < 1e12 ? reset * 1000 : reset);
  if (/^\d+$/.test(reset)) return rateLimitResetDate(Number(reset));
  const date = new Date(reset);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A plain copy for passing from a server component to a client component. */
export interface SerializedApiError {
  body: ApiErrorBody;
  method?: string | undefined;
}

export function serializeApiError(error: ApiError): SerializedApiError {
  return { body: { error: { ...error.body.error } }, method: error.method };
}

export function deserializeApiError(error: SerializedApiError): ApiError {
  return new ApiError(error.body, error.method);
}
