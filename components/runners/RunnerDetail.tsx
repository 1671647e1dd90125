"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { browserGitHub } from "@/lib/client/octokit";
import { groupKeys, groupQueries, runnerKeys, runnerQueries, scopedRequest } from "@/lib/queries/runners";
import { jobLogPath, matchBusyJobs } from "@/lib/runners/busy";
import { labelProblem } from "@/lib/runners/filters";
import { runnersPath, scopeLabel, type RunnerScope } from "@/lib/runners/scope";
import { writeErrorText } from "@/lib/runners/write-error";
import { Alert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { RemoveToken } from "./RemoveToken";
import { AccessReason, useWriteGate } from "./WriteAccess";
import { RunnerStateBadge } from "./RunnerStateBadge";

const link = "font-medium text-blue-700 hover:underline dark:text-blue-400";
const field = "rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm dark:border-gray-600 dark:bg-gray-950";

type Notice = { tone: "success" | "danger"; text: string } | null;

export function RunnerDetail({ scope, runnerId }: { scope: RunnerScope; runnerId: number }) {
  const queryClient = useQueryClient();
  const gate = useWriteGate();
  const [deleted, setDeleted] = useState(false);
  const runner = useQuery({ ...runnerQueries.detail(browserGitHub, scope, runnerId), enabled: !deleted });
  const org = scope.kind === "org" ? scope.org : "";
  const groups = useQuery({ ...groupQueries.list(browserGitHub, org), enabled: scope.kind === "org" });
  const r = runner.data;
  const busyList = useMemo(() => (r?.busy ? [{ id: r.id, name: r.name }] : []), [r]);
  const busyJobs = useQuery({ ...runnerQueries.busyJobs(browserGitHub, scope, busyList), enabled: busyList.length > 0 });
  const job = r ? matchBusyJobs([r], busyJobs.data ?? []).get(r.id) : undefined;

  const [newLabel, setNewLabel] = useState("");
  const [labelError, setLabelError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [pending, setPending] = useState(false);
  const [target, setTarget] = useState("");
  const [confirmDelete, setConfirmDelete] = useState(false);

  const base = runnersPath(scope);
  const refresh = () => queryClient.invalidateQueries({ queryKey: runnerKeys.all(scope) });

  async function write(what: string, done: string, fn: () => Promise<unknown>) {
    setPending(true);
    setNotice(null);
    try {
      await fn();
      setNotice({ tone: "success", text: done });
      await refresh();
      return true;
    } catch (e) {
      setNotice({ tone: "danger", text: writeErrorText(e, what) });
      return false;
    } finally {
      setPending(false);
    }
  }

  if (deleted) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Runner deleted</h1>
        <Alert tone="success" role="status">
          {notice?.text}
        </Alert>
        <Link href={base} className={link}>
          Back to the runners of {scopeLabel(scope)}
        </Link>
      </div>
    );
  }

  if (runner.error) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Runner {runnerId}</h1>
        <ErrorPanel error={runner.error} what={`runner ${runnerId} of ${scopeLabel(scope)}`} onRetry={() => void runner.refetch()} />
      </div>
    );
  }
  if (!r) return <LoadingBlock label="Loading the runner…" />;

  const group = groups.data?.find((g) => g.id === r.runner_group_id);
  const moveTargets = (groups.data ?? []).filter((g) => g.id !== r.runner_group_id && !g.inherited);

  async function addLabel(e: React.FormEvent) {
    e.preventDefault();
    if (!r) return;
    const problem = labelProblem(newLabel, r.labels);
    setLabelError(problem ?? null);
    if (problem) return;
    const name = newLabel.trim();
    const ok = await write(`add the label “${name}”`, `Added the label “${name}”.`, () =>
      scopedRequest(browserGitHub, scope, "POST", "/actions/runners/{runner_id}/labels", { runner_id: r.id, labels: [name] }),
    );
    if (ok) setNewLabel("");
  }

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href={base} className={link}>
            Runners of {scopeLabel(scope)}
          </Link>
        </p>
        <h1 className="flex items-center gap-3 text-2xl font-semibold">
          {r.name} <RunnerStateBadge runner={r} />
        </h1>
      </div>
      {notice ? (
        <Alert tone={notice.tone} role={notice.tone === "danger" ? "alert" : "status"}>
          {notice.text}
        </Alert>
      ) : null}

      <Card title="Details" titleId="details">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="font-medium">ID</dt>
          <dd>{r.id}</dd>
          <dt className="font-medium">Status</dt>
          <dd data-testid="runner-status">{r.status}</dd>
          <dt className="font-medium">Activity</dt>
          <dd>
            {r.busy ? (
              job ? (
                <>
                  Busy running{" "}
                  <Link href={jobLogPath(job)} className={link} data-testid="busy-job">
                    {job.owner}/{job.repo} · {job.name}
                  </Link>
                </>
              ) : (
                "Busy"
              )
            ) : (
              "Idle"
            )}
          </dd>
          <dt className="font-medium">Operating system</dt>
          <dd>{r.os}</dd>
          {"version" in r && typeof r.version === "string" ? (
            <>
              <dt className="font-medium">Runner version</dt>
              <dd>{r.version}</dd>
            </>
          ) : null}
          <dt className="font-medium">Ephemeral</dt>
          <dd>{r.ephemeral ? "Yes (removed after one job)" : "No"}</dd>
          {scope.kind === "org" ? (
            <>
              <dt className="font-medium">Runner group</dt>
              <dd data-testid="runner-group">
                {group ? (
                  <Link href={`/organizations/${encodeURIComponent(scope.org)}/settings/actions/runner-groups/${group.id}`} className={link}>
                    {group.name}
                  </Link>
                ) : (
                  (r.runner_group_id ?? "—")
                )}
              </dd>
            </>
          ) : null}
        </dl>
      </Card>

      <Card title="Labels" titleId="labels">
        <ul className="space-y-2" aria-label="Runner labels">
          {r.labels.map((l) => (
            <li key={l.name} className="flex items-center gap-2 text-sm">
              <Badge tone={l.type === "custom" ? "info" : "neutral"}>{l.name}</Badge>
              {l.type === "read-only" ? (
                <span className="text-xs text-gray-700 dark:text-gray-300">read-only: set by the runner application</span>
              ) : (
                <Button
                  size="sm"
                  variant="danger"
                  disabled={pending}
                  {...gate.control("labels")}
                  aria-label={`Remove label ${l.name}`}
                  onClick={() =>
                    void write(`remove the label “${l.name}”`, `Removed the label “${l.name}”.`, () =>
                      scopedRequest(browserGitHub, scope, "DELETE", "/actions/runners/{runner_id}/labels/{name}", {
                        runner_id: r.id,
                        name: l.name,
                      }),
                    )
                  }
                >
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
        <form onSubmit={(e) => void addLabel(e)} className="mt-4 flex flex-wrap items-end gap-2" noValidate>
          <label className="flex flex-col text-xs font-medium">
            New custom label
            <input
              value={newLabel}
              onChange={(e) => setNewLabel(e.target.value)}
              className={field}
              aria-invalid={labelError ? true : undefined}
              aria-describedby={labelError ? "label-error" : undefined}
              disabled={!gate.allowed}
            />
          </label>
          <Button type="submit" disabled={pending} {...gate.control("labels")}>
            Add label
          </Button>
          <AccessReason gate={gate} part="labels" className="w-full" />
          {labelError ? (
            <p id="label-error" className="w-full text-sm text-red-700 dark:text-red-400">
              {labelError}
            </p>
          ) : null}
        </form>
      </Card>

      {scope.kind === "org" ? (
        <Card title="Runner group" titleId="move-group">
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              const g = moveTargets.find((x) => String(x.id) === target);
              if (!g) {
                setNotice({ tone: "danger", text: "Choose a group to move the runner to." });
                return;
              }
              void write(`move the runner to “${g.name}”`, `Moved ${r.name} to the group “${g.name}”.`, async () => {
                await browserGitHub.request("PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/runners/{runner_id}", {
                  org: scope.org,
                  runner_group_id: g.id,
                  runner_id: r.id,
                });
                await queryClient.invalidateQueries({ queryKey: groupKeys.all(scope.org) });
              });
            }}
          >
            <label className="flex flex-col text-xs font-medium">
              Move to group
              <select value={target} onChange={(e) => setTarget(e.target.value)} className={field} {...gate.control("group")}>
                <option value="">Choose a group…</option>
                {moveTargets.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            </label>
            <Button type="submit" disabled={pending} {...gate.control("group")}>
              Move
            </Button>
            <AccessReason gate={gate} part="group" className="w-full" />
            <p className="w-full text-xs text-gray-700 dark:text-gray-300">
              A runner belongs to exactly one group. Groups inherited from the enterprise are not listed: they can only
              be changed by an enterprise owner.
            </p>
          </form>
        </Card>
      ) : null}

      <Card title="Remove from its machine" titleId="remove-token">
        <RemoveToken scope={scope} os={r.os} />
      </Card>

      <Card title="Delete runner" titleId="delete-runner">
        <p className="mb-3 text-sm">
          Deleting forcibly removes the runner from {scopeLabel(scope)}; the machine keeps its files. A busy runner
          cannot be deleted until its job finishes.
        </p>
        <Button variant="danger" onClick={() => setConfirmDelete(true)} disabled={pending} {...gate.control("delete")}>
          Delete runner
        </Button>
        <AccessReason gate={gate} part="delete" className="mt-2" />
      </Card>

      <ConfirmDialog
        open={confirmDelete}
        title={`Delete the runner ${r.name}?`}
        confirmLabel="Delete runner"
        typeToConfirm={r.name}
        pending={pending}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => {
          setConfirmDelete(false);
          void (async () => {
            setPending(true);
            try {
              await scopedRequest(browserGitHub, scope, "DELETE", "/actions/runners/{runner_id}", { runner_id: r.id });
              setNotice({ tone: "success", text: `The runner ${r.name} was deleted from ${scopeLabel(scope)}.` });
              setDeleted(true);
              queryClient.removeQueries({ queryKey: runnerKeys.detail(scope, r.id) });
              await queryClient.invalidateQueries({ queryKey: runnerKeys.list(scope) });
            } catch (e) {
              setNotice({ tone: "danger", text: writeErrorText(e, `delete the runner ${r.name}`) });
            } finally {
              setPending(false);
            }
          })();
        }}
      >
        <p>
          This deletes the runner <strong>{r.name}</strong> from {scopeLabel(scope)}. Jobs that need its labels will wait
          for another runner.
        </p>
      </ConfirmDialog>
    </div>
  );
}
