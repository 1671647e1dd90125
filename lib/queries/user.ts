import { queryOptions } from "@tanstack/react-query";
import type { Endpoints } from "@octokit/types";
import { paginateAll, type GitHubClient } from "./client";

export type AuthenticatedUser = Endpoints["GET /user"]["response"]["data"];
export type UserOrg = Endpoints["GET /user/orgs"]["response"]["data"][number];
export type OrgMembership = Endpoints["GET /user/memberships/orgs"]["response"]["data"][number];
export type UserRepo = Endpoints["GET /user/repos"]["response"]["data"][number];

/** Keys, general → specific: ["user"] → ["user", "orgs"] ... */
export const userKeys = {
  all: ["user"] as const,
  me: () => [...userKeys.all, "me"] as const,
  orgs: () => [...userKeys.all, "orgs"] as const,
  memberships: () => [...userKeys.all, "memberships", "orgs"] as const,
  repos: () => [...userKeys.all, "repos"] as const,
};

export const userQueries = {
  me: (client: GitHubClient) =>
    queryOptions({
      queryKey: userKeys.me(),
      queryFn: async (): Promise<AuthenticatedUser> => (await client.request("GET /user")).data,
      staleTime: 5 * 60_000,
    }),
  /** Organizations the user belongs to (all pages). */
  orgs: (client: GitHubClient) =>
    queryOptions({
      queryKey: userKeys.orgs(),
      queryFn: () => paginateAll<UserOrg>(client, "GET /user/orgs"),
      staleTime: 5 * 60_000,
    }),
  /** The user's role in each organization (admin or member). */
  memberships: (client: GitHubClient) =>
    queryOptions({
      queryKey: userKeys.memberships(),
      queryFn: () => paginateAll<OrgMembership>(client, "GET /user/memberships/orgs", { state: "active" }),
      staleTime: 5 * 60_000,
    }),
  /** Every repository the user can see, with their permissions on it (all pages). */
  repos: (client: GitHubClient) =>
    queryOptions({
      queryKey: userKeys.repos(),
      queryFn: () =>
        paginateAll<UserRepo>(client, "GET /user/repos", {
          affiliation: "owner,collaborator,organization_member",
          sort: "full_name",
        }),
      staleTime: 5 * 60_000,
    }),
};
