"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { browserGitHub } from "@/lib/client/octokit";
import { repoHref } from "@/lib/client/switcher";
import { formatUtc } from "@/lib/client/view";
import { isActive } from "@/lib/queries/polling";
import { jobQueries } from "@/lib/queries/jobs-detail";
import { stepDuration } from "@/lib/logs/format";
import { Alert } from "@/components/ui/Alert";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { RunStatusBadge } from "@/components/shell/RunStatusBadge";
import { LogViewer, type LogLoadState } from "@/components/logs/LogViewer";

/** While a job runs its log is fetched again this often (it grows; GitHub offers no partial reads). */
const LOG_RELOAD_MS = 5_000;

export function JobLogPage({ owner, repo, runId, jobId }: { owner: string; repo: string; runId: number; jobId: number }) {
  const job = useQuery(jobQueries.detail(browserGitHub, owner, repo, runId, jobId));
  const data = job.data;
  const live = !!data && isActive(data);
  const started = !!data && data.steps?.some((s) => s.status !== "queued") === true;
  const [reloadKey, setReloadKey] = useState(0);
  const [logState, setLogState] = useState<LogLoadState | null>(null);
  const wasLive = useRef(live);

  useEffect(() => {
    if (!live) {
      // one last load when the job has just finished, for its final lines
      if (wasLive.current) setReloadKey((k) => k + 1);
      wasLive.current = false;
      return;
    }
    wasLive.current = true;
    const t = setInterval(() => setReloadKey((k) => k + 1), LOG_RELOAD_MS);
    return () => clearInterval(t);
  }, [live]);

  // Not reset on reloads: a job that has no log yet answers 404 to each, and the alert must not flicker.
  const onLoadState = useCallback((state: LogLoadState) => setLogState(state), []);
  // Waiting: queued, or started with no copy of the log yet (until the server offers one).
  const waiting = !started || logState === "missing" || (live && logState === null);

  const base = `${repoHref(`${owner}/${repo}`)}/actions/runs/${runId}`;
  const url = started ? `/api/github/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/actions/jobs/${jobId}/logs` : null;

  if (job.error && !data) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Job {jobId}</h1>
        <ErrorPanel error={job.error} what={`job ${jobId}`} onRetry={() => void job.refetch()} />
      </div>
    );
  }
  if (!data) return null;

  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm">
          <Link href={base} className="font-medium text-blue-700 hover:underline dark:text-blue-400">
            ← {data.workflow_name ?? "Workflow run"} · run {runId}
            {data.run_attempt && data.run_attempt > 1 ? ` (attempt ${data.run_attempt})` : ""}
          </Link>
          {" · "}
          <Link href={`${base}/search`} className="font-medium text-blue-700 hover:underline dark:text-blue-400">
            Search all jobs of this run
          </Link>
        </p>
        <h1 className="mt-1 flex flex-wrap items-center gap-3 text-2xl font-semibold">
          {data.name}
          <RunStatusBadge status={data.status} conclusion={data.conclusion} />
        </h1>
        <p className="mt-1 text-sm text-gray-700 dark:text-gray-300">
          {data.started_at ? <>Started {formatUtc(data.started_at)} · </> : null}
          {data.started_at ? <>Duration {stepDuration(data, Date.now())} · </> : null}
          {data.runner_name ? <>Runner {data.runner_name}</> : "No runner yet"}
          {data.labels.length ? <> · Labels {data.labels.join(", ")}</> : null}
        </p>
      </div>
      {job.error ? <ErrorPanel error={job.error} what="the job's status" level={3} onRetry={() => void job.refetch()} /> : null}
      {waiting ? (
        <Alert tone="info" title={live ? "Waiting for the log" : "No log"}>
          {live
            ? "This job has not written a log yet. It appears here as soon as the server offers it."
            : "This job has no log (it never started, or its logs were deleted)."}
        </Alert>
      ) : null}
      <LogViewer
        url={url}
        reloadKey={reloadKey}
        steps={data.steps ?? []}
        live={live}
        downloadName={`job-${jobId}-logs.txt`}
        onLoadState={onLoadState}
      />
    </div>
  );
}
