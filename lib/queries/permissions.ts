import { queryOptions } from "@tanstack/react-query";
import type { Endpoints } from "@octokit/types";
import { paginateAll, type GitHubClient } from "./client";
import { orgKeys } from "./orgs";
import { repoKeys } from "./repos";

export type SelectedActions = Endpoints["GET /orgs/{org}/actions/permissions/selected-actions"]["response"]["data"];
export type RepoActionsPermissions = Endpoints["GET /repos/{owner}/{repo}/actions/permissions"]["response"]["data"];
export type OrgRepo = Endpoints["GET /orgs/{org}/repos"]["response"]["data"][number];

/** What the pickers need of a repository. */
export interface RepoSummary {
  id: number;
  name: string;
  full_name: string;
  visibility: string;
  archived: boolean;
}

function summary(r: {
  id: number | bigint;
  name: string;
  full_name: string;
  visibility?: string | undefined;
  private: boolean;
  archived?: boolean | undefined;
}): RepoSummary {
  return {
    id: Number(r.id),
    name: r.name,
    full_name: r.full_name,
    visibility: r.visibility ?? (r.private ? "private" : "public"),
    archived: r.archived ?? false,
  };
}

/**
 * Keys under the org's and the repository's own keys (["orgs", org, "actions", "permissions"] is the
 * overview's query, so invalidating the policy refreshes the org page too).
 */
export const permissionKeys = {
  org: (org: string) => orgKeys.actionsPermissions(org),
  orgSelectedRepos: (org: string) => [...orgKeys.actionsPermissions(org), "repositories"] as const,
  orgSelectedActions: (org: string) => [...orgKeys.actionsPermissions(org), "selected-actions"] as const,
  orgRepos: (org: string) => [...orgKeys.detail(org), "repos"] as const,
  repo: (owner: string, repo: string) => [...repoKeys.detail(owner, repo), "actions", "permissions"] as const,
  repoSelectedActions: (owner: string, repo: string) =>
    [...repoKeys.detail(owner, repo), "actions", "permissions", "selected-actions"] as const,
};

export const permissionQueries = {
  /** Every repository of the org (the picker's choices), all pages. */
  orgRepos: (client: GitHubClient, org: string) =>
    queryOptions({
      queryKey: permissionKeys.orgRepos(org),
      queryFn: async (): Promise<RepoSummary[]> =>
        (await paginateAll<OrgRepo>(client, "GET /orgs/{org}/repos", { org, sort: "full_name" }))
          .map(summary)
          .sort((a, b) => a.full_name.localeCompare(b.full_name)),
      staleTime: 60_000,
    }),
  /** The repositories enabled when the org's policy is "selected" (a 409 otherwise). */
  orgSelectedRepos: (client: GitHubClient, org: string) =>
    queryOptions({
      queryKey: permissionKeys.orgSelectedRepos(org),
      queryFn: async (): Promise<RepoSummary[]> =>
        (
          await paginateAll<Endpoints["GET /orgs/{org}/actions/permissions/repositories"]["response"]["data"]["repositories"][number]>(
            client,
            "GET /orgs/{org}/actions/permissions/repositories",
            { org },
            "repositories",
          )
        ).map(summary),
      staleTime: 30_000,
    }),
  /** The org's selected actions (when its allowed_actions is "selected"). */
  orgSelectedActions: (client: GitHubClient, org: string) =>
    queryOptions({
      queryKey: permissionKeys.orgSelectedActions(org),
      queryFn: async (): Promise<SelectedActions> =>
        (await client.request("GET /orgs/{org}/actions/permissions/selected-actions", { org })).data,
      staleTime: 30_000,
    }),
  repo: (client: GitHubClient, owner: string, repo: string) =>
    queryOptions({
      queryKey: permissionKeys.repo(owner, repo),
      queryFn: async (): Promise<RepoActionsPermissions> =>
        (await client.request("GET /repos/{owner}/{repo}/actions/permissions", { owner, repo })).data,
      staleTime: 30_000,
    }),
  /** The actions selected for the repository (its own, or its org's when the org selects them). */
  repoSelectedActions: (client: GitHubClient, owner: string, repo: string) =>
    queryOptions({
      queryKey: permissionKeys.repoSelectedActions(owner, repo),
      queryFn: async (): Promise<SelectedActions> =>
        (await client.request("GET /repos/{owner}/{repo}/actions/permissions/selected-actions", { owner, repo }))
          .data,
      staleTime: 30_000,
    }),
};
