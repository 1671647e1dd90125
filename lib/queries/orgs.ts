import { queryOptions } from "@tanstack/react-query";
import type { Endpoints } from "@octokit/types";
import type { GitHubClient } from "./client";

export type Org = Endpoints["GET /orgs/{org}"]["response"]["data"];
export type OrgActionsPermissions = Endpoints["GET /orgs/{org}/actions/permissions"]["response"]["data"];

export const orgKeys = {
  all: ["orgs"] as const,
  detail: (org: string) => [...orgKeys.all, org] as const,
  actionsPermissions: (org: string) => [...orgKeys.detail(org), "actions", "permissions"] as const,
};

export const orgQueries = {
  detail: (client: GitHubClient, org: string) =>
    queryOptions({
      queryKey: orgKeys.detail(org),
      queryFn: async (): Promise<Org> => (await client.request("GET /orgs/{org}", { org })).data,
      staleTime: 5 * 60_000,
    }),
  /** Needs admin:org (and an owner): a token without it gets a 403 naming the scope. */
  actionsPermissions: (client: GitHubClient, org: string) =>
    queryOptions({
      queryKey: orgKeys.actionsPermissions(org),
      queryFn: async (): Promise<OrgActionsPermissions> =>
        (await client.request("GET /orgs/{org}/actions/permissions", { org })).data,
      staleTime: 60_000,
    }),
};
