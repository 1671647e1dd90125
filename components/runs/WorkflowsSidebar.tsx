"use client";

import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { browserGitHub } from "@/lib/client/octokit";
import { repoHref } from "@/lib/client/switcher";
import { workflowFile } from "@/lib/client/view";
import { writeFailure } from "@/lib/client/write-failure";
import { workflowKeys, workflowQueries, type Workflow } from "@/lib/queries/workflows";
import { Alert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { cn } from "@/components/ui/cn";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { ErrorPanel } from "@/components/shell/ErrorPanel";

export function workflowStateLabel(state: string): string {
  switch (state) {
    case "active":
      return "Active";
    case "disabled_manually":
      return "Disabled";
    case "disabled_inactivity":
      return "Disabled (inactivity)";
    case "disabled_fork":
      return "Disabled (fork)";
    case "deleted":
      return "Deleted";
    default:
      return state.replaceAll("_", " ");
  }
}

/** Enable or disable one workflow; shared by the sidebar and the workflow page's header. */
export function useWorkflowToggle(owner: string, repo: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ workflow, enable }: { workflow: Workflow; enable: boolean }) => {
      const params = { owner, repo, workflow_id: workflow.id };
      if (enable)
        await browserGitHub.request(
          "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/enable",
          params,
        );
      else
        await browserGitHub.request(
          "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/disable",
          params,
        );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: workflowKeys.all(owner, repo) }),
  });
}

export function WorkflowToggleButton({
  owner,
  repo,
  workflow,
  size = "sm",
}: {
  owner: string;
  repo: string;
  workflow: Workflow;
  size?: "sm" | "md";
}) {
  const toggle = useWorkflowToggle(owner, repo);
  const enable = workflow.state !== "active";
  const failure = toggle.error ? writeFailure(toggle.error, "PUT") : undefined;
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        size={size}
        variant={enable ? "secondary" : "ghost"}
        disabled={toggle.isPending}
        aria-label={`${enable ? "Enable" : "Disable"} workflow ${workflow.name}`}
        onClick={() => toggle.mutate({ workflow, enable })}
      >
        {toggle.isPending ? "Saving…" : enable ? "Enable" : "Disable"}
      </Button>
      {failure ? (
        <span role="alert" className="max-w-56 text-right text-xs text-red-700 dark:text-red-400">
          Could not {enable ? "enable" : "disable"} {workflow.name}: {failure.message}
          {failure.outcome === "unknown" ? " It may have changed anyway: reload to check." : " Nothing was changed."}
        </span>
      ) : null}
    </span>
  );
}

export interface WorkflowsSidebarProps {
  owner: string;
  repo: string;
  /** The file name of the workflow being shown, or undefined for "All workflows". */
  current?: string | undefined;
}

/** Every workflow of the repository with its state, linking to its page; enable/disable in place. */
export function WorkflowsSidebar({ owner, repo, current }: WorkflowsSidebarProps) {
  const workflows = useQuery(workflowQueries.list(browserGitHub, owner, repo));
  const [showDisabled, setShowDisabled] = useState(true);
  const base = `${repoHref(`${owner}/${repo}`)}/actions`;
  const item = (active: boolean) =>
    cn(
      "block rounded-md px-2 py-1.5 text-sm hover:bg-gray-100 dark:hover:bg-gray-800",
      active ? "bg-gray-100 font-semibold dark:bg-gray-800" : "text-gray-900 dark:text-gray-100",
    );
  const list = workflows.data ?? [];
  const disabledCount = list.filter((w) => w.state !== "active").length;
  const shown = showDisabled ? list : list.filter((w) => w.state === "active");

  return (
    <nav aria-label="Workflows" className="space-y-2">
      <h2 className="px-2 text-xs font-semibold tracking-wide text-gray-700 uppercase dark:text-gray-300">
        Workflows
      </h2>
      <ul className="space-y-0.5">
        <li>
          <Link
            href={base}
            className={item(current === undefined)}
            aria-current={current === undefined ? "page" : undefined}
          >
            All workflows
          </Link>
        </li>
        {shown.map((workflow) => {
          const file = workflowFile(workflow.path);
          const active = current === file;
          return (
            <li key={workflow.id} className="flex items-center gap-1" data-testid={`workflow-${file}`}>
              <Link
                href={`${base}/workflows/${encodeURIComponent(file)}`}
                className={cn(item(active), "min-w-0 flex-1")}
                aria-current={active ? "page" : undefined}
              >
                <span className="block truncate">{workflow.name}</span>
                <span className="flex items-center gap-1 text-xs font-normal text-gray-700 dark:text-gray-300">
                  <code className="truncate font-mono">{file}</code>
                  {workflow.state !== "active" ? <Badge>{workflowStateLabel(workflow.state)}</Badge> : null}
                </span>
              </Link>
              <WorkflowToggleButton owner={owner} repo={repo} workflow={workflow} />
            </li>
          );
        })}
      </ul>
      {workflows.isPending ? <LoadingBlock label="Loading workflows…" className="px-2" /> : null}
      {workflows.error ? (
        <ErrorPanel
          error={workflows.error}
          what="the workflows"
          level={3}
          onRetry={() => void workflows.refetch()}
        />
      ) : null}
      {workflows.data && list.length === 0 ? (
        <Alert tone="info" level={3}>
          This repository has no workflows.
        </Alert>
      ) : null}
      {disabledCount > 0 ? (
        <label className="flex items-center gap-2 px-2 text-xs text-gray-700 dark:text-gray-300">
          <input type="checkbox" checked={showDisabled} onChange={(e) => setShowDisabled(e.target.checked)} />
          Show disabled workflows ({disabledCount})
        </label>
      ) : null}
    </nav>
  );
}
