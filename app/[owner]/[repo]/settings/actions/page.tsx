import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { serializeApiError, toApiError } from "@/lib/client/api-error";
import { orgQueries } from "@/lib/queries/orgs";
import { permissionQueries } from "@/lib/queries/permissions";
import { repoQueries } from "@/lib/queries/repos";
import { getServerGitHub, getServerQueryClient } from "@/lib/queries/server";
import { RepoActionsPermissions } from "@/components/permissions/RepoActionsPermissions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ owner: string; repo: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, repo } = await params;
  return { title: `Actions permissions · ${owner}/${repo}` };
}

export default async function RepoActionsPermissionsPage({ params }: Props) {
  const { owner, repo } = await params;
  await requireUser(`/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/settings/actions`);
  const queryClient = getServerQueryClient();
  const gh = await getServerGitHub();

  const [detail, policy] = await Promise.allSettled([
    queryClient.fetchQuery(repoQueries.detail(gh, owner, repo)),
    queryClient.fetchQuery(permissionQueries.repo(gh, owner, repo)),
  ]);
  const isOrg = detail.status === "fulfilled" && detail.value.owner.type === "Organization";
  const org = isOrg ? await queryClient.fetchQuery(orgQueries.actionsPermissions(gh, owner)).catch(() => undefined) : undefined;
  await Promise.allSettled([
    policy.status === "fulfilled" && policy.value.enabled && policy.value.allowed_actions === "selected"
      ? queryClient.prefetchQuery(permissionQueries.repoSelectedActions(gh, owner, repo))
      : undefined,
    org?.enabled_repositories === "selected"
      ? queryClient.prefetchQuery(permissionQueries.orgSelectedRepos(gh, owner))
      : undefined,
    org && org.enabled_repositories !== "none" && org.allowed_actions === "selected"
      ? queryClient.prefetchQuery(permissionQueries.orgSelectedActions(gh, owner))
      : undefined,
  ]);

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <RepoActionsPermissions
        owner={owner}
        repo={repo}
        policyError={policy.status === "rejected" ? serializeApiError(toApiError(policy.reason)) : undefined}
      />
    </HydrationBoundary>
  );
}
