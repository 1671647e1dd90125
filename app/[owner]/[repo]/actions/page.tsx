import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { getServerQueryClient } from "@/lib/queries/server";
import { filtersToSearch, parseRunQuery } from "@/lib/runs/filters";
import { prefetchRuns, runsSearch } from "@/lib/runs/prefetch";
import { RunsPageClient } from "./runs-client";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ owner: string; repo: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, repo } = await params;
  return { title: `Actions · ${owner}/${repo}` };
}

export default async function ActionsPage({ params, searchParams }: Props) {
  const { owner, repo } = await params;
  const { query, page } = runsSearch(await searchParams);
  const here = `/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/actions`;
  await requireUser(`${here}${filtersToSearch({ ...parseRunQuery(query).filters, page })}`);
  await prefetchRuns(owner, repo, query, page);
  return (
    <HydrationBoundary state={dehydrate(getServerQueryClient())}>
      <RunsPageClient owner={owner} repo={repo} query={query} page={page} />
    </HydrationBoundary>
  );
}
