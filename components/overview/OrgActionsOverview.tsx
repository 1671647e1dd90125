"use client";

import { useEffect, useMemo, useState } from "react";
import { countRunners, formatUtilisation } from "@/lib/overview/fleet";
import { parseFailureRange } from "@/lib/overview/failures";
import { OVERVIEW_CONCURRENCY } from "@/lib/overview/client";
import { QUIET_INTERVAL_MS } from "@/lib/overview/schedule";
import { Badge } from "@/components/ui/Badge";
import { ProgressBar } from "@/components/ui/ProgressBar";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { FailuresSection } from "./FailuresSection";
import { FleetSection } from "./FleetSection";
import { NowSection, StuckSection } from "./LiveSections";
import { SecretsSection } from "./SecretsSection";
import { muted } from "./parts";
import { LIVE_POLL_MS, useOrgOverview, type OrgOverviewData, type Progress } from "./use-org-overview";

export interface OrgActionsOverviewProps {
  org: string;
  /** The failures range as in the URL (`range`, or `from`/`to`). */
  rangeParams: { range?: string | undefined; from?: string | undefined; to?: string | undefined };
}

function Stat({
  href,
  label,
  value,
  detail,
  tone,
  testid,
}: {
  href: string;
  label: string;
  value: string | number | null;
  detail?: string | undefined;
  tone?: "danger" | "warning" | undefined;
  testid: string;
}) {
  const flagged = typeof value === "number" ? value > 0 : typeof value === "string" && value !== "—";
  const color =
    tone === "danger" && flagged
      ? "text-red-700 dark:text-red-400"
      : tone === "warning" && flagged
        ? "text-amber-800 dark:text-amber-300"
        : "text-gray-900 dark:text-gray-100";
  return (
    <a
      href={href}
      className="block rounded-md border border-gray-200 bg-white px-3 py-2 hover:border-blue-400 hover:bg-blue-50/40 dark:border-gray-700 dark:bg-gray-900 dark:hover:bg-gray-800"
      data-testid={testid}
    >
      <span className={`block text-[11px] font-semibold tracking-wide uppercase ${muted}`}>{label}</span>
      <span className={`block text-2xl leading-tight font-semibold tabular-nums ${color}`} data-testid={`${testid}-value`} aria-busy={value === null}>
        {value ?? "…"}
      </span>
      {detail ? <span className={`block truncate text-xs ${muted}`}>{detail}</span> : null}
    </a>
  );
}

function sum(...parts: Progress[]): Progress {
  return parts.reduce((a, b) => ({ done: a.done + b.done, total: a.total + b.total }), { done: 0, total: 0 });
}

function utcTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`;
}

/** A clock for "N s ago" texts, ticking every second. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function LivePlanText({ plan }: { plan: NonNullable<OrgOverviewData["livePlan"]> }) {
  const now = useNow();
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const ago = plan.oldestQuietCheck === null ? null : Math.max(0, Math.round((now - plan.oldestQuietCheck) / 1000));
  return (
    <>
      : {plural(plan.hot, "active repository", "active repositories")} every {LIVE_POLL_MS / 1000} s
      {plan.quiet > 0 ? (
        <>
          , {plural(plan.quiet, "quiet one", "quiet ones")} {plan.sweep ? "all at once (a runner turned busy)" : "in rotation"}, each at least
          every {QUIET_INTERVAL_MS / 1000} s{ago !== null ? `; least recently checked ${ago} s ago` : ""}
        </>
      ) : null}
    </>
  );
}

export function OrgActionsOverview({ org, rangeParams }: OrgActionsOverviewProps) {
  // The range is computed when the URL changes and re-based after each failures poll: its `created` filter moves
  // only on the hour, so polls in between send the same URLs and get 304s.
  const paramsKey = `${rangeParams.range ?? ""}|${rangeParams.from ?? ""}|${rangeParams.to ?? ""}`;
  const [rangeState, setRangeState] = useState(() => ({ key: paramsKey, params: rangeParams, at: Date.now() }));
  if (rangeState.key !== paramsKey) setRangeState({ key: paramsKey, params: rangeParams, at: Date.now() });
  const parsed = useMemo(() => parseFailureRange(rangeState.params, rangeState.at), [rangeState]);
  const range = parsed.range;
  const rangeError = parsed.ok ? null : parsed.error;
  const data = useOrgOverview(org, range, parsed.ok);
  const failureCycles = data.failuresCycle.cycles;
  useEffect(() => {
    if (failureCycles > 0) setRangeState((s) => ({ ...s, at: Date.now() }));
  }, [failureCycles]);

  const { active, stuck, failures, runners, secrets, repos, liveRepos } = data;
  const fleet = runners.data ? countRunners(runners.data) : null;
  const failureCount = failures.groups.reduce((n, g) => n + g.count, 0);
  const overall = sum(active.progress, data.jobs.progress, failures.progress, secrets.progress);
  const complete =
    repos.isSuccess &&
    active.settled &&
    data.jobs.settled &&
    (failures.settled || !parsed.ok) &&
    (secrets.org.isError || (secrets.org.isSuccess && secrets.repos.settled)) &&
    (stuck !== null || runners.isError || data.groups.isError);
  const firstResults = active.progress.done > 0;

  // Timing marks for bench/overview.bench.ts: the first per-repository answer, and everything loaded.
  useEffect(() => {
    if (firstResults && performance.getEntriesByName("overview:first-results").length === 0) performance.mark("overview:first-results");
  }, [firstResults]);
  useEffect(() => {
    if (complete && performance.getEntriesByName("overview:complete").length === 0) performance.mark("overview:complete");
  }, [complete]);

  const archived = (repos.data?.length ?? 0) - liveRepos.length;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">
            <span className="font-normal">{org}</span> · Actions overview
          </h1>
          <p className={`text-sm ${muted}`}>
            {repos.data ? (
              <>
                {liveRepos.length} {liveRepos.length === 1 ? "repository" : "repositories"}
                {archived > 0 ? ` (${archived} archived, not shown)` : ""} · at most {OVERVIEW_CONCURRENCY} requests at a time
              </>
            ) : (
              "Loading repositories…"
            )}
          </p>
        </div>
        <p
          className={`flex items-center gap-2 text-xs ${muted}`}
          data-testid="live-status"
          data-cycles={data.liveCycle.cycles}
          data-failure-cycles={data.failuresCycle.cycles}
          data-failure-refreshes={data.failures.refreshes}
          data-asked={data.livePlan?.asked}
          data-complete={complete ? "true" : "false"}
        >
          {data.liveCycle.lastAt ? (
            <span suppressHydrationWarning data-testid="live-schedule">
              Now and stuck jobs checked at {utcTime(data.liveCycle.lastAt)}
              {data.livePlan ? <LivePlanText plan={data.livePlan} /> : null} (while this tab is visible).
            </span>
          ) : (
            <span>
              Now and stuck jobs refresh every {LIVE_POLL_MS / 1000} s for active repositories, at least every {QUIET_INTERVAL_MS / 1000} s for
              quiet ones, while this tab is visible.
            </span>
          )}
          {complete ? <Badge tone="success">Up to date</Badge> : <Badge tone="info">Loading</Badge>}
        </p>
      </div>

      {repos.error ? (
        <ErrorPanel error={repos.error} what={`the repositories of “${org}”`} onRetry={() => void repos.refetch()} />
      ) : null}

      <div
        className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6"
        role="group"
        aria-label="Counts"
        data-testid="overview-summary"
      >
        <Stat
          href="#now"
          testid="stat-in-progress"
          label="In progress"
          value={active.progress.done > 0 ? active.runs.inProgress.length : null}
          detail={active.settled ? "runs" : `${active.progress.done} of ${active.progress.total} checked`}
        />
        <Stat
          href="#now"
          testid="stat-queued"
          label="Queued"
          value={active.progress.done > 0 ? active.runs.queued.length : null}
          detail="runs"
        />
        <Stat
          href="#stuck"
          testid="stat-stuck"
          label="Stuck jobs"
          value={stuck !== null ? stuck.length : runners.isError || data.groups.isError ? "—" : null}
          tone="danger"
          detail="no runner can take them"
        />
        <Stat
          href="#failures"
          testid="stat-failures"
          label="Failures"
          value={rangeError ? "—" : failures.progress.done > 0 ? failureCount : null}
          tone="danger"
          detail={range.label}
        />
        <Stat
          href="#fleet"
          testid="stat-runners"
          label="Runners online"
          value={fleet ? `${fleet.online}/${fleet.total}` : runners.error ? "—" : null}
          tone={fleet && fleet.offline > 0 ? "warning" : undefined}
          detail={fleet ? `${fleet.busy} busy · ${fleet.offline} offline · ${formatUtilisation(fleet.utilisation)} used` : undefined}
        />
        <Stat
          href="#secrets"
          testid="stat-secrets"
          label="Org secrets"
          value={secrets.org.data ? secrets.org.data.length : secrets.org.error ? "—" : null}
          detail={secrets.org.error ? "needs admin:org" : "see the inventory"}
        />
      </div>

      {!complete && overall.total > 0 ? (
        <div data-testid="overview-progress" data-done={overall.done} data-total={overall.total}>
          <ProgressBar value={overall.done} max={overall.total} label="Lists read across the organization" />
        </div>
      ) : null}

      <StuckSection org={org} data={data} />
      <NowSection org={org} data={data} />
      <FailuresSection org={org} data={data} range={range} rangeError={rangeError} />
      <FleetSection org={org} data={data} />
      <SecretsSection org={org} data={data} />
    </div>
  );
}
