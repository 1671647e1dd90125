/**
 * The browser's GitHub client: @octokit/core pointed at the same-origin proxy, with no token (the
 * proxy adds the session's). Same route strings and `@octokit/types` as the server client.
 * Every failure is thrown as an ApiError so pages can branch on 401/403/404/429.
 */
import { Octokit } from "@octokit/core";
import { toApiError } from "./api-error";
import { createEtagCache, createEtagFetch } from "./etag-fetch";

export type BrowserOctokit = InstanceType<typeof Octokit>;

let instance: BrowserOctokit | undefined;

export function proxyBaseUrl(origin: string): string {
  return `${origin.replace(/\/+$/, "")}/api/github`;
}

export function createBrowserOctokit(
  origin: string,
  fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
): BrowserOctokit {
  const octokit = new Octokit({
    baseUrl: proxyBaseUrl(origin),
    request: { fetch: createEtagFetch(fetchImpl, createEtagCache(300)) },
  });
  octokit.hook.error("request", (error, options) => {
    throw toApiError(error, typeof options.method === "string" ? options.method : undefined);
  });
  return octokit;
}

/** The shared browser client. Only call it in the browser (effects, query functions, handlers). */
export function getBrowserOctokit(): BrowserOctokit {
  if (typeof window === "undefined") {
    throw new Error(
      "getBrowserOctokit() is for the browser; on the server use getServerOctokit() from lib/github/server.",
    );
  }
  instance ??= createBrowserOctokit(window.location.origin);
  return instance;
}

/**
 * A GitHubClient (see lib/queries/client) for query functions in client components. Safe to create
 * during server rendering: the Octokit is only made when a request is actually sent (in the browser).
 */
export const browserGitHub: { request: BrowserOctokit["request"] } = {
  request: ((...args: Parameters<BrowserOctokit["request"]>) =>
    getBrowserOctokit().request(...args)) as BrowserOctokit["request"],
};
