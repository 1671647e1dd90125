/**
 * The org overview's GitHub clients in the browser: the same-origin proxy (no token here), every request through
 * one limiter of OVERVIEW_CONCURRENCY (the bound per token: one signed-in session, one token), ETag revalidation with
 * a cache big enough for a few thousand URLs (an unchanged poll is all 304s), and two priorities: `live` (now, stuck,
 * fleet) starts before `background` (failures, secrets) whenever both wait for a slot.
 */
import { Octokit } from "@octokit/core";
import { toApiError } from "@/lib/client/api-error";
import { proxyBaseUrl } from "@/lib/client/octokit";
import { createEtagCache, createEtagFetch } from "@/lib/client/etag-fetch";
import type { GitHubClient } from "@/lib/queries/client";
import { createLimiter, limitedFetch, type Limiter } from "./limiter";

/** At most this many requests in flight for the signed-in token (issue 10). */
export const OVERVIEW_CONCURRENCY = 10;
/** URLs whose last answer is kept for revalidation: a 300-repository org needs ~1,300. */
export const OVERVIEW_ETAG_ENTRIES = 5_000;

export interface OverviewClients {
  live: GitHubClient;
  background: GitHubClient;
  limiter: Limiter;
}

type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export function createOverviewClients(origin: string, baseFetch: FetchLike, concurrency = OVERVIEW_CONCURRENCY): OverviewClients {
  const limiter = createLimiter(concurrency);
  const cache = createEtagCache(OVERVIEW_ETAG_ENTRIES);
  const make = (priority: number): GitHubClient => {
    const octokit = new Octokit({
      baseUrl: proxyBaseUrl(origin),
      request: { fetch: createEtagFetch(limitedFetch(baseFetch, limiter, priority), cache) },
    });
    octokit.hook.error("request", (error, options) => {
      throw toApiError(error, typeof options.method === "string" ? options.method : undefined);
    });
    return octokit;
  };
  return { live: make(1), background: make(0), limiter };
}

let clients: OverviewClients | undefined;

/** The page's shared clients (one limiter for every section). Browser only. */
export function getOverviewClients(): OverviewClients {
  if (typeof window === "undefined") throw new Error("getOverviewClients() is for the browser");
  clients ??= createOverviewClients(window.location.origin, globalThis.fetch.bind(globalThis));
  return clients;
}
