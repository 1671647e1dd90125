import type { Metadata } from "next";
import { RunnersPage } from "@/components/runners/RunnersPage";
import { prefetchRunners, prefetchedPage, runnersTitle } from "@/components/runners/server";
import { scopeLabel, type RunnerScope } from "@/lib/runners/scope";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ owner: string; repo: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, repo } = await params;
  const scope = { kind: "repo", owner, repo } as RunnerScope;
  return { title: `Runners · ${scopeLabel(scope)}` };
}

export default async function Page({ params }: Props) {
  const { owner, repo } = await params;
  const scope = { kind: "repo", owner, repo } as RunnerScope;
  const { returnTo, what } = runnersTitle(scope);
  return prefetchedPage(returnTo, "Runners", what, prefetchRunners(scope), <RunnersPage scope={scope} />, scope);
}
