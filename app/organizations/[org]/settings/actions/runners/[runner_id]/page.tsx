import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RunnerDetail } from "@/components/runners/RunnerDetail";
import { prefetchedPage } from "@/components/runners/server";
import { groupQueries, runnerQueries } from "@/lib/queries/runners";
import { runnersPath, scopeLabel, orgScope } from "@/lib/runners/scope";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ org: string } & { runner_id: string }> };

export function generateMetadata(): Metadata {
  return { title: "Runner" };
}

export default async function Page({ params }: Props) {
  const { runner_id, ...rest } = await params;
  const { org } = rest;
  if (!/^\d+$/.test(runner_id)) notFound();
  const id = Number(runner_id);
  const scope = orgScope(org);
  return prefetchedPage(
    `${runnersPath(scope)}/${id}`,
    `Runner ${id}`,
    `runner ${id} of ${scopeLabel(scope)}`,
    (gh, qc) => [
      qc.fetchQuery(runnerQueries.detail(gh, scope, id)),
      ...(scope.kind === "org" ? [qc.fetchQuery(groupQueries.list(gh, scope.org))] : []),
    ],
    <RunnerDetail scope={scope} runnerId={id} />,
    scope,
  );
}
