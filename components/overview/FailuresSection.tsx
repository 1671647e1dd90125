"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { repoHref } from "@/lib/client/switcher";
import { DEFAULT_RANGE, RANGE_PRESETS, parseFailureRange, type FailureRange } from "@/lib/overview/failures";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { RelativeTime } from "@/components/runs/RelativeTime";
import { Empty, RepoLink, SectionProgress, link, muted, runHref } from "./parts";
import type { OrgOverviewData } from "./use-org-overview";

function RangeForm({ range }: { range: FailureRange }) {
  const router = useRouter();
  const pathname = usePathname();
  const id = useId();
  const [mode, setMode] = useState<string>(range.preset ?? "dates");
  const [from, setFrom] = useState(range.preset ? "" : range.from.toISOString().slice(0, 10));
  const [to, setTo] = useState(range.preset || !range.to ? "" : new Date(range.to.getTime() - 86_400_000).toISOString().slice(0, 10));
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const params = mode === "dates" ? { from, to } : { range: mode };
    const parsed = parseFailureRange(params, Date.now());
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    const query = new URLSearchParams();
    if (mode === "dates") {
      query.set("from", from);
      if (to) query.set("to", to);
    } else if (mode !== DEFAULT_RANGE) query.set("range", mode);
    const qs = query.toString();
    router.push(`${pathname}${qs ? `?${qs}` : ""}#failures`, { scroll: false });
  };

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2 text-sm" aria-describedby={error ? `${id}-error` : undefined} noValidate>
      <label className="flex flex-col gap-0.5">
        <span className="text-xs font-medium">Range</span>
        <select
          value={mode}
          onChange={(e) => setMode(e.target.value)}
          className="rounded border border-gray-300 bg-white px-2 py-1 dark:border-gray-600 dark:bg-gray-900"
        >
          {Object.entries(RANGE_PRESETS).map(([key, p]) => (
            <option key={key} value={key}>
              {p.label.replace(/^the /, "").replace(/^./, (c) => c.toUpperCase())}
            </option>
          ))}
          <option value="dates">Dates…</option>
        </select>
      </label>
      {mode === "dates" ? (
        <>
          <label className="flex flex-col gap-0.5">
            <span className="text-xs font-medium">From (UTC)</span>
            <input
              type="date"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              className="rounded border border-gray-300 bg-white px-2 py-0.5 dark:border-gray-600 dark:bg-gray-900"
            />
          </label>
          <label className="flex flex-col gap-0.5">
            <span className="text-xs font-medium">To (UTC, optional)</span>
            <input
              type="date"
              value={to}
              onChange={(e) => setTo(e.target.value)}
              className="rounded border border-gray-300 bg-white px-2 py-0.5 dark:border-gray-600 dark:bg-gray-900"
            />
          </label>
        </>
      ) : null}
      <Button type="submit" size="sm">
        Show
      </Button>
      {error ? (
        <p id={`${id}-error`} role="alert" className="w-full text-sm font-medium text-red-800 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </form>
  );
}

export function FailuresSection({
  org,
  data,
  range,
  rangeError,
}: {
  org: string;
  data: OrgOverviewData;
  range: FailureRange;
  rangeError: string | null;
}) {
  const { groups, progress, error, failedRepos, settled } = data.failures;
  const total = groups.reduce((n, g) => n + g.count, 0);
  return (
    <Card
      title={
        <>
          Failures{" "}
          <span className={`font-normal ${muted}`}>
            · {rangeError ? "—" : total} in {range.label}
            {rangeError ? "" : `, ${groups.length} ${groups.length === 1 ? "repository" : "repositories"}`}
          </span>
        </>
      }
      titleId="failures"
      bodyClassName="p-0"
      actions={
        <Button size="sm" variant="secondary" onClick={data.failures.refresh} disabled={!!rangeError || !settled}>
          Refresh
        </Button>
      }
    >
      <div
        className="border-b border-gray-200 px-4 py-2 dark:border-gray-700"
        data-testid="failures-range"
        suppressHydrationWarning
        data-from={range.from.toISOString()}
        data-to={range.to?.toISOString() ?? ""}
      >
        <RangeForm key={range.key} range={range} />
      </div>
      {rangeError ? (
        <Alert tone="warning" level={3} title="This range cannot be shown" className="m-4">
          <p>{rangeError}</p>
          <p>Nothing was loaded for it. Choose another range above.</p>
        </Alert>
      ) : (
        <>
          <SectionProgress progress={progress} label="Repositories checked for failed runs" />
          {error ? (
            <ErrorPanel
              error={error}
              what={`the failed runs of ${failedRepos} ${failedRepos === 1 ? "repository" : "repositories"}`}
              level={3}
              className="m-4"
            />
          ) : null}
          {groups.length === 0 ? (
            settled ? (
              <Empty>No failed runs in {range.label}.</Empty>
            ) : (
              <LoadingBlock label="Looking for failed runs…" className="p-4" lines={2} />
            )
          ) : (
            <ul className="divide-y divide-gray-200 dark:divide-gray-700" aria-label={`Failed runs in ${range.label}, by repository`}>
              {groups.map((g) => (
                <li key={g.repo} className="px-4 py-2" data-testid="failure-repo" data-repo={g.repo} data-count={g.count}>
                  <h3 className="flex items-baseline gap-2 text-sm">
                    <RepoLink repo={g.repo} org={org} />
                    <span className={`text-xs ${muted}`}>
                      {g.count} failed {g.count === 1 ? "run" : "runs"} · latest <RelativeTime date={g.latest} />
                    </span>
                    <Link
                      href={`${repoHref(g.repo)}/actions?status=failure`}
                      className={`ml-auto text-xs ${link}`}
                      aria-label={`All failures of ${g.repo}`}
                    >
                      All failures
                    </Link>
                  </h3>
                  <div className="mt-1 space-y-1">
                    {g.workflows.map((wf) => (
                      <div key={wf.workflowId} className="grid grid-cols-[minmax(8rem,14rem)_1fr] gap-x-3 text-sm">
                        <p className="truncate text-xs font-semibold" title={wf.workflowName}>
                          {wf.workflowName} <span className={`font-normal ${muted}`}>({wf.runs.length})</span>
                        </p>
                        <ul className="space-y-0.5">
                          {wf.runs.map((run) => (
                            <li key={run.id} data-testid="failure-row" data-run-id={run.id} className="flex flex-wrap items-baseline gap-x-2 text-xs">
                              <span aria-hidden="true" className="font-bold text-red-700 dark:text-red-400">
                                ✕
                              </span>
                              <Link href={runHref(run.repo, run.id)} className={link}>
                                {run.title}
                              </Link>
                              <span className={muted}>
                                #{run.runNumber}
                                {run.runAttempt > 1 ? ` · attempt ${run.runAttempt}` : ""} ·{" "}
                                <code className="font-mono">{run.branch ?? "—"}</code> · {run.event}
                                {run.actor ? ` · ${run.actor}` : ""} · <RelativeTime date={run.createdAt} />
                              </span>
                            </li>
                          ))}
                        </ul>
                      </div>
                    ))}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Card>
  );
}
