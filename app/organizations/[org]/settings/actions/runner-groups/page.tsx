import type { Metadata } from "next";
import { GroupsList } from "@/components/runner-groups/GroupsList";
import { prefetchedPage } from "@/components/runners/server";
import { orgScope } from "@/lib/runners/scope";
import { groupQueries } from "@/lib/queries/runners";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ org: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { org } = await params;
  return { title: `Runner groups · ${org}` };
}

export default async function Page({ params }: Props) {
  const { org } = await params;
  return prefetchedPage(
    `/organizations/${encodeURIComponent(org)}/settings/actions/runner-groups`,
    "Runner groups",
    `the runner groups of ${org}`,
    (gh, qc) => [qc.fetchQuery(groupQueries.list(gh, org))],
    <GroupsList org={org} />,
    orgScope(org),
  );
}
