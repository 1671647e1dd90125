"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { SerializedApiError } from "@/lib/client/api-error";
import { browserGitHub } from "@/lib/client/octokit";
import { repoQueries } from "@/lib/queries/repos";
import { runPageQueries, type Run } from "@/lib/queries/run-page";
import { runKeys } from "@/lib/queries/runs";
import { canRerunJob, runActions } from "@/lib/runs/run-page-actions";
import { formatDuration, isActive, relativeTime, runDuration } from "@/lib/runs/status";
import { jobDependencies, layoutTimeline, liveNow } from "@/lib/runs/timeline";
import { formatUtc, workflowFile } from "@/lib/client/view";
import { Alert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { CopyButton } from "@/components/ui/CopyButton";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { StatusIcon } from "@/components/runs/StatusIcon";
import { OutcomeNotice, RunActions, type RunRef } from "./RunActions";
import { RunArtifacts } from "./RunArtifacts";
import { RunJobs } from "./RunJobs";
import { RunLogSearchBox } from "./RunLogSearchBox";
import { RunTimeline } from "./RunTimeline";
import { RunTiming } from "./RunTiming";
import { useRunWrite } from "./useRunWrite";

const link = "font-medium text-blue-700 hover:underline dark:text-blue-400";

export interface RunPageErrors {
  jobs?: SerializedApiError | undefined;
  artifacts?: SerializedApiError | undefined;
  timing?: SerializedApiError | undefined;
  repo?: SerializedApiError | undefined;
  workflowFile?: SerializedApiError | undefined;
}

export interface RunPageProps {
  owner: string;
  repo: string;
  runId: number;
  /** The attempt in the URL (`/attempts/{n}`); undefined = the latest. */
  attempt: number | undefined;
  /** Failures of the server prefetch, shown in their sections. */
  errors: RunPageErrors;
}

/** Ticks every second while `active`, starting from a time both server and browser agree on. */
function useNow(active: boolean, initial: number): number {
  const [now, setNow] = useState(initial);
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return Math.max(now, initial);
}

export function runHref(owner: string, repo: string, runId: number, attempt?: number): string {
  const base = `/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/actions/runs/${runId}`;
  return attempt === undefined ? base : `${base}/attempts/${attempt}`;
}

function AttemptSwitcher({ owner, repo, run, latest, current }: { owner: string; repo: string; run: Run; latest: number; current: number }) {
  const router = useRouter();
  // Disabled until hydrated: a choice made before React listens would be lost.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (latest <= 1) return <span>1</span>;
  const options = Array.from({ length: latest }, (_, i) => latest - i);
  return (
    <label className="inline-flex items-center gap-2">
      <span className="sr-only">Attempt</span>
      <select
        value={current}
        disabled={!ready}
        onChange={(e) => {
          const n = Number(e.target.value);
          router.push(runHref(owner, repo, Number(run.id), n === latest ? undefined : n));
        }}
        className="rounded-md border border-gray-300 bg-white px-2 py-0.5 text-sm dark:border-gray-600 dark:bg-gray-950"
        data-testid="attempt-switcher"
      >
        {options.map((n) => (
          <option key={n} value={n}>
            {n === latest ? `Attempt ${n} (latest)` : `Attempt ${n}`}
          </option>
        ))}
      </select>
    </label>
  );
}

export function RunPage({ owner, repo, runId, attempt, errors }: RunPageProps) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const runQuery = useQuery(runPageQueries.run(browserGitHub, owner, repo, runId, attempt));
  const latestQuery = useQuery(runPageQueries.run(browserGitHub, owner, repo, runId));
  const run = runQuery.data;
  const jobsQuery = useQuery({
    ...runPageQueries.jobs(browserGitHub, owner, repo, runId, attempt, run),
    enabled: !errors.jobs,
  });
  const artifactsQuery = useQuery({
    ...runPageQueries.artifacts(browserGitHub, owner, repo, runId),
    enabled: !errors.artifacts,
  });
  const timingQuery = useQuery({ ...runPageQueries.timing(browserGitHub, owner, repo, runId), enabled: !errors.timing });
  const repoQuery = useQuery({ ...repoQueries.detail(browserGitHub, owner, repo), enabled: !errors.repo });
  const fileQuery = useQuery({
    ...runPageQueries.workflowFile(browserGitHub, owner, repo, run?.path ?? "", run?.head_sha ?? ""),
    enabled: !!run && !errors.workflowFile,
  });
  const [deleted, setDeleted] = useState(false);
  const write = useRunWrite(owner, repo, runId);

  const active = run ? isActive(run) : false;
  const now = useNow(active, runQuery.dataUpdatedAt);

  // When the run finishes, fetch what only then settles (final jobs, artifacts, timing).
  const wasActive = useRef(active);
  useEffect(() => {
    if (wasActive.current && !active) {
      void queryClient.invalidateQueries({ queryKey: runKeys.detail(owner, repo, runId) });
    }
    wasActive.current = active;
  }, [active, owner, repo, runId, queryClient]);

  const jobs = useMemo(() => jobsQuery.data ?? [], [jobsQuery.data]);
  const effectiveNow = active ? liveNow(now, jobs, [run?.updated_at]) : now;
  const file = fileQuery.data;
  const layout = useMemo(() => {
    const deps = file?.ok ? jobDependencies(jobs, file.graph) : undefined;
    return layoutTimeline({ jobs, deps, runStartedAt: run?.run_started_at, now: effectiveNow });
  }, [jobs, file, run?.run_started_at, effectiveNow]);

  if (deleted) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Run deleted</h1>
        <OutcomeNotice outcome={write.outcome} onRefresh={() => void write.refresh()} onDismiss={write.dismiss} />
        <p>
          <Link href={`/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/actions`} className={link}>
            Back to the runs of {owner}/{repo}
          </Link>
        </p>
      </div>
    );
  }

  if (!run) {
    return runQuery.error ? (
      <ErrorPanel error={runQuery.error} what={`run ${runId}`} onRetry={() => void runQuery.refetch()} />
    ) : (
      <LoadingBlock label="Loading the run…" />
    );
  }

  const latestAttempt = latestQuery.data?.run_attempt ?? run.run_attempt ?? 1;
  const currentAttempt = attempt ?? run.run_attempt ?? 1;
  const isLatest = attempt === undefined || attempt === latestAttempt;
  const permissions = repoQuery.data?.permissions;
  const canWrite = permissions ? Boolean(permissions.push || permissions.maintain || permissions.admin) : undefined;
  const actions = runActions(run, { latest: isLatest, canWrite, jobs });
  const refValue: RunRef = {
    owner,
    repo,
    runId,
    runNumber: run.run_number,
    workflowName: run.name ?? "Run",
    attempt,
  };
  const repoBase = `/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  const workflowHref = `${repoBase}/actions/workflows/${encodeURIComponent(workflowFile(run.path.split("@")[0] ?? run.path))}`;
  const total = runDuration(run, effectiveNow);
  const commitMessage = run.head_commit?.message ?? "";
  const [firstLine] = commitMessage.split("\n");
  const graphNote = errors.workflowFile
    ? "the workflow file could not be read."
    : fileQuery.error
      ? "the workflow file could not be read."
      : file && !file.ok
        ? file.message
        : undefined;

  return (
    <div className="space-y-6">
      <header className="space-y-3">
        <p className="text-sm text-gray-700 dark:text-gray-300">
          <Link href={workflowHref} className={link}>
            {run.name}
          </Link>{" "}
          <span className="font-mono">#{run.run_number}</span>
          {active ? (
            <Badge tone="info" className="ml-2">
              <span aria-hidden="true" className="inline-block h-1.5 w-1.5 animate-pulse rounded-full bg-current" />
              Live
            </Badge>
          ) : null}
        </p>
        <div className="flex items-center gap-2">
          <StatusIcon status={run.status} conclusion={run.conclusion} size={22} />
          <h1 className="text-2xl font-semibold">{run.display_title}</h1>
        </div>
        {!isLatest ? (
          <Alert tone="info" role="none">
            You are looking at attempt {currentAttempt} of {latestAttempt}.{" "}
            <Link href={runHref(owner, repo, runId)} className="font-medium underline">
              Go to the latest attempt
            </Link>{" "}
            to re-run, cancel or delete the run.
          </Alert>
        ) : null}
        <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-4" data-testid="run-header">
          <div>
            <dt className="text-xs text-gray-700 dark:text-gray-300">Status</dt>
            <dd>
              <StatusIcon status={run.status} conclusion={run.conclusion} showLabel />
            </dd>
          </div>
          <div>
            <dt className="text-xs text-gray-700 dark:text-gray-300">Attempt</dt>
            <dd>
              <AttemptSwitcher owner={owner} repo={repo} run={run} latest={latestAttempt} current={currentAttempt} />
            </dd>
          </div>
          <div>
            <dt className="text-xs text-gray-700 dark:text-gray-300">Event</dt>
            <dd>{run.event}</dd>
          </div>
          <div>
            <dt className="text-xs text-gray-700 dark:text-gray-300">Branch</dt>
            <dd>
              <code className="font-mono text-xs">{run.head_branch ?? "—"}</code>
            </dd>
          </div>
          <div className="col-span-2">
            <dt className="text-xs text-gray-700 dark:text-gray-300">Commit</dt>
            <dd className="flex min-w-0 items-center gap-2">
              <code className="font-mono text-xs" title={run.head_sha}>
                {run.head_sha.slice(0, 7)}
              </code>
              <CopyButton value={run.head_sha} label="commit SHA" />
              <span className="truncate" title={commitMessage}>
                {firstLine}
              </span>
            </dd>
          </div>
          <div>
            <dt className="text-xs text-gray-700 dark:text-gray-300">Actor</dt>
            <dd>
              {run.actor?.login ?? "—"}
              {run.triggering_actor && run.triggering_actor.login !== run.actor?.login ? (
                <span className="text-gray-700 dark:text-gray-300"> (re-run by {run.triggering_actor.login})</span>
              ) : null}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-gray-700 dark:text-gray-300">Triggered</dt>
            <dd>
              <time dateTime={run.created_at} title={formatUtc(run.created_at)} suppressHydrationWarning>
                {relativeTime(run.created_at, effectiveNow)}
              </time>
            </dd>
          </div>
          <div>
            <dt className="text-xs text-gray-700 dark:text-gray-300">Total duration</dt>
            <dd className="font-mono tabular-nums" data-testid="run-duration" suppressHydrationWarning>
              {formatDuration(total)}
              {active && total !== undefined ? " so far" : ""}
            </dd>
          </div>
        </dl>
        <RunActions
          refValue={refValue}
          actions={actions}
          pendingId={write.pendingId}
          onWrite={write.run}
          onDeleted={() => {
            setDeleted(true);
            queryClient.removeQueries({ queryKey: runKeys.detail(owner, repo, runId) });
            void queryClient.invalidateQueries({ queryKey: runKeys.lists(owner, repo) });
            router.refresh();
          }}
        />
        {canWrite === false ? (
          <p className="text-xs text-gray-700 dark:text-gray-300">
            You have read access to {owner}/{repo}: re-running, cancelling and deleting need write access.
          </p>
        ) : null}
        <OutcomeNotice outcome={write.outcome} onRefresh={() => void write.refresh()} onDismiss={write.dismiss} />
        <RunLogSearchBox action={`${runHref(owner, repo, runId)}/search`} olderAttempt={!isLatest} />
      </header>

      <Card title="Timeline" titleId="run-timeline">
        {errors.jobs ? (
          <ErrorPanel error={errors.jobs} what="the jobs of this run" level={3} />
        ) : jobsQuery.error ? (
          <ErrorPanel error={jobsQuery.error} what="the jobs of this run" level={3} onRetry={() => void jobsQuery.refetch()} />
        ) : jobsQuery.isPending ? (
          <LoadingBlock label="Loading jobs…" />
        ) : (
          <RunTimeline layout={layout} graphNote={graphNote} live={active} />
        )}
      </Card>

      <Card title={`Jobs${jobsQuery.data ? ` (${jobsQuery.data.length})` : ""}`} titleId="run-jobs" bodyClassName="p-0">
        {errors.jobs || jobsQuery.error ? (
          <p className="p-4 text-sm">The jobs could not be loaded (see the timeline above).</p>
        ) : jobsQuery.isPending ? (
          <LoadingBlock label="Loading jobs…" className="p-4" />
        ) : (
          <RunJobs
            owner={owner}
            repo={repo}
            runId={runId}
            jobs={jobs}
            now={effectiveNow}
            canRerun={(job) => canRerunJob(run, job, { latest: isLatest, canWrite })}
            pendingId={write.pendingId}
            onWrite={write.run}
          />
        )}
      </Card>

      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <Card
          title={`Artifacts${artifactsQuery.data ? ` (${artifactsQuery.data.length})` : ""}`}
          titleId="run-artifacts"
          bodyClassName="p-0"
        >
          {errors.artifacts ? (
            <ErrorPanel error={errors.artifacts} what="the artifacts" level={3} className="m-4" />
          ) : artifactsQuery.error ? (
            <ErrorPanel
              error={artifactsQuery.error}
              what="the artifacts"
              level={3}
              className="m-4"
              onRetry={() => void artifactsQuery.refetch()}
            />
          ) : artifactsQuery.isPending ? (
            <LoadingBlock label="Loading artifacts…" className="p-4" />
          ) : (
            <RunArtifacts
              owner={owner}
              repo={repo}
              runId={runId}
              artifacts={artifactsQuery.data}
              canDelete={canWrite !== false}
              pendingId={write.pendingId}
              onWrite={write.run}
              now={effectiveNow}
            />
          )}
        </Card>
        <Card title="Timing" titleId="run-timing">
          {errors.timing ? (
            <ErrorPanel error={errors.timing} what="the run's timing" level={3} />
          ) : timingQuery.error ? (
            <ErrorPanel error={timingQuery.error} what="the run's timing" level={3} onRetry={() => void timingQuery.refetch()} />
          ) : timingQuery.isPending ? (
            <LoadingBlock label="Loading timing…" />
          ) : (
            <RunTiming result={timingQuery.data} active={active} />
          )}
        </Card>
      </div>
    </div>
  );
}
