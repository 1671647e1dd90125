"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { useQueries, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { toApiError, type ApiError } from "@/lib/client/api-error";
import { browserGitHub } from "@/lib/client/octokit";
import { getOverviewClients } from "@/lib/overview/client";
import { groupFailures, type FailureRange } from "@/lib/overview/failures";
import {
  overviewKeys,
  overviewQueries,
  toFailedRun,
  type ActiveRuns,
  type GroupView,
  type JobView,
  type OverviewRepo,
  type RunView,
  type RunnerView,
} from "@/lib/overview/queries";
import { diagnoseJob, type GroupInfo, type StuckReason } from "@/lib/overview/stuck";

/** "now" and "stuck" poll this long after the previous poll finished. */
export const LIVE_POLL_MS = 5_000;
/** Failures poll this long after the previous poll finished. */
export const FAILURES_POLL_MS = 5 * 60_000;

const lazyClients = {
  live: { request: ((...args: Parameters<typeof browserGitHub.request>) => getOverviewClients().live.request(...args)) as typeof browserGitHub.request },
  background: {
    request: ((...args: Parameters<typeof browserGitHub.request>) => getOverviewClients().background.request(...args)) as typeof browserGitHub.request,
  },
};

export interface Progress {
  done: number;
  total: number;
}

export interface CycleState {
  /** Polls finished since the page loaded (the first load is not counted). */
  cycles: number;
  lastAt: number | null;
  polling: boolean;
}

/**
 * Refetches every active query under `queryKey` `intervalMs` after the previous round finished (never two rounds
 * at once; a round that finds a query still loading joins it rather than cancelling it), while the tab is visible.
 */
export function usePollCycle(queryKey: QueryKey, intervalMs: number, enabled: boolean): CycleState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<CycleState>({ cycles: 0, lastAt: null, polling: false });
  const keyRef = useRef(queryKey);
  keyRef.current = queryKey;
  const keyString = JSON.stringify(queryKey);
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const round = async () => {
      if (cancelled) return;
      if (document.visibilityState === "hidden") {
        timer = setTimeout(() => void round(), 1_000);
        return;
      }
      setState((s) => ({ ...s, polling: true }));
      await queryClient
        .refetchQueries({ queryKey: keyRef.current, type: "active" }, { cancelRefetch: false, throwOnError: false })
        .catch(() => undefined);
      if (cancelled) return;
      setState((s) => ({ cycles: s.cycles + 1, lastAt: Date.now(), polling: false }));
      timer = setTimeout(() => void round(), intervalMs);
    };
    timer = setTimeout(() => void round(), intervalMs);
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [queryClient, intervalMs, enabled, keyString]);
  return state;
}

export interface StuckJob {
  job: JobView;
  run: RunView;
  reason: StuckReason;
  /** Another job of the run is running: this one may also be waiting for a job it needs. */
  siblingsRunning: boolean;
}

function firstError(results: readonly { error: unknown }[]): ApiError | null {
  for (const r of results) if (r.error) return toApiError(r.error);
  return null;
}

function count(results: readonly { isPending: boolean }[]): Progress {
  return { done: results.filter((r) => !r.isPending).length, total: results.length };
}

interface Result<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  dataUpdatedAt: number;
}

/** What the page needs of a list of per-repository queries; stable while none of them changes (useQueries' combine). */
export interface Combined<T> {
  data: (T | undefined)[];
  progress: Progress;
  error: ApiError | null;
  failed: number;
  /** Whether every query has an answer (data or error). */
  settled: boolean;
}

function combine<T>(results: Result<T>[]): Combined<T> {
  const progress = count(results);
  return {
    data: results.map((r) => r.data),
    progress,
    error: firstError(results),
    failed: results.filter((r) => r.error).length,
    settled: progress.done === progress.total,
  };
}
const combineActive = (results: Result<ActiveRuns>[]) => combine(results);
const combineJobs = (results: Result<JobView[]>[]) => combine(results);
const combineStrings = (results: Result<string[]>[]) => combine(results);
const combineRunners = (results: Result<RunnerView[]>[]) => combine(results);
const combineFailures = (results: Result<RunView[]>[]) => combine(results);
const combineSecretRepos = (results: Result<string[]>[]) => combine(results);
const combineRepoSecrets = (results: Result<string[]>[]) => combine(results);

