import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { serializeApiError, toApiError } from "@/lib/client/api-error";
import { secretQueries } from "@/lib/queries/secrets";
import { getServerGitHub, getServerQueryClient } from "@/lib/queries/server";
import { RepoSecretsView } from "@/components/secrets/RepoSecretsView";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ owner: string; repo: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, repo } = await params;
  return { title: `Actions secrets · ${owner}/${repo}` };
}

export default async function RepoSecretsPage({ params }: Props) {
  const { owner, repo } = await params;
  await requireUser(`/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/settings/secrets/actions`);
  const queryClient = getServerQueryClient();
  const [list, orgList] = await Promise.allSettled([
    getServerGitHub().then((gh) => queryClient.fetchQuery(secretQueries.repo(gh, owner, repo))),
    getServerGitHub().then((gh) => queryClient.fetchQuery(secretQueries.repoOrgSecrets(gh, owner, repo))),
  ]);
  const err = (r: PromiseSettledResult<unknown>) => (r.status === "rejected" ? serializeApiError(toApiError(r.reason)) : undefined);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <RepoSecretsView owner={owner} repo={repo} listError={err(list)} orgListError={err(orgList)} />
    </HydrationBoundary>
  );
}
