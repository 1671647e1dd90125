import "server-only";
import { createHash } from "node:crypto";
import { Octokit as Core } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { getConfig } from "@/lib/config";
import { getSession } from "@/lib/auth/session";
import { unauthenticated } from "@/lib/github/errors";

const USER_AGENT = "actions-console";

export const ServerOctokit = Core.plugin(paginateRest, throttling, retry);
export type ServerOctokit = InstanceType<typeof ServerOctokit>;

function isIdempotent(method: string | undefined): boolean {
  const m = (method ?? "GET").toUpperCase();
  return m === "GET" || m === "HEAD";
}

/** A stable, non-reversible id for a token (throttling queue key; never the token itself). */
export function tokenId(token: string): string {
  return createHash("sha256").update(token).digest("hex").slice(0, 24);
}

export interface OctokitOptions {
  /** Defaults to the configured GITHUB_API_URL. */
  baseUrl?: string;
  /** Base delay for retries in ms (tests make it small). Default 1000. */
  retryAfterBaseValue?: number;
  /** Longest rate-limit wait (s) worth waiting for inside a request. Default 10. */
  maxRateLimitWait?: number;
}

/**
 * An Octokit for one token: paginate, throttling (queues keyed per token) and retry of
 * idempotent requests only (GET/HEAD). Writes are never retried: a rerun or dispatch must never
 * happen twice.
 */
export function octokitFor(token: string, options: OctokitOptions = {}): ServerOctokit {
  const maxWait = options.maxRateLimitWait ?? 10;
  const octokit = new ServerOctokit({
    auth: token,
    baseUrl: options.baseUrl ?? getConfig().apiUrl,
    userAgent: USER_AGENT,
    throttle: {
      id: tokenId(token),
      onRateLimit: (retryAfter: number, opts: { method?: string }, _o: unknown, retryCount: number) =>
        isIdempotent(opts.method) && retryCount < 1 && retryAfter <= maxWait,
      onSecondaryRateLimit: (
        retryAfter: number,
        opts: { method?: string },
        _o: unknown,
        retryCount: number,
      ) => isIdempotent(opts.method) && retryCount < 1 && retryAfter <= maxWait,
    },
    retry: { retryAfterBaseValue: options.retryAfterBaseValue ?? 1000, retries: 2 },
    log: { debug: () => {}, info: () => {}, warn: console.warn, error: console.error },
  });
  // Registered after the plugins, so this runs outermost: the retry plugin sees retries = 0 for writes.
  octokit.hook.before("request", (opts) => {
    if (!isIdempotent(opts.method)) {
      opts.request = { ...opts.request, retries: 0 };
    }
  });
  return octokit;
}

/** The signed-in user's Octokit. Throws ApiError 401 when there is no valid session. */
export async function getServerOctokit(): Promise<ServerOctokit> {
  const session = await getSession();
  if (!session) throw unauthenticated();
  return octokitFor(session.token);
}