export function useOrgOverview(org: string, range: FailureRange, rangeOk: boolean) {
  const queryClient = useQueryClient();
  const repos = useQuery(overviewQueries.repos(browserGitHub, org));
  const liveRepos = useMemo(() => (repos.data ?? []).filter((r) => !r.archived), [repos.data]);
  const repoByName = useMemo(() => new Map((repos.data ?? []).map((r) => [r.fullName, r])), [repos.data]);

  // Live: runners and groups first (the stuck diagnosis needs them), then queued/in-progress runs per repository.
  const runners = useQuery(overviewQueries.runners(lazyClients.live, org));
  const groups = useQuery(overviewQueries.groups(lazyClients.live, org));
  const active = useQueries({
    queries: liveRepos.map((r) => overviewQueries.active(lazyClients.live, org, r.fullName)),
    combine: combineActive,
  });

  const activeRuns = useMemo(() => {
    const queued: RunView[] = [];
    const inProgress: RunView[] = [];
    for (const d of active.data) {
      if (!d) continue;
      queued.push(...d.queued);
      inProgress.push(...d.inProgress);
    }
    return { queued, inProgress };
  }, [active]);

  const runsForJobs = useMemo(() => [...activeRuns.queued, ...activeRuns.inProgress], [activeRuns]);
  const jobs = useQueries({
    queries: runsForJobs.map((run) => overviewQueries.jobs(lazyClients.live, org, run.repo, run.id, run.runAttempt)),
    combine: combineJobs,
  });
  const selectedGroups = useMemo(() => (groups.data ?? []).filter((g) => g.visibility === "selected"), [groups.data]);
  const groupRepos = useQueries({
    queries: selectedGroups.map((g) => overviewQueries.groupRepos(lazyClients.live, org, g.id)),
    combine: combineStrings,
  });

  const queuedJobs = useMemo(() => {
    const out: { job: JobView; run: RunView; siblingsRunning: boolean }[] = [];
    runsForJobs.forEach((run, i) => {
      const list = jobs.data[i];
      if (!list) return;
      const siblingsRunning = list.some((j) => j.status === "in_progress");
      for (const job of list) if (job.status === "queued") out.push({ job, run, siblingsRunning });
    });
    return out;
  }, [runsForJobs, jobs]);

  const reposWithQueued = useMemo(() => [...new Set(queuedJobs.map((q) => q.run.repo))].sort(), [queuedJobs]);
  const repoRunners = useQueries({
    queries: reposWithQueued.map((repo) => overviewQueries.repoRunners(lazyClients.live, org, repo)),
    combine: combineRunners,
  });

  const groupInfos: GroupInfo[] | null = useMemo(() => {
    if (!groups.data) return null;
    return groups.data.map((g: GroupView) => {
      const i = selectedGroups.findIndex((s) => s.id === g.id);
      return {
        id: g.id,
        name: g.name,
        visibility: g.visibility,
        allowsPublicRepositories: g.allowsPublicRepositories,
        selectedRepos: g.visibility === "selected" ? (groupRepos.data[i] ?? null) : [],
        restrictedToWorkflows: g.restrictedToWorkflows,
        selectedWorkflows: g.selectedWorkflows,
      };
    });
  }, [groups.data, selectedGroups, groupRepos]);

  const stuck = useMemo((): StuckJob[] | null => {
    if (!runners.data || !groupInfos) return null;
    const out: StuckJob[] = [];
    for (const { job, run, siblingsRunning } of queuedJobs) {
      const repo = repoByName.get(run.repo);
      if (!repo) continue;
      const own: RunnerView[] = repoRunners.data[reposWithQueued.indexOf(run.repo)] ?? [];
      const reason = diagnoseJob(
        { id: job.id, name: job.name, labels: job.labels, workflowPath: run.path || undefined, headBranch: run.branch, headSha: run.headSha },
        { fullName: repo.fullName, visibility: repo.visibility },
        [...runners.data, ...own],
        groupInfos,
      );
      if (reason) out.push({ job, run, reason, siblingsRunning });
    }
    return out.sort((a, b) => a.job.createdAt.localeCompare(b.job.createdAt) || a.job.id - b.job.id);
  }, [runners.data, groupInfos, queuedJobs, repoByName, reposWithQueued, repoRunners]);

  // Failures in the range, per repository (background priority).
  const failures = useQueries({
    queries: liveRepos.map((r) => ({
      ...overviewQueries.failures(lazyClients.background, org, range.createdQuery, r.fullName),
      enabled: rangeOk,
    })),
    combine: combineFailures,
  });
  const failureGroups = useMemo(
    () => groupFailures(failures.data.flatMap((d) => d ?? []).map(toFailedRun), range),
    [failures, range],
  );

  // Secrets (background priority; not polled: the section has a Refresh button).
  const orgSecrets = useQuery(overviewQueries.orgSecrets(lazyClients.background, org));
  const selectedSecrets = useMemo(() => (orgSecrets.data ?? []).filter((s) => s.visibility === "selected"), [orgSecrets.data]);
  const secretRepos = useQueries({
    queries: selectedSecrets.map((s) => overviewQueries.orgSecretRepos(lazyClients.background, org, s.name)),
    combine: combineSecretRepos,
  });
  // Repository secrets need the admin role on each repository: they are asked only when the org's secrets could be
  // read (an owner with admin:org); otherwise the section says why instead of collecting one refusal per repository.
  const canReadSecrets = orgSecrets.isSuccess;
  const repoSecrets = useQueries({
    queries: liveRepos.map((r) => ({ ...overviewQueries.repoSecrets(lazyClients.background, org, r.fullName), enabled: canReadSecrets })),
    combine: combineRepoSecrets,
  });

  // Live polls start once the first load of every section is done: polling "now" while failures and secrets are
  // still loading would put 2 requests per repository per poll ahead of them in the limiter's queue (the bench
  // measured a 300-repository load 3× slower that way). After that they keep going whatever else reloads.
  const liveReady = repos.isSuccess && !runners.isPending && !groups.isPending && active.settled;
  const firstLoadDone =
    liveReady &&
    jobs.settled &&
    (!rangeOk || failures.settled) &&
    (orgSecrets.isError || (orgSecrets.isSuccess && repoSecrets.settled));
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (firstLoadDone) setLoaded(true);
  }, [firstLoadDone]);
  const liveCycle = usePollCycle(overviewKeys.live(org), LIVE_POLL_MS, loaded && liveReady);
  const failuresCycle = usePollCycle(overviewKeys.failuresAll(org), FAILURES_POLL_MS, rangeOk && repos.isSuccess && failures.settled);

  const liveProgress: Progress = {
    done: active.progress.done + (runners.isPending ? 0 : 1) + (groups.isPending ? 0 : 1),
    total: active.progress.total + 2,
  };

  return {
    repos,
    liveRepos,
    runners,
    groups,
    active: { runs: activeRuns, progress: liveProgress, error: active.error, failedRepos: active.failed, settled: active.settled },
    jobs,
    groupReposError: groupRepos.error,
    repoRunnersError: repoRunners.error && !(repoRunners.error.status === 403 || repoRunners.error.status === 404) ? repoRunners.error : null,
    stuck,
    failures: {
      groups: failureGroups,
      progress: rangeOk ? failures.progress : { done: 0, total: 0 },
      error: failures.error,
      failedRepos: failures.failed,
      settled: failures.settled,
      refresh: () => void queryClient.refetchQueries({ queryKey: overviewKeys.failuresAll(org), type: "active" }),
    },
    secrets: {
      org: orgSecrets,
      selected: selectedSecrets,
      selectedRepos: new Map(selectedSecrets.map((s, i) => [s.name, secretRepos.data[i] ?? null] as const)),
      selectedError: secretRepos.error,
      repos: repoSecrets,
      progress: canReadSecrets ? repoSecrets.progress : { done: 0, total: 0 },
      refresh: () => void queryClient.refetchQueries({ queryKey: overviewKeys.secrets(org), type: "active" }),
    },
    liveCycle,
    failuresCycle,
    repoByName: repoByName as ReadonlyMap<string, OverviewRepo>,
  };
}

export type OrgOverviewData = ReturnType<typeof useOrgOverview>;
