/**
 * The org overview's GitHub clients in the browser: the same-origin proxy (no token here), its reads batched into
 * POSTs to the batch route (lib/client/batch-fetch), which runs them upstream at most OVERVIEW_CONCURRENCY at a time
 * for the signed-in token (one session, one token) and answers each as soon as it is done; ETag revalidation with a
 * cache big enough for a few thousand URLs (an unchanged poll is all 304s), and two priorities: `live` (now, stuck,
 * fleet) starts before `background` (failures, secrets) whenever both wait, in the browser's queue and the server's.
 */
import { Octokit } from "@octokit/core";
import { toApiError } from "@/lib/client/api-error";
import { createBatchFetch } from "@/lib/client/batch-fetch";
import { proxyBaseUrl } from "@/lib/client/octokit";
import { createEtagCache, createEtagFetch } from "@/lib/client/etag-fetch";
import { UPSTREAM_CONCURRENCY_PER_TOKEN } from "@/lib/github/batch-protocol";
import type { GitHubClient } from "@/lib/queries/client";

/** At most this many requests in flight upstream for the signed-in token (issue 10); the batch route enforces it. */
export const OVERVIEW_CONCURRENCY = UPSTREAM_CONCURRENCY_PER_TOKEN;
/** URLs whose last answer is kept for revalidation: a 300-repository org needs ~1,300. */
export const OVERVIEW_ETAG_ENTRIES = 5_000;
export const LIVE_PRIORITY = 1;
export const BACKGROUND_PRIORITY = 0;

export interface OverviewClients {
  live: GitHubClient;
  background: GitHubClient;
}

type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export function createOverviewClients(origin: string, baseFetch: FetchLike): OverviewClients {
  // One batcher for both: a tick's live and background reads share its POSTs, each item with its priority.
  const batched = createBatchFetch(origin, baseFetch);
  const cache = createEtagCache(OVERVIEW_ETAG_ENTRIES);
  const make = (priority: number): GitHubClient => {
    const octokit = new Octokit({
      baseUrl: proxyBaseUrl(origin),
      request: { fetch: createEtagFetch(batched.withPriority(priority), cache) },
    });
    octokit.hook.error("request", (error, options) => {
      throw toApiError(error, typeof options.method === "string" ? options.method : undefined);
    });
    return octokit;
  };
  return { live: make(LIVE_PRIORITY), background: make(BACKGROUND_PRIORITY) };
}

let clients: OverviewClients | undefined;

/** The page's shared clients (one batcher and one ETag cache for every section). Browser only. */
export function getOverviewClients(): OverviewClients {
  if (typeof window === "undefined") throw new Error("getOverviewClients() is for the browser");
  clients ??= createOverviewClients(window.location.origin, globalThis.fetch.bind(globalThis));
  return clients;
}
