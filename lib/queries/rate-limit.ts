import { queryOptions } from "@tanstack/react-query";
import type { Endpoints } from "@octokit/types";
import type { GitHubClient } from "./client";

export type RateLimit = Endpoints["GET /rate_limit"]["response"]["data"];

export const rateLimitKeys = {
  all: ["rate_limit"] as const,
};

export const rateLimitQueries = {
  /** GET /rate_limit does not count against the limit. */
  current: (client: GitHubClient) =>
    queryOptions({
      queryKey: rateLimitKeys.all,
      queryFn: async (): Promise<RateLimit> => (await client.request("GET /rate_limit")).data,
      staleTime: 30_000,
    }),
};
