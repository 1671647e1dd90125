/**
 * When to retry a request to GitHub, and how long to wait: one policy for the proxy (the browser's
 * path) and the server Octokit (server prefetch). Pure: the clock and the dice are arguments.
 *
 * - Only reads (GET, HEAD) are retried. A write is sent once: a dispatch or a runner deletion must
 *   never happen twice; when its answer is lost the user is told the outcome is unknown.
 * - At most `maxRetries` retries (3), with exponential backoff (base × 2^n, plus up to 25 % jitter).
 * - Never before GitHub says so: `retry-after` seconds, or the primary limit's `x-ratelimit-reset`
 *   (+1 s, as GitHub advises). A secondary limit without `retry-after` means "wait at least a
 *   minute" (GitHub's documentation), so it is not retried here.
 * - Everything must be answered within `deadlineMs` (10 s, GitHub's own per-request limit), so the
 *   user sees a result or a clear message within 12 s: a retry whose wait would run past the
 *   deadline is not made, and each attempt's timeout is what remains of it.
 */

export interface RetryTiming {
  /** The whole operation (all attempts and waits) must end by then. */
  deadlineMs: number;
  /** First backoff delay; doubled for each further retry. */
  backoffBaseMs: number;
  maxRetries: number;
}

export const DEFAULT_TIMING: RetryTiming = { deadlineMs: 10_000, backoffBaseMs: 500, maxRetries: 3 };

/**
 * For a server prefetch whose failure is left to the client (which then asks again through the
 * proxy, with the full deadline): wait little, so the two together still answer within 12 s.
 */
export const PREFETCH_TIMING: RetryTiming = { deadlineMs: 1_500, backoffBaseMs: 250, maxRetries: 1 };

/** GitHub's advice for a secondary rate limit without retry-after: wait at least one minute. */
export const SECONDARY_DEFAULT_WAIT_MS = 60_000;

type HeaderBag = Headers | Record<string, string | number | undefined | null>;

function header(h: HeaderBag | undefined, name: string): string | null {
  if (!h) return null;
  if (h instanceof Headers) return h.get(name);
  const v = h[name] ?? h[name.toLowerCase()];
  return v === undefined || v === null ? null : String(v);
}

export function isIdempotent(method: string | undefined): boolean {
  const m = (method ?? "GET").toUpperCase();
  return m === "GET" || m === "HEAD";
}

/** What one attempt ended with. */
export type AttemptOutcome =
  | {
      kind: "response";
      status: number;
      headers?: HeaderBag;
      /** GitHub's `message` (tells a secondary rate limit from a missing permission on a 403). */
      message?: string | null;
    }
  /** No complete answer: refused, reset, cut off mid-body. */
  | { kind: "network" }
  /** The attempt used up what remained of the deadline. */
  | { kind: "timeout" };

const RETRYABLE_STATUSES = new Set([500, 502, 503, 504]);

/** How long GitHub asks us to wait (ms from `now`), or null when the answer is not a rate limit. */
export function rateLimitWaitMs(status: number, headers: HeaderBag | undefined, message: string | null | undefined, now: number): number | null {
  if (status !== 403 && status !== 429) return null;
  const retryAfter = header(headers, "retry-after");
  if (retryAfter !== null && /^\s*\d+\s*$/.test(retryAfter)) return Number(retryAfter) * 1000;
  const remaining = header(headers, "x-ratelimit-remaining");
  const secondary = /secondary rate limit|abuse/i.test(message ?? "");
  if (!secondary && remaining !== null && remaining.trim() === "0") {
    const reset = header(headers, "x-ratelimit-reset");
    if (reset !== null && /^\s*\d+\s*$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now) + 1000;
    return SECONDARY_DEFAULT_WAIT_MS;
  }
  if (secondary || status === 429) return SECONDARY_DEFAULT_WAIT_MS;
  return null;
}

/** The backoff before retry number `n` (0-based). */
export function backoffMs(n: number, timing: RetryTiming, random: () => number = Math.random): number {
  return Math.round(timing.backoffBaseMs * 2 ** n * (1 + 0.25 * random()));
}

export interface RetryInput {
  method: string | undefined;
  /** Retries already made (0 after the first attempt). */
  retries: number;
  outcome: AttemptOutcome;
  /** Time since the operation started. */
  elapsedMs: number;
  timing?: RetryTiming;
  now?: number;
  random?: () => number;
}

/** Milliseconds to wait before the next attempt, or null: do not retry, report this outcome. */
export function retryDelay(input: RetryInput): number | null {
  const timing = input.timing ?? DEFAULT_TIMING;
  if (!isIdempotent(input.method) || input.retries >= timing.maxRetries) return null;
  const { outcome } = input;
  if (outcome.kind === "timeout") return null;
  let delay = backoffMs(input.retries, timing, input.random);
  if (outcome.kind === "response") {
    const wait = rateLimitWaitMs(outcome.status, outcome.headers, outcome.message, input.now ?? Date.now());
    if (wait !== null) delay = Math.max(delay, wait);
    else if (RETRYABLE_STATUSES.has(outcome.status)) {
      // A 503 may say when to come back, too.
      const ra = header(outcome.headers, "retry-after");
      if (ra !== null && /^\s*\d+\s*$/.test(ra)) delay = Math.max(delay, Number(ra) * 1000);
    } else return null;
  }
  // Leave the next attempt a little time of its own before the deadline.
  if (input.elapsedMs + delay + Math.min(250, timing.deadlineMs / 10) > timing.deadlineMs) return null;
  return delay;
}

/** What remains of the deadline for the next attempt (at least 1 ms). */
export function attemptTimeoutMs(elapsedMs: number, timing: RetryTiming = DEFAULT_TIMING): number {
  return Math.max(1, timing.deadlineMs - elapsedMs);
}
