import { queryOptions } from "@tanstack/react-query";
import type { Endpoints } from "@octokit/types";
import type { GitHubClient } from "./client";

export type Repo = Endpoints["GET /repos/{owner}/{repo}"]["response"]["data"];

/** Keys, general → specific: ["repos", owner, repo] → [..., "workflows"], [..., "runs", ...]. */
export const repoKeys = {
  all: ["repos"] as const,
  detail: (owner: string, repo: string) => [...repoKeys.all, owner, repo] as const,
};

export const repoQueries = {
  detail: (client: GitHubClient, owner: string, repo: string) =>
    queryOptions({
      queryKey: repoKeys.detail(owner, repo),
      queryFn: async (): Promise<Repo> =>
        (await client.request("GET /repos/{owner}/{repo}", { owner, repo })).data,
      staleTime: 5 * 60_000,
    }),
};
