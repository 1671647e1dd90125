"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { useQueries, useQuery, useQueryClient, type Query, type QueryKey } from "@tanstack/react-query";
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
import { activityOf, failuresOf } from "@/lib/overview/runs-page";
import { busyNames, planLivePoll, shouldSweep, unexplainedNewlyBusy, type PollPlan } from "@/lib/overview/schedule";
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

type QueryPredicate = (query: Query) => boolean;

/**
 * Refetches every active query under `queryKey` `intervalMs` after the previous round finished (never two rounds
 * at once; a round that finds a query still loading joins it rather than cancelling it), while the tab is visible.
 * `planRef`, when set, is asked at the start of each round which of those queries to refetch.
 */
export function usePollCycle(
  queryKey: QueryKey,
  intervalMs: number,
  enabled: boolean,
  planRef?: { readonly current: (() => QueryPredicate) | null },
): CycleState {
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
      const predicate = planRef?.current?.();
      await queryClient
        .refetchQueries(
          { queryKey: keyRef.current, type: "active", ...(predicate ? { predicate } : {}) },
          { cancelRefetch: false, throwOnError: false },
        )
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
  }, [queryClient, intervalMs, enabled, keyString, planRef]);
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
  /** Per query: still waiting for its first answer. */
  pending: boolean[];
  /** Per query: when its data was last answered (0: never). */
  updatedAt: number[];
}

function combine<T>(results: Result<T>[]): Combined<T> {
  const progress = count(results);
  return {
    data: results.map((r) => r.data),
    progress,
    error: firstError(results),
    failed: results.filter((r) => r.error).length,
    settled: progress.done === progress.total,
    pending: results.map((r) => r.isPending),
    updatedAt: results.map((r) => r.dataUpdatedAt),
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

  // Failures in the range, per repository: read from the repository's runs page when that page is its whole history
  // (lib/overview/runs-page), otherwise asked (background priority) once the page says it is needed.
  const failureQueries = useQueries({
    queries: liveRepos.map((r, i) => ({
      ...overviewQueries.failures(lazyClients.background, org, range.createdQuery, r.fullName),
      enabled: rangeOk && !active.pending[i] && !active.data[i]?.complete,
    })),
    combine: combineFailures,
  });
  const failures = useMemo(() => {
    const data: (RunView[] | undefined)[] = [];
    let done = 0;
    liveRepos.forEach((_, i) => {
      const derived = failuresOf(active.data[i]);
      if (derived) {
        data.push(derived);
        done++;
      } else {
        data.push(failureQueries.data[i]);
        if (!active.pending[i] && !failureQueries.pending[i]) done++;
      }
    });
    const progress = { done, total: liveRepos.length };
    return { data, progress, error: failureQueries.error, failed: failureQueries.failed, settled: done === liveRepos.length };
  }, [liveRepos, active, failureQueries]);
  const [failureRefreshes, setFailureRefreshes] = useState(0);
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
  // Which repositories each live poll asks (lib/overview/schedule): hot ones every poll, quiet ones in rotation,
  // all of them when an org runner turned busy with a job the page does not know of.
  const scheduler = useRef<{ previousBusy: Set<string> | null; wake: boolean; lastSweepAt: number | null; lastPlanAt: number | null }>({
    previousBusy: null,
    wake: false,
    lastSweepAt: null,
    lastPlanAt: null,
  });
  const [plan, setPlan] = useState<(Omit<PollPlan, "repos"> & { asked: number; at: number }) | null>(null);
  const planRef = useRef<(() => QueryPredicate) | null>(null);
  useEffect(() => {
    planRef.current = () => {
      const now = Date.now();
      const s = scheduler.current;
      if (runners.data) {
        const knownRunners = new Set<string>();
        for (const list of jobs.data) for (const j of list ?? []) if (j.status === "in_progress" && j.runnerName) knownRunners.add(j.runnerName);
        if (unexplainedNewlyBusy(s.previousBusy, runners.data, knownRunners)) s.wake = true;
        s.previousBusy = busyNames(runners.data);
      }
      const sweep = shouldSweep(s.wake, s.lastSweepAt, now);
      if (sweep) {
        s.wake = false;
        s.lastSweepAt = now;
      }
      const states = liveRepos.map((r, i) => {
        const snapshot = active.data[i];
        return { repo: r.fullName, checkedAt: active.updatedAt[i] || null, activity: snapshot ? activityOf(snapshot) : null };
      });
      const next = planLivePoll(states, now, sweep, { pollMs: s.lastPlanAt === null ? LIVE_POLL_MS : Math.max(LIVE_POLL_MS, now - s.lastPlanAt) });
      s.lastPlanAt = now;
      setPlan({ hot: next.hot, quiet: next.quiet, sweep: next.sweep, oldestQuietCheck: next.oldestQuietCheck, asked: next.repos.size, at: now });
      const runsKey = overviewKeys.active(org, "").slice(0, -1);
      return (query: Query) => {
        const key = query.queryKey;
        const isRuns = key.length === runsKey.length + 1 && runsKey.every((part, i) => key[i] === part);
        return !isRuns || next.repos.has(String(key[runsKey.length]));
      };
    };
  });
  const liveCycle = usePollCycle(overviewKeys.live(org), LIVE_POLL_MS, loaded && liveReady, planRef);
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
      // Asks again what failures are read from: the failed-runs lists and every repository's runs page.
      refresh: () =>
        void Promise.all([
          queryClient.refetchQueries({ queryKey: overviewKeys.failuresAll(org), type: "active" }, { throwOnError: false }),
          queryClient.refetchQueries(
            { queryKey: [...overviewKeys.live(org), "runs"], type: "active" },
            { cancelRefetch: false, throwOnError: false },
          ),
        ]).finally(() => setFailureRefreshes((n) => n + 1)),
      refreshes: failureRefreshes,
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
    livePlan: plan,
    failuresCycle,
    repoByName: repoByName as ReadonlyMap<string, OverviewRepo>,
  };
}

export type OrgOverviewData = ReturnType<typeof useOrgOverview>;
