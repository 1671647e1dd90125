import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { actionsQueries } from "@/lib/queries/actions";
import { getServerGitHub, getServerQueryClient } from "@/lib/queries/server";
import { filtersToSearch, parseRunQuery } from "@/lib/runs/filters";
import { prefetchRuns, runsSearch } from "@/lib/runs/prefetch";
import { WorkflowPageClient } from "./workflow-client";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ owner: string; repo: string; file: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, repo, file } = await params;
  return { title: `${decodeURIComponent(file)} · ${owner}/${repo}` };
}

export default async function WorkflowPage({ params, searchParams }: Props) {
  const { owner, repo, file: rawFile } = await params;
  const file = decodeURIComponent(rawFile);
  const { query, page } = runsSearch(await searchParams);
  const here = `/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/actions/workflows/${encodeURIComponent(file)}`;
  await requireUser(
    `${here}${filtersToSearch({ ...parseRunQuery(query).filters, workflow: undefined, page })}`,
  );
  const queryClient = getServerQueryClient();
  await Promise.all([
    prefetchRuns(owner, repo, query, page, file),
    getServerGitHub()
      .then((gh) => queryClient.prefetchQuery(actionsQueries.workflow(gh, owner, repo, file)))
      .catch(() => undefined),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <WorkflowPageClient owner={owner} repo={repo} file={file} query={query} page={page} />
    </HydrationBoundary>
  );
}
