import type { Metadata } from "next";
import { RunnersPage } from "@/components/runners/RunnersPage";
import { prefetchRunners, prefetchedPage, runnersTitle } from "@/components/runners/server";
import { scopeLabel, orgScope } from "@/lib/runners/scope";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ org: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { org } = await params;
  const scope = orgScope(org);
  return { title: `Runners · ${scopeLabel(scope)}` };
}

export default async function Page({ params }: Props) {
  const { org } = await params;
  const scope = orgScope(org);
  const { returnTo, what } = runnersTitle(scope);
  return prefetchedPage(returnTo, "Runners", what, prefetchRunners(scope), <RunnersPage scope={scope} />, scope);
}
