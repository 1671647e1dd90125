import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { serializeApiError, toApiError } from "@/lib/client/api-error";
import { jobQueries } from "@/lib/queries/jobs-detail";
import { getServerGitHub, getServerQueryClient } from "@/lib/queries/server";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { JobLogPage } from "./job-client";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ owner: string; repo: string; run_id: string; job_id: string }> };

const id = (s: string) => (/^\d{1,15}$/.test(s) ? Number(s) : null);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, repo, job_id } = await params;
  return { title: `Job ${job_id} · ${owner}/${repo}` };
}

export default async function JobPage({ params }: Props) {
  const { owner, repo, run_id, job_id } = await params;
  const runId = id(run_id);
  const jobId = id(job_id);
  if (runId === null || jobId === null) notFound();
  const path = `/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/actions/runs/${runId}/job/${jobId}`;
  await requireUser(path);
  const queryClient = getServerQueryClient();
  try {
    const gh = await getServerGitHub();
    const job = await queryClient.fetchQuery(jobQueries.detail(gh, owner, repo, runId, jobId));
    if (job.run_id !== runId) notFound();
  } catch (error) {
    if (error instanceof Error && "digest" in error) throw error; // notFound()
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Job {jobId}</h1>
        <ErrorPanel error={serializeApiError(toApiError(error))} what={`job ${jobId} of run ${runId} in ${owner}/${repo}`} />
      </div>
    );
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <JobLogPage owner={owner} repo={repo} runId={runId} jobId={jobId} />
    </HydrationBoundary>
  );
}
