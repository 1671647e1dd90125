import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { serializeApiError, toApiError } from "@/lib/client/api-error";
import { repoQueries } from "@/lib/queries/repos";
import { LATEST_RUNS, runQueries } from "@/lib/queries/runs";
import { workflowQueries } from "@/lib/queries/workflows";
import { getServerGitHub, getServerQueryClient } from "@/lib/queries/server";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { RepoOverview } from "./repo-client";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ owner: string; repo: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, repo } = await params;
  return { title: `${owner}/${repo}` };
}

export default async function RepoPage({ params }: Props) {
  const { owner, repo } = await params;
  await requireUser(`/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`);
  const queryClient = getServerQueryClient();

  const [detail, workflows, runs] = await Promise.allSettled([
    getServerGitHub().then((gh) => queryClient.fetchQuery(repoQueries.detail(gh, owner, repo))),
    getServerGitHub().then((gh) => queryClient.fetchQuery(workflowQueries.list(gh, owner, repo))),
    getServerGitHub().then((gh) =>
      queryClient.fetchQuery(runQueries.list(gh, owner, repo, { per_page: LATEST_RUNS })),
    ),
  ]);

  if (detail.status === "rejected") {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">
          {owner}/{repo}
        </h1>
        <ErrorPanel
          error={serializeApiError(toApiError(detail.reason))}
          what={`the repository “${owner}/${repo}”`}
        />
      </div>
    );
  }

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <RepoOverview
        owner={owner}
        repo={repo}
        workflowsError={
          workflows.status === "rejected" ? serializeApiError(toApiError(workflows.reason)) : undefined
        }
        runsError={runs.status === "rejected" ? serializeApiError(toApiError(runs.reason)) : undefined}
      />
    </HydrationBoundary>
  );
}
