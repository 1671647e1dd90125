"use client";

import Link from "next/link";
import { repoHref } from "@/lib/client/switcher";
import { RunsView } from "@/components/runs/RunsView";
import { WorkflowsSidebar } from "@/components/runs/WorkflowsSidebar";

const link = "font-medium text-blue-700 hover:underline dark:text-blue-400";

export function RunsPageClient({
  owner,
  repo,
  query,
  page,
}: {
  owner: string;
  repo: string;
  query: string;
  page: number;
}) {
  const base = repoHref(`${owner}/${repo}`);
  return (
    <div className="grid gap-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
      <aside className="space-y-4">
        <WorkflowsSidebar owner={owner} repo={repo} />
        <p className="px-2 text-sm">
          <Link href={`${base}/actions/artifacts`} className={link}>
            Artifacts and storage
          </Link>
        </p>
      </aside>
      <div className="min-w-0 space-y-4">
        <div>
          <p className="text-sm text-gray-700 dark:text-gray-300">
            <Link href={base} className={link}>
              {owner}/{repo}
            </Link>
          </p>
          <h1 className="text-2xl font-semibold">All workflows</h1>
        </div>
        <RunsView owner={owner} repo={repo} query={query} page={page} basePath={`${base}/actions`} />
      </div>
    </div>
  );
}
