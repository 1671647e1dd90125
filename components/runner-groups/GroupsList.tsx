"use client";

import Link from "next/link";
import { useQueries, useQuery } from "@tanstack/react-query";
import { browserGitHub } from "@/lib/client/octokit";
import { groupKeys, groupQueries } from "@/lib/queries/runners";
import { VISIBILITY_TEXT, type GroupVisibility } from "@/lib/runners/groups";
import { Badge } from "@/components/ui/Badge";
import { GatedButtonLink } from "@/components/runners/WriteAccess";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/Table";
import { ErrorPanel } from "@/components/shell/ErrorPanel";

const link = "font-medium text-blue-700 hover:underline dark:text-blue-400";

/** total_count of a list endpoint with one item per page: a cheap count. */
async function countOf(route: string, params: Record<string, unknown>): Promise<number> {
  const request = browserGitHub.request as unknown as (r: string, p: Record<string, unknown>) => Promise<{ data: { total_count: number } }>;
  return (await request(route, { ...params, per_page: 1 })).data.total_count;
}

export function groupsPath(org: string) {
  return `/organizations/${encodeURIComponent(org)}/settings/actions/runner-groups`;
}

export function GroupsList({ org }: { org: string }) {
  const groups = useQuery(groupQueries.list(browserGitHub, org));
  const list = groups.data ?? [];
  const counts = useQueries({
    queries: list.map((g) => ({
      queryKey: [...groupKeys.detail(org, g.id), "counts"],
      queryFn: async () => ({
        runners: await countOf("GET /orgs/{org}/actions/runner-groups/{runner_group_id}/runners", { org, runner_group_id: g.id }),
        repos:
          g.visibility === "selected"
            ? await countOf("GET /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories", { org, runner_group_id: g.id })
            : undefined,
      }),
      staleTime: 15_000,
    })),
  });

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm">
            <Link href={`/organizations/${encodeURIComponent(org)}`} className={link}>
              {org}
            </Link>{" "}
            / Settings / Actions
          </p>
          <h1 className="text-2xl font-semibold">Runner groups</h1>
          <p className="mt-1 text-sm text-gray-700 dark:text-gray-300">
            Groups decide which repositories (and workflows) may use which self-hosted runners.{" "}
            <Link href={`/organizations/${encodeURIComponent(org)}/settings/actions/runners`} className={link}>
              All runners
            </Link>
          </p>
        </div>
        <GatedButtonLink href={`${groupsPath(org)}/new`}>New runner group</GatedButtonLink>
      </div>
      {groups.error ? (
        <ErrorPanel error={groups.error} what={`the runner groups of ${org}`} onRetry={() => void groups.refetch()} />
      ) : groups.isPending ? (
        <LoadingBlock label="Loading runner groups…" />
      ) : (
        <Table caption={`Runner groups of ${org}`}>
          <THead>
            <tr>
              <Th>Group</Th>
              <Th>Repository access</Th>
              <Th>Runners</Th>
              <Th>Repositories</Th>
              <Th>Public repositories</Th>
            </tr>
          </THead>
          <TBody>
            {list.map((g, i) => {
              const c = counts[i]?.data;
              return (
                <Tr key={g.id} data-testid={`group-row-${g.name}`}>
                  <Td>
                    <Link href={`${groupsPath(org)}/${g.id}`} className={link}>
                      {g.name}
                    </Link>{" "}
                    {g.default ? <Badge tone="accent">Default</Badge> : null}{" "}
                    {g.inherited ? <Badge tone="warning">Inherited from the enterprise</Badge> : null}
                  </Td>
                  <Td>{VISIBILITY_TEXT[g.visibility as GroupVisibility] ?? g.visibility}</Td>
                  <Td data-testid="group-runners">{c ? c.runners : "…"}</Td>
                  <Td data-testid="group-repos">
                    {g.visibility === "selected" ? (c?.repos ?? "…") : g.visibility === "all" ? "All" : "All private"}
                  </Td>
                  <Td>{g.allows_public_repositories ? "Allowed" : "Not allowed"}</Td>
                </Tr>
              );
            })}
          </TBody>
        </Table>
      )}
    </div>
  );
}
