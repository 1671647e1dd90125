"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { browserGitHub } from "@/lib/client/octokit";
import { repoHref } from "@/lib/client/switcher";
import { actionsQueries } from "@/lib/queries/actions";
import { formatDuration } from "@/lib/runs/status";
import { RunsView } from "@/components/runs/RunsView";
import {
  WorkflowToggleButton,
  WorkflowsSidebar,
  workflowStateLabel,
} from "@/components/runs/WorkflowsSidebar";
import { DurationChart } from "@/components/workflows/DurationChart";
import { RunWorkflow } from "@/components/workflows/RunWorkflow";
import { Alert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { ErrorPanel } from "@/components/shell/ErrorPanel";

const link = "font-medium text-blue-700 hover:underline dark:text-blue-400";
const CHART_RUNS = 50;

export interface WorkflowPageClientProps {
  owner: string;
  repo: string;
  file: string;
  query: string;
  page: number;
}

export function WorkflowPageClient({ owner, repo, file, query, page }: WorkflowPageClientProps) {
  const base = repoHref(`${owner}/${repo}`);
  const workflow = useQuery(actionsQueries.workflow(browserGitHub, owner, repo, file));
  const recent = useQuery(
    actionsQueries.runsPage(browserGitHub, owner, repo, { workflow: file }, CHART_RUNS),
  );
  const timing = useQuery(actionsQueries.timing(browserGitHub, owner, repo, file));
  const runHref = (id: number) => `${base}/actions/runs/${id}`;
  const wf = workflow.data;

  return (
    <div className="grid gap-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
      <aside className="space-y-4">
        <WorkflowsSidebar owner={owner} repo={repo} current={file} />
        <p className="px-2 text-sm">
          <Link href={`${base}/actions/artifacts`} className={link}>
            Artifacts and storage
          </Link>
        </p>
      </aside>
      <div className="min-w-0 space-y-4">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <p className="text-sm text-gray-700 dark:text-gray-300">
              <Link href={base} className={link}>
                {owner}/{repo}
              </Link>{" "}
              ·{" "}
              <Link href={`${base}/actions`} className={link}>
                All workflows
              </Link>
            </p>
            <h1 className="text-2xl font-semibold">{wf?.name ?? file}</h1>
            {wf ? (
              <p className="mt-1 flex items-center gap-2 text-sm text-gray-700 dark:text-gray-300">
                <code className="font-mono">{wf.path}</code>
                <Badge tone={wf.state === "active" ? "success" : "neutral"}>
                  {workflowStateLabel(wf.state)}
                </Badge>
              </p>
            ) : null}
          </div>
          {wf ? <WorkflowToggleButton owner={owner} repo={repo} workflow={wf} size="md" /> : null}
        </div>

        {workflow.error ? (
          <ErrorPanel
            error={workflow.error}
            what={`the workflow “${file}”`}
            onRetry={() => void workflow.refetch()}
          />
        ) : workflow.isPending ? (
          <LoadingBlock label="Loading the workflow…" />
        ) : (
          <>
            <RunWorkflow owner={owner} repo={repo} workflow={workflow.data} file={file} runHref={runHref} />

            <div className="grid gap-4 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
              <Card title="Run durations" titleId="durations">
                {recent.error ? (
                  <ErrorPanel
                    error={recent.error}
                    what="the recent runs"
                    level={3}
                    onRetry={() => void recent.refetch()}
                  />
                ) : recent.isPending ? (
                  <LoadingBlock label="Loading recent runs…" />
                ) : (
                  <DurationChart runs={recent.data.workflow_runs} runHref={runHref} />
                )}
              </Card>
              <Card title="Usage this month" titleId="timing">
                {timing.error ? (
                  <ErrorPanel
                    error={timing.error}
                    what="the workflow's timing"
                    level={3}
                    onRetry={() => void timing.refetch()}
                  />
                ) : timing.isPending ? (
                  <LoadingBlock label="Loading timing…" />
                ) : timing.data === null ? (
                  <p className="text-sm text-gray-700 dark:text-gray-300" data-testid="timing-unavailable">
                    This server does not report workflow timing (GitHub Enterprise Server has no billable
                    minutes).
                  </p>
                ) : (
                  <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm" data-testid="timing">
                    {Object.entries(timing.data.billable).map(([os, usage]) => (
                      <div key={os} className="contents">
                        <dt className="text-gray-700 dark:text-gray-300">
                          {os.charAt(0) + os.slice(1).toLowerCase()}
                        </dt>
                        <dd className="font-mono">{formatDuration(usage?.total_ms ?? 0)}</dd>
                      </div>
                    ))}
                  </dl>
                )}
              </Card>
            </div>
          </>
        )}

        {workflow.error ? null : (
          <RunsView
            owner={owner}
            repo={repo}
            query={query}
            page={page}
            basePath={`${base}/actions/workflows/${encodeURIComponent(file)}`}
            workflowFileName={file}
          />
        )}
        {wf && wf.state !== "active" ? (
          <Alert tone="info" level={3} role="none">
            Disabled workflows keep their runs; they do not start new ones until enabled.
          </Alert>
        ) : null}
      </div>
    </div>
  );
}
