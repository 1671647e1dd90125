import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { serializeApiError, toApiError } from "@/lib/client/api-error";
import { orgQueries } from "@/lib/queries/orgs";
import { permissionQueries } from "@/lib/queries/permissions";
import { getServerGitHub, getServerQueryClient } from "@/lib/queries/server";
import { OrgActionsPermissions } from "@/components/permissions/OrgActionsPermissions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ org: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { org } = await params;
  return { title: `Actions permissions · ${org}` };
}

export default async function OrgActionsPermissionsPage({ params }: Props) {
  const { org } = await params;
  await requireUser(`/organizations/${encodeURIComponent(org)}/settings/actions`);
  const queryClient = getServerQueryClient();
  const gh = await getServerGitHub();

  const [policy] = await Promise.allSettled([
    queryClient.fetchQuery(orgQueries.actionsPermissions(gh, org)),
    queryClient.prefetchQuery(permissionQueries.orgRepos(gh, org)),
  ]);
  if (policy.status === "fulfilled") {
    // What the policy points to: its repository list and its selected actions (each only when in use).
    await Promise.allSettled([
      policy.value.enabled_repositories === "selected"
        ? queryClient.prefetchQuery(permissionQueries.orgSelectedRepos(gh, org))
        : undefined,
      policy.value.enabled_repositories !== "none" && policy.value.allowed_actions === "selected"
        ? queryClient.prefetchQuery(permissionQueries.orgSelectedActions(gh, org))
        : undefined,
    ]);
  }

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <OrgActionsPermissions
        org={org}
        policyError={policy.status === "rejected" ? serializeApiError(toApiError(policy.reason)) : undefined}
      />
    </HydrationBoundary>
  );
}
