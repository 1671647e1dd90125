/**
 * Server-side halves of the query factories: a per-request QueryClient and a GitHub client built on
 * the session's server-only Octokit, whose failures are thrown as ApiError (same as the browser's).
 */
import "server-only";
import { cache } from "react";
import { getServerOctokit } from "@/lib/github/server";
import { PREFETCH_TIMING, type RetryTiming } from "@/lib/faults/policy";
import { ApiError, toApiError } from "@/lib/client/api-error";
import type { GitHubClient, GitHubRequest } from "./client";
import { makeQueryClient } from "./query-client";

/** One QueryClient per server request (React `cache` is scoped to the request). */
export const getServerQueryClient = cache(makeQueryClient);

async function serverGitHub(timing?: RetryTiming): Promise<GitHubClient> {
  let octokit: Awaited<ReturnType<typeof getServerOctokit>>;
  try {
    octokit = await getServerOctokit(timing ? { timing } : {});
  } catch (error) {
    throw toApiError(error, "GET");
  }
  const request = (async (route: string, parameters?: Record<string, unknown>) => {
    try {
      return await octokit.request(route, parameters);
    } catch (error) {
      const method = typeof route === "string" ? route.split(" ")[0] : undefined;
      throw toApiError(error, method);
    }
  }) as unknown as GitHubRequest;
  return { request };
}

/** A GitHubClient on the session's token. A missing session is reported as a 401 ApiError. */
export const getServerGitHub = cache(() => serverGitHub());

/**
 * The same with a short deadline (lib/faults/policy PREFETCH_TIMING), for prefetches whose failure
 * the client repeats through the proxy: a failing or slow GitHub then costs the user one deadline, not two.
 */
export const getServerPrefetchGitHub = cache(() => serverGitHub(PREFETCH_TIMING));

/**
 * Waits for every prefetch (fetchQuery) and returns the most relevant failure, if any: a 401 first
 * (the whole page needs a new sign-in), then the first other error in order.
 */
export async function firstError(pending: readonly Promise<unknown>[]): Promise<ApiError | undefined> {
  const results = await Promise.allSettled(pending);
  const errors = results
    .filter((r): r is PromiseRejectedResult => r.status === "rejected")
    .map((r) => toApiError(r.reason));
  return errors.find((e) => e.status === 401) ?? errors[0];
}
