import "server-only";
import { createHash } from "node:crypto";
import { Octokit as Core } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { throttling } from "@octokit/plugin-throttling";
import { getConfig } from "@/lib/config";
import { getSession } from "@/lib/auth/session";
import { unauthenticated } from "@/lib/github/errors";
import {
  DEFAULT_TIMING,
  attemptTimeoutMs,
  isIdempotent,
  retryDelay,
  type AttemptOutcome,
  type RetryTiming,
} from "@/lib/faults/policy";

const USER_AGENT = "actions-console";

export const ServerOctokit = Core.plugin(paginateRest, throttling);
export type ServerOctokit = InstanceType<typeof ServerOctokit>;

/** A stable, non-reversible id for a token (throttling queue key; never the token itself). */
export function tokenId(token: string): string {
  return createHash("sha256").update(token).digest("hex").slice(0, 24);
}

export interface OctokitOptions {
  /** Defaults to the configured GITHUB_API_URL. */
  baseUrl?: string;
  /** Deadline, backoff and retry count (lib/faults/policy); tests scale them down. */
  timing?: RetryTiming;
}

/** The outcome of a failed attempt, as the retry policy sees it. */
function outcomeOf(error: unknown, timedOut: boolean): AttemptOutcome {
  if (timedOut) return { kind: "timeout" };
  const e = error as { status?: unknown; response?: { headers?: Record<string, string>; data?: unknown } };
  if (e && typeof e === "object" && e.response && typeof e.status === "number") {
    const data = e.response.data;
    const message =
      data && typeof data === "object" && "message" in data && typeof data.message === "string" ? data.message : null;
    return { kind: "response", status: e.status, headers: e.response.headers, message };
  }
  return { kind: "network" };
}

/**
 * An answer whose body broke off: @octokit/request swallows the read error and hands over the JSON
 * as an unparsed string ("" when nothing could be read) or a text body as undefined.
 */
function cutOff(response: { status: number; headers: Record<string, string | number | undefined>; data: unknown }, method: string | undefined): boolean {
  if (response.status === 204 || response.status === 205 || (method ?? "").toUpperCase() === "HEAD") return false;
  const type = String(response.headers["content-type"] ?? "");
  const empty = String(response.headers["content-length"] ?? "") === "0";
  if (/\bjson\b/i.test(type)) return typeof response.data === "string" && (response.data !== "" || !empty);
  return response.data === undefined && !empty;
}

class CutOffAnswer extends Error {
  override readonly name = "CutOffAnswer";
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * An Octokit for one token: paginate, throttling (queues keyed per token, no retries of its own),
 * and lib/faults/policy: reads (GET/HEAD) retried at most 3 times with backoff, never before
 * `retry-after` or the rate limit's reset, all within a 10 s deadline; writes sent once, with the
 * deadline as their timeout.
 */
export function octokitFor(token: string, options: OctokitOptions = {}): ServerOctokit {
  const timing = options.timing ?? DEFAULT_TIMING;
  const octokit = new ServerOctokit({
    auth: token,
    baseUrl: options.baseUrl ?? getConfig().apiUrl,
    userAgent: USER_AGENT,
    throttle: {
      id: tokenId(token),
      // The policy below decides about waiting; the throttling plugin only queues.
      onRateLimit: () => false,
      onSecondaryRateLimit: () => false,
    },
    log: { debug: () => {}, info: () => {}, warn: console.warn, error: console.error },
  });
  // Registered after the plugins, so it wraps them: each retry goes through the queues again.
  octokit.hook.wrap("request", async (request, opts) => {
    const started = Date.now();
    for (let retries = 0; ; retries++) {
      const signal = AbortSignal.timeout(attemptTimeoutMs(Date.now() - started, timing));
      try {
        // Hooks bind the options object: set the attempt's signal on it, not on a copy.
        opts.request = { ...opts.request, signal };
        const response = await request(opts);
        if (cutOff(response, opts.method)) throw new CutOffAnswer("GitHub's answer was cut off before it was complete.");
        return response;
      } catch (error) {
        const delay = retryDelay({
          method: opts.method,
          retries,
          outcome: outcomeOf(error, signal.aborted),
          elapsedMs: Date.now() - started,
          timing,
        });
        if (delay === null || !isIdempotent(opts.method)) throw error;
        await sleep(delay);
      }
    }
  });
  return octokit;
}

/** The signed-in user's Octokit. Throws ApiError 401 when there is no valid session. */
export async function getServerOctokit(options: Pick<OctokitOptions, "timing"> = {}): Promise<ServerOctokit> {
  const session = await getSession();
  if (!session) throw unauthenticated();
  return octokitFor(session.token, options);
}
