import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { RunLogSearch } from "@/components/logs/RunLogSearch";
import { parseRunSearch, runSearchQuery } from "@/lib/logs/run-search-url";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ owner: string; repo: string; run_id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, repo, run_id } = await params;
  return { title: `Search logs of run ${run_id} · ${owner}/${repo}` };
}

export default async function RunSearchPage({ params, searchParams }: Props) {
  const { owner, repo, run_id } = await params;
  const initial = parseRunSearch(await searchParams);
  if (!/^\d{1,15}$/.test(run_id)) notFound();
  const runId = Number(run_id);
  const base = `/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/actions/runs/${runId}`;
  await requireUser(initial.q ? `${base}/search?${runSearchQuery(initial)}` : `${base}/search`);
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href={base} className="font-medium text-blue-700 hover:underline dark:text-blue-400">
          ← Run {runId}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Search the logs of run {runId}</h1>
      <p className="text-sm text-gray-700 dark:text-gray-300">
        Searches every step of every job of the run&apos;s latest attempt (its log archive, unpacked in your browser), including
        logs too large for GitHub&apos;s own search.
      </p>
      <RunLogSearch owner={owner} repo={repo} runId={runId} initial={initial} />
    </div>
  );
}
