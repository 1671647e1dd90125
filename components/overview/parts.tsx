"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { formatDuration } from "@/lib/runs/status";
import { repoHref } from "@/lib/client/switcher";
import { ProgressBar } from "@/components/ui/ProgressBar";
import { useNow } from "@/components/runs/use-now";
import type { Progress } from "./use-org-overview";

export const link = "font-medium text-blue-700 hover:underline dark:text-blue-400";
export const muted = "text-gray-700 dark:text-gray-300";

export function runHref(repo: string, runId: number): string {
  return `${repoHref(repo)}/actions/runs/${runId}`;
}

export function jobHref(repo: string, runId: number, jobId: number): string {
  return `${runHref(repo, runId)}/job/${jobId}`;
}

/** A repository name as a link to its page, with the org prefix dropped (the page is about one org). */
export function RepoLink({ repo, org }: { repo: string; org: string }) {
  const short = repo.toLowerCase().startsWith(`${org.toLowerCase()}/`) ? repo.slice(org.length + 1) : repo;
  return (
    <Link href={repoHref(repo)} className={link} title={repo}>
      {short}
    </Link>
  );
}

/** "4m 05s" since `from` (live: refreshed by the shared clock), or the UTC time before hydration. */
export function Since({ from }: { from: string | null }) {
  const now = useNow();
  if (!from) return <span>—</span>;
  const t = Date.parse(from);
  return (
    <time dateTime={from} title={`${from.replace("T", " ").replace("Z", " UTC")}`} className="tabular-nums">
      {now === null ? from.slice(11, 16) : formatDuration(Math.max(0, now - t))}
    </time>
  );
}

export function Labels({ labels, highlight = [] }: { labels: readonly string[]; highlight?: readonly string[] }) {
  const hi = new Set(highlight.map((l) => l.toLowerCase()));
  return (
    <span className="flex flex-wrap gap-1">
      {labels.map((l) => (
        <code
          key={l}
          className={
            hi.has(l.toLowerCase())
              ? "rounded border border-red-400 bg-red-50 px-1 font-mono text-xs text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-200"
              : "rounded border border-gray-300 bg-gray-50 px-1 font-mono text-xs text-gray-800 dark:border-gray-600 dark:bg-gray-800 dark:text-gray-200"
          }
        >
          {l}
        </code>
      ))}
    </span>
  );
}

/** A section's loading bar while its first answers arrive (hidden once everything answered). */
export function SectionProgress({ progress, label }: { progress: Progress; label: string }) {
  if (progress.total === 0 || progress.done >= progress.total) return null;
  return <ProgressBar value={progress.done} max={progress.total} label={label} className="px-4 pt-3" />;
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className={`px-4 py-3 text-sm ${muted}`}>{children}</p>;
}
