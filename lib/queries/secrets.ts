import { queryOptions } from "@tanstack/react-query";
import type { Endpoints } from "@octokit/types";
import { paginateAll, type GitHubClient } from "./client";

export type OrgSecret = Endpoints["GET /orgs/{org}/actions/secrets"]["response"]["data"]["secrets"][number];
export type RepoSecret = Endpoints["GET /repos/{owner}/{repo}/actions/secrets"]["response"]["data"]["secrets"][number];
export type SecretRepo = Endpoints["GET /orgs/{org}/actions/secrets/{secret_name}/repositories"]["response"]["data"]["repositories"][number];
export type OrgRepo = Endpoints["GET /orgs/{org}/repos"]["response"]["data"][number];

/**
 * Keys, general → specific: ["secrets"] → ["secrets", "org", org] → [..., name, "repositories"];
 * ["secrets", "repo", owner, repo] → [..., "org"]. Only names, dates and access live here: values
 * are never read back from GitHub, and nothing typed into a form is ever put in the cache.
 */
export const secretKeys = {
  all: ["secrets"] as const,
  org: (org: string) => [...secretKeys.all, "org", org] as const,
  orgRepositories: (org: string, name: string) => [...secretKeys.org(org), name, "repositories"] as const,
  repo: (owner: string, repo: string) => [...secretKeys.all, "repo", owner, repo] as const,
  repoOrgSecrets: (owner: string, repo: string) => [...secretKeys.repo(owner, repo), "org"] as const,
  orgRepos: (org: string) => ["orgs", org, "repos", "all"] as const,
};

export const secretQueries = {
  org: (client: GitHubClient, org: string) =>
    queryOptions({
      queryKey: secretKeys.org(org),
      queryFn: () => paginateAll<OrgSecret>(client, "GET /orgs/{org}/actions/secrets", { org }, "secrets"),
      staleTime: 30_000,
    }),
  orgRepositories: (client: GitHubClient, org: string, name: string) =>
    queryOptions({
      queryKey: secretKeys.orgRepositories(org, name),
      queryFn: () =>
        paginateAll<SecretRepo>(
          client,
          "GET /orgs/{org}/actions/secrets/{secret_name}/repositories",
          { org, secret_name: name },
          "repositories",
        ),
      staleTime: 30_000,
    }),
  repo: (client: GitHubClient, owner: string, repo: string) =>
    queryOptions({
      queryKey: secretKeys.repo(owner, repo),
      queryFn: () => paginateAll<RepoSecret>(client, "GET /repos/{owner}/{repo}/actions/secrets", { owner, repo }, "secrets"),
      staleTime: 30_000,
    }),
  repoOrgSecrets: (client: GitHubClient, owner: string, repo: string) =>
    queryOptions({
      queryKey: secretKeys.repoOrgSecrets(owner, repo),
      queryFn: () =>
        paginateAll<RepoSecret>(client, "GET /repos/{owner}/{repo}/actions/organization-secrets", { owner, repo }, "secrets"),
      staleTime: 30_000,
    }),
  /** Every repository of the org (for the pickers). */
  orgRepos: (client: GitHubClient, org: string) =>
    queryOptions({
      queryKey: secretKeys.orgRepos(org),
      queryFn: () => paginateAll<OrgRepo>(client, "GET /orgs/{org}/repos", { org, sort: "full_name" }),
      staleTime: 5 * 60_000,
    }),
};
