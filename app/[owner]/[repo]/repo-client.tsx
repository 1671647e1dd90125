"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { SerializedApiError } from "@/lib/client/api-error";
import { browserGitHub } from "@/lib/client/octokit";
import { repoHref } from "@/lib/client/switcher";
import { formatUtc, repoRole, workflowFile } from "@/lib/client/view";
import { pollInterval } from "@/lib/queries/polling";
import { repoQueries } from "@/lib/queries/repos";
import { LATEST_RUNS, runQueries } from "@/lib/queries/runs";
import { workflowQueries } from "@/lib/queries/workflows";
import { Badge } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/Table";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { RunStatusBadge } from "@/components/shell/RunStatusBadge";

const link = "font-medium text-blue-700 hover:underline dark:text-blue-400";

export interface RepoOverviewProps {
  owner: string;
  repo: string;
  workflowsError?: SerializedApiError | undefined;
  runsError?: SerializedApiError | undefined;
}

export function RepoOverview({ owner, repo, workflowsError, runsError }: RepoOverviewProps) {
  const detail = useQuery(repoQueries.detail(browserGitHub, owner, repo));
  const workflows = useQuery({
    ...workflowQueries.list(browserGitHub, owner, repo),
    enabled: !workflowsError,
  });
  // Polls (with ETags: an unchanged list is a 304) while a run is queued or in progress.
  const runs = useQuery({
    ...runQueries.list(browserGitHub, owner, repo, { per_page: LATEST_RUNS }),
    enabled: !runsError,
  });
  const base = repoHref(`${owner}/${repo}`);
  const data = detail.data;
  const role = data ? repoRole(data.permissions) : undefined;
  const live = pollInterval(runs.data?.workflow_runs, { visible: true }) !== false;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">
          <span className="font-normal">{owner}</span> / {repo}
        </h1>
        {data ? (
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-gray-700 dark:text-gray-300">
            <Badge>{data.visibility ?? (data.private ? "private" : "public")}</Badge>
            {role ? <Badge tone={role === "admin" ? "accent" : "neutral"}>your role: {role}</Badge> : null}
            {data.archived ? <Badge tone="warning">Archived</Badge> : null}
            <span>
              Default branch <code className="font-mono">{data.default_branch}</code>
            </span>
            {data.description ? <span>· {data.description}</span> : null}
          </div>
        ) : null}
      </div>

      {detail.error ? (
        <ErrorPanel
          error={detail.error}
          what={`the repository “${owner}/${repo}”`}
          onRetry={() => void detail.refetch()}
        />
      ) : null}

      <nav aria-label="Repository Actions pages">
        <ul className="flex flex-wrap gap-x-5 gap-y-2 text-sm">
          <li>
            <Link href={`${base}/actions`} className={link}>
              All workflow runs
            </Link>
          </li>
          <li>
            <Link href={`${base}/settings/actions/runners`} className={link}>
              Runners
            </Link>
          </li>
          <li>
            <Link href={`${base}/settings/secrets/actions`} className={link}>
              Secrets
            </Link>
          </li>
          <li>
            <Link href={`${base}/settings/actions`} className={link}>
              Actions permissions
            </Link>
          </li>
        </ul>
      </nav>

      <Card
        title="Latest runs"
        titleId="latest-runs"
        bodyClassName="p-0"
        actions={
          live ? (
            <Badge tone="info">
              <span
                aria-hidden="true"
                className="inline-block h-1.5 w-1.5 animate-pulse rounded-full bg-current"
              />
              Live
            </Badge>
          ) : null
        }
      >
        {runsError ? (
          <ErrorPanel error={runsError} what="the latest runs" level={3} className="m-4" />
        ) : runs.error ? (
          <ErrorPanel
            error={runs.error}
            what="the latest runs"
            level={3}
            className="m-4"
            onRetry={() => void runs.refetch()}
          />
        ) : runs.isPending ? (
          <LoadingBlock label="Loading runs…" className="p-4" />
        ) : runs.data.workflow_runs.length === 0 ? (
          <p className="p-4 text-sm text-gray-700 dark:text-gray-300">No workflow runs yet.</p>
        ) : (
          <Table caption={`The ${LATEST_RUNS} latest workflow runs`}>
            <THead>
              <tr>
                <Th>Status</Th>
                <Th>Run</Th>
                <Th>Branch</Th>
                <Th>Event</Th>
                <Th>Actor</Th>
                <Th>Started</Th>
              </tr>
            </THead>
            <TBody>
              {runs.data.workflow_runs.map((run) => (
                <Tr key={run.id}>
                  <Td>
                    <RunStatusBadge status={run.status} conclusion={run.conclusion} />
                  </Td>
                  <Td>
                    <Link href={`${base}/actions/runs/${run.id}`} className={link}>
                      {run.display_title || run.name || `Run ${run.id}`}
                    </Link>
                    <p className="text-xs text-gray-700 dark:text-gray-300">
                      {run.name} #{run.run_number}
                      {run.run_attempt && run.run_attempt > 1 ? ` · attempt ${run.run_attempt}` : ""}
                    </p>
                  </Td>
                  <Td>
                    <code className="font-mono text-xs">{run.head_branch ?? "—"}</code>
                  </Td>
                  <Td>{run.event}</Td>
                  <Td>{run.actor?.login ?? "—"}</Td>
                  <Td className="whitespace-nowrap text-xs">
                    {formatUtc(run.run_started_at ?? run.created_at)}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>

      <Card
        title={`Workflows${workflows.data ? ` (${workflows.data.length})` : ""}`}
        titleId="workflows"
        bodyClassName="p-0"
      >
        {workflowsError ? (
          <ErrorPanel error={workflowsError} what="the workflows" level={3} className="m-4" />
        ) : workflows.error ? (
          <ErrorPanel
            error={workflows.error}
            what="the workflows"
            level={3}
            className="m-4"
            onRetry={() => void workflows.refetch()}
          />
        ) : workflows.isPending ? (
          <LoadingBlock label="Loading workflows…" className="p-4" />
        ) : workflows.data.length === 0 ? (
          <p className="p-4 text-sm text-gray-700 dark:text-gray-300">This repository has no workflows.</p>
        ) : (
          <Table caption="Workflows">
            <THead>
              <tr>
                <Th>Workflow</Th>
                <Th>File</Th>
                <Th>State</Th>
              </tr>
            </THead>
            <TBody>
              {workflows.data.map((workflow) => (
                <Tr key={workflow.id}>
                  <Td>
                    <Link
                      href={`${base}/actions/workflows/${encodeURIComponent(workflowFile(workflow.path))}`}
                      className={link}
                    >
                      {workflow.name}
                    </Link>
                  </Td>
                  <Td>
                    <code className="font-mono text-xs">{workflow.path}</code>
                  </Td>
                  <Td>
                    <Badge tone={workflow.state === "active" ? "success" : "neutral"}>
                      {workflow.state.replaceAll("_", " ")}
                    </Badge>
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </div>
  );
}
