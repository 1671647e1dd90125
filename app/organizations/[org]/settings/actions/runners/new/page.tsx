import type { Metadata } from "next";
import { NewRunner } from "@/components/runners/NewRunner";
import { prefetchedPage, webUrl } from "@/components/runners/server";
import { runnerQueries } from "@/lib/queries/runners";
import { runnersPath, scopeLabel, orgScope } from "@/lib/runners/scope";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ org: string }> };

export function generateMetadata(): Metadata {
  return { title: "New self-hosted runner" };
}

export default async function Page({ params }: Props) {
  const { org } = await params;
  const scope = orgScope(org);
  return prefetchedPage(
    `${runnersPath(scope)}/new`,
    "New self-hosted runner",
    `the runner downloads of ${scopeLabel(scope)}`,
    (gh, qc) => [qc.fetchQuery(runnerQueries.downloads(gh, scope))],
    <NewRunner scope={scope} webUrl={webUrl()} />,
    scope,
  );
}
