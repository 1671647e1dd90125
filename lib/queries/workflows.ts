import { queryOptions } from "@tanstack/react-query";
import type { Endpoints } from "@octokit/types";
import { paginateAll, type GitHubClient } from "./client";
import { repoKeys } from "./repos";

export type Workflow =
  Endpoints["GET /repos/{owner}/{repo}/actions/workflows"]["response"]["data"]["workflows"][number];

export const workflowKeys = {
  all: (owner: string, repo: string) => [...repoKeys.detail(owner, repo), "workflows"] as const,
  list: (owner: string, repo: string) => [...workflowKeys.all(owner, repo), "list"] as const,
};

export const workflowQueries = {
  /** Every workflow of a repository (all pages). */
  list: (client: GitHubClient, owner: string, repo: string) =>
    queryOptions({
      queryKey: workflowKeys.list(owner, repo),
      queryFn: () =>
        paginateAll<Workflow>(
          client,
          "GET /repos/{owner}/{repo}/actions/workflows",
          { owner, repo },
          "workflows",
        ),
      staleTime: 60_000,
    }),
};
