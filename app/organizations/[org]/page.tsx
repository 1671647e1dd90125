import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { serializeApiError, toApiError } from "@/lib/client/api-error";
import { orgQueries } from "@/lib/queries/orgs";
import { getServerGitHub, getServerQueryClient } from "@/lib/queries/server";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { OrgOverview } from "./org-client";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ org: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { org } = await params;
  return { title: org };
}

export default async function OrgPage({ params }: Props) {
  const { org } = await params;
  await requireUser(`/organizations/${encodeURIComponent(org)}`);
  const queryClient = getServerQueryClient();

  const [detail, permissions] = await Promise.allSettled([
    getServerGitHub().then((gh) => queryClient.fetchQuery(orgQueries.detail(gh, org))),
    getServerGitHub().then((gh) => queryClient.fetchQuery(orgQueries.actionsPermissions(gh, org))),
  ]);

  if (detail.status === "rejected") {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">{org}</h1>
        <ErrorPanel error={serializeApiError(toApiError(detail.reason))} what={`the organization “${org}”`} />
      </div>
    );
  }

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <OrgOverview
        org={org}
        permissionsError={
          permissions.status === "rejected" ? serializeApiError(toApiError(permissions.reason)) : undefined
        }
      />
    </HydrationBoundary>
  );
}
