import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { GroupDetail } from "@/components/runner-groups/GroupDetail";
import { prefetchedPage } from "@/components/runners/server";
import { orgScope } from "@/lib/runners/scope";
import { groupQueries } from "@/lib/queries/runners";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ org: string; id: string }> };

export function generateMetadata(): Metadata {
  return { title: "Runner group" };
}

export default async function Page({ params }: Props) {
  const { org, id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const groupId = Number(id);
  return prefetchedPage(
    `/organizations/${encodeURIComponent(org)}/settings/actions/runner-groups/${groupId}`,
    `Runner group ${groupId}`,
    `runner group ${groupId} of ${org}`,
    (gh, qc) => [qc.fetchQuery(groupQueries.detail(gh, org, groupId)), qc.fetchQuery(groupQueries.list(gh, org))],
    <GroupDetail org={org} groupId={groupId} />,
    orgScope(org),
  );
}
