import type { Metadata } from "next";
import { NewGroup } from "@/components/runner-groups/NewGroup";
import { prefetchedPage } from "@/components/runners/server";
import { orgScope } from "@/lib/runners/scope";
import { groupQueries } from "@/lib/queries/runners";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ org: string }> };

export function generateMetadata(): Metadata {
  return { title: "New runner group" };
}

export default async function Page({ params }: Props) {
  const { org } = await params;
  return prefetchedPage(
    `/organizations/${encodeURIComponent(org)}/settings/actions/runner-groups/new`,
    "New runner group",
    `the runner groups of ${org}`,
    (gh, qc) => [qc.fetchQuery(groupQueries.list(gh, org)), qc.fetchQuery(groupQueries.orgRepos(gh, org))],
    <NewGroup org={org} />,
    orgScope(org),
  );
}
