import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { parseArtifactSort } from "@/lib/artifacts/artifacts";
import { actionsQueries } from "@/lib/queries/actions";
import { getServerGitHub, getServerQueryClient } from "@/lib/queries/server";
import { ArtifactsView } from "@/components/artifacts/ArtifactsView";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ owner: string; repo: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, repo } = await params;
  return { title: `Artifacts · ${owner}/${repo}` };
}

export default async function ArtifactsPage({ params, searchParams }: Props) {
  const { owner, repo } = await params;
  const search = await searchParams;
  const rawSort = Array.isArray(search.sort) ? search.sort[0] : search.sort;
  const sort = parseArtifactSort(rawSort);
  const here = `/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/actions/artifacts`;
  await requireUser(sort === "age-asc" ? here : `${here}?sort=${sort}`);
  const queryClient = getServerQueryClient();
  await getServerGitHub()
    .then((gh) => queryClient.prefetchQuery(actionsQueries.artifacts(gh, owner, repo)))
    .catch(() => undefined);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ArtifactsView owner={owner} repo={repo} sort={sort} />
    </HydrationBoundary>
  );
}
