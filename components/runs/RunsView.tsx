"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { runBulk, type BulkResult } from "@/lib/bulk/run-bulk";
import { browserGitHub } from "@/lib/client/octokit";
import { repoHref } from "@/lib/client/switcher";
import { actionsQueries } from "@/lib/queries/actions";
import { pollInterval } from "@/lib/queries/polling";
import { runKeys, type WorkflowRun } from "@/lib/queries/runs";
import { workflowQueries } from "@/lib/queries/workflows";
import {
  RUNS_PER_PAGE,
  filtersToSearch,
  hasFilters,
  pageCount,
  resolveRunFilters,
  type RunFilterState,
} from "@/lib/runs/filters";
import { formatDuration, isActive, runDuration } from "@/lib/runs/status";
import { BulkResults } from "@/components/bulk/BulkResults";
import { Alert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/Table";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { RelativeTime } from "./RelativeTime";
import { RunFiltersForm } from "./RunFiltersForm";
import { StatusIcon } from "./StatusIcon";
import { useNow } from "./use-now";

const link = "font-medium text-blue-700 hover:underline dark:text-blue-400";

export interface RunsViewProps {
  owner: string;
  repo: string;
  /** The URL's `query` (GitHub's filter syntax) and `page`. */
  query: string;
  page: number;
  /** The page these filters belong to, e.g. `/acme/web/actions` or `/acme/web/actions/workflows/ci.yml`. */
  basePath: string;
  /** On a workflow's page: its file name. */
  workflowFileName?: string | undefined;
}

type BulkKind = "cancel" | "delete";

function runLabel(run: WorkflowRun): string {
  return `${run.name ?? "Run"} #${run.run_number}`;
}

function firstLine(text: string | null | undefined): string {
  return (text ?? "").split("\n")[0] ?? "";
}

/** A workflow run list: filters in the URL, pagination, live updates, bulk cancel/delete. */
export function RunsView({ owner, repo, query, page, basePath, workflowFileName }: RunsViewProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const now = useNow();
  const workflows = useQuery(workflowQueries.list(browserGitHub, owner, repo));
  const resolved = resolveRunFilters(query, page, workflows.data, workflowFileName);
  const valid = Object.keys(resolved.errors).length === 0 && !resolved.waitingForWorkflows;
  const runs = useQuery({
    ...actionsQueries.runsPage(browserGitHub, owner, repo, resolved.filters, RUNS_PER_PAGE),
    enabled: valid,
  });

  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [confirm, setConfirm] = useState<BulkKind | null>(null);
  const [bulk, setBulk] = useState<{ kind: BulkKind; results: BulkResult<WorkflowRun>[] } | null>(null);
  const bulkRunning = bulk !== null && bulk.results.some((r) => r.status === "pending");

  const list = runs.data?.workflow_runs ?? [];
  const total = runs.data?.total_count ?? 0;
  // On a workflow page the workflow is the page, not a filter.
  const filtered = hasFilters(
    workflowFileName !== undefined ? { ...resolved.filters, workflow: undefined } : resolved.filters,
  );
  // GitHub caps results at 1,000 only when search parameters are sent (a workflow is a path, not one).
  const pages = pageCount(total, RUNS_PER_PAGE, hasFilters({ ...resolved.filters, workflow: undefined }));
  const currentPage = resolved.filters.page ?? 1;
  const live = pollInterval(list, { visible: true }) !== false;

  const ownFilters = (filters: RunFilterState): RunFilterState =>
    workflowFileName !== undefined ? { ...filters, workflow: undefined } : filters;
  const hrefFor = (filters: RunFilterState) => `${basePath}${filtersToSearch(ownFilters(filters))}`;
  const apply = (filters: RunFilterState) => {
    setSelected(new Set());
    router.push(hrefFor({ ...filters, page: undefined }));
  };

  const selectedRuns = list.filter((r) => selected.has(Number(r.id)));
  const cancellable = selectedRuns.filter((r) => isActive(r));
  const deletable = selectedRuns.filter((r) => r.status === "completed");
  const toggle = (id: number, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const allSelected = list.length > 0 && list.every((r) => selected.has(Number(r.id)));

  const runBulkAction = async (kind: BulkKind) => {
    const items = kind === "cancel" ? cancellable : deletable;
    setConfirm(null);
    setBulk({ kind, results: items.map((item) => ({ item, status: "pending" })) });
    const results = await runBulk(
      items,
      async (run) => {
        const params = { owner, repo, run_id: Number(run.id) };
        if (kind === "cancel")
          await browserGitHub.request("POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel", params);
        else await browserGitHub.request("DELETE /repos/{owner}/{repo}/actions/runs/{run_id}", params);
      },
      { onProgress: (r) => setBulk({ kind, results: r }) },
    );
    setSelected((prev) => {
      const next = new Set(prev);
      for (const r of results) if (r.status === "done") next.delete(Number(r.item.id));
      return next;
    });
    await queryClient.invalidateQueries({ queryKey: runKeys.all(owner, repo) });
  };

  const base = repoHref(`${owner}/${repo}`);
  const topErrors = [
    ...(resolved.errors.workflow && !workflowFileName ? [resolved.errors.workflow] : []),
    ...Object.entries(resolved.errors)
      .filter(([key]) => key !== "workflow")
      .map(([, message]) => message),
  ];

  return (
    <div className="space-y-4">
      <Card>
        <RunFiltersForm
          key={query}
          initial={
            workflowFileName !== undefined ? { ...resolved.filters, workflow: undefined } : resolved.filters
          }
          urlErrors={resolved.errors}
          workflows={workflowFileName === undefined ? workflows.data : undefined}
          onApply={apply}
        />
        {resolved.unknown.length > 0 ? (
          <p className="mt-2 text-xs text-gray-700 dark:text-gray-300">
            Ignored in the link: {resolved.unknown.map((w) => `“${w}”`).join(", ")} (not a filter this page
            knows).
          </p>
        ) : null}
      </Card>

      {topErrors.length > 0 ? (
        <Alert tone="danger" title="These filters cannot be used" role="alert">
          <ul className="list-disc pl-5">
            {topErrors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
          <p>Nothing was requested. Fix the filters above, or clear them.</p>
        </Alert>
      ) : null}

      <Card
        title={
          runs.data
            ? `${total.toLocaleString("en-US")} workflow run${total === 1 ? "" : "s"}${filtered ? " (filtered)" : ""}`
            : "Workflow runs"
        }
        titleId="runs-heading"
        bodyClassName="p-0"
        actions={
          <>
            {live ? (
              <Badge tone="info">
                <span
                  aria-hidden="true"
                  className="inline-block h-1.5 w-1.5 animate-pulse rounded-full bg-current"
                />
                Live
              </Badge>
            ) : null}
            <Button
              size="sm"
              disabled={cancellable.length === 0 || bulkRunning}
              onClick={() => setConfirm("cancel")}
            >
              Cancel selected ({cancellable.length})
            </Button>
            <Button
              size="sm"
              variant="danger"
              disabled={deletable.length === 0 || bulkRunning}
              onClick={() => setConfirm("delete")}
            >
              Delete selected ({deletable.length})
            </Button>
          </>
        }
      >
        {selected.size > 0 ? (
          <p className="border-b border-gray-200 px-4 py-2 text-xs text-gray-700 dark:border-gray-700 dark:text-gray-300">
            {selected.size} selected: {cancellable.length} can be cancelled (queued or in progress),{" "}
            {deletable.length} can be deleted (completed).
          </p>
        ) : null}
        {bulk ? (
          <div className="border-b border-gray-200 p-4 dark:border-gray-700">
            <BulkResults
              title={bulk.kind === "cancel" ? "Cancelling runs" : "Deleting runs"}
              results={bulk.results}
              label={runLabel}
            />
            {!bulkRunning ? (
              <Button size="sm" className="mt-2" onClick={() => setBulk(null)}>
                Dismiss
              </Button>
            ) : null}
          </div>
        ) : null}
        {!valid ? (
          resolved.waitingForWorkflows ? (
            <LoadingBlock label="Loading workflows…" className="p-4" />
          ) : (
            <p className="p-4 text-sm text-gray-700 dark:text-gray-300">
              No runs are shown until the filters are fixed.
            </p>
          )
        ) : runs.error ? (
          <ErrorPanel
            error={runs.error}
            what="the workflow runs"
            level={3}
            className="m-4"
            onRetry={() => void runs.refetch()}
          />
        ) : runs.isPending ? (
          <LoadingBlock label="Loading runs…" className="p-4" />
        ) : list.length === 0 ? (
          <p className="p-4 text-sm text-gray-700 dark:text-gray-300">
            {filtered ? "No workflow runs match these filters." : "No workflow runs yet."}
          </p>
        ) : (
          <Table caption="Workflow runs">
            <THead>
              <tr>
                <Th className="w-8">
                  <input
                    type="checkbox"
                    aria-label="Select every run on this page"
                    checked={allSelected}
                    onChange={(e) =>
                      setSelected(e.target.checked ? new Set(list.map((r) => Number(r.id))) : new Set())
                    }
                  />
                </Th>
                <Th>Status</Th>
                <Th className="min-w-64">Run</Th>
                <Th>Event</Th>
                <Th>Branch</Th>
                <Th>Actor</Th>
                <Th>Created</Th>
                <Th>Duration</Th>
              </tr>
            </THead>
            <TBody>
              {list.map((run) => {
                const message = firstLine(run.head_commit?.message);
                const title = run.display_title || message || run.name || `Run ${Number(run.id)}`;
                return (
                  <Tr key={Number(run.id)} data-run-id={Number(run.id)}>
                    <Td>
                      <input
                        type="checkbox"
                        aria-label={`Select ${runLabel(run)}`}
                        checked={selected.has(Number(run.id))}
                        onChange={(e) => toggle(Number(run.id), e.target.checked)}
                      />
                    </Td>
                    <Td>
                      <StatusIcon status={run.status} conclusion={run.conclusion} />
                    </Td>
                    <Td className="max-w-md">
                      <Link
                        href={`${base}/actions/runs/${Number(run.id)}`}
                        className={`${link} line-clamp-2`}
                      >
                        {title}
                      </Link>
                      <p className="text-xs text-gray-700 dark:text-gray-300">
                        {run.name} #{run.run_number}
                        {run.run_attempt && run.run_attempt > 1 ? ` · attempt ${run.run_attempt}` : ""}
                        {message && message !== title ? ` · ${message}` : ""}
                      </p>
                    </Td>
                    <Td className="text-xs">{run.event}</Td>
                    <Td>
                      <code className="font-mono text-xs">{run.head_branch ?? "—"}</code>
                    </Td>
                    <Td className="text-xs">{run.actor?.login ?? "—"}</Td>
                    <Td className="text-xs whitespace-nowrap">
                      <RelativeTime date={run.created_at} />
                    </Td>
                    <Td className="text-xs whitespace-nowrap">
                      {now === null && isActive(run)
                        ? "—"
                        : formatDuration(runDuration(run, now ?? Date.now()))}
                    </Td>
                  </Tr>
                );
              })}
            </TBody>
          </Table>
        )}
        {runs.data && pages > 1 ? (
          <nav
            aria-label="Pagination"
            className="flex items-center justify-between border-t border-gray-200 px-4 py-2 text-sm dark:border-gray-700"
          >
            {currentPage > 1 ? (
              <Link
                href={hrefFor({ ...resolved.filters, page: currentPage - 1 })}
                className={link}
                rel="prev"
              >
                ← Previous
              </Link>
            ) : (
              <span />
            )}
            <span>
              Page {currentPage} of {pages.toLocaleString("en-US")}
            </span>
            {currentPage < pages ? (
              <Link
                href={hrefFor({ ...resolved.filters, page: currentPage + 1 })}
                className={link}
                rel="next"
              >
                Next →
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </Card>

      <ConfirmDialog
        open={confirm === "cancel"}
        title={`Cancel ${cancellable.length} run${cancellable.length === 1 ? "" : "s"}?`}
        confirmLabel="Cancel runs"
        onConfirm={() => void runBulkAction("cancel")}
        onCancel={() => setConfirm(null)}
      >
        <p>These runs stop; jobs in progress are cancelled:</p>
        <ul className="mt-2 max-h-40 list-disc overflow-auto pl-5">
          {cancellable.map((r) => (
            <li key={Number(r.id)}>{runLabel(r)}</li>
          ))}
        </ul>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "delete"}
        title={`Delete ${deletable.length} run${deletable.length === 1 ? "" : "s"}?`}
        confirmLabel="Delete runs"
        typeToConfirm={`delete ${deletable.length}`}
        onConfirm={() => void runBulkAction("delete")}
        onCancel={() => setConfirm(null)}
      >
        <p>These runs, their logs and their artifacts are deleted for good:</p>
        <ul className="mt-2 max-h-40 list-disc overflow-auto pl-5">
          {deletable.map((r) => (
            <li key={Number(r.id)}>{runLabel(r)}</li>
          ))}
        </ul>
      </ConfirmDialog>
    </div>
  );
}
