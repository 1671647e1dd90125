import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { serializeApiError, toApiError } from "@/lib/client/api-error";
import { secretQueries } from "@/lib/queries/secrets";
import { getServerGitHub, getServerQueryClient } from "@/lib/queries/server";
import { OrgSecretsView } from "@/components/secrets/OrgSecretsView";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ org: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { org } = await params;
  return { title: `Actions secrets · ${org}` };
}

export default async function OrgSecretsPage({ params }: Props) {
  const { org } = await params;
  await requireUser(`/organizations/${encodeURIComponent(org)}/settings/secrets/actions`);
  const queryClient = getServerQueryClient();
  const [list] = await Promise.allSettled([
    getServerGitHub().then((gh) => queryClient.fetchQuery(secretQueries.org(gh, org))),
    getServerGitHub().then((gh) => queryClient.fetchQuery(secretQueries.orgRepos(gh, org))),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <OrgSecretsView org={org} listError={list.status === "rejected" ? serializeApiError(toApiError(list.reason)) : undefined} />
    </HydrationBoundary>
  );
}
