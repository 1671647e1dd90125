"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { browserGitHub } from "@/lib/client/octokit";
import { groupKeys, groupQueries, runnerKeys, runnerQueries } from "@/lib/queries/runners";
import type { GroupFormValues } from "@/lib/runners/groups";
import { writeErrorText } from "@/lib/runners/write-error";
import { Alert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { RunnerStateBadge } from "@/components/runners/RunnerStateBadge";
import { GroupForm } from "./GroupForm";
import { groupsPath } from "./GroupsList";
import { RepoPicker, pickerRepos } from "./RepoPicker";
import { AccessReason, useWriteGate } from "@/components/runners/WriteAccess";
import { orgScope } from "@/lib/runners/scope";

const link = "font-medium text-blue-700 hover:underline dark:text-blue-400";
const field = "rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm dark:border-gray-600 dark:bg-gray-950";

type Notice = { tone: "success" | "danger"; text: string } | null;

export function GroupDetail({ org, groupId }: { org: string; groupId: number }) {
  const qc = useQueryClient();
  const gate = useWriteGate();
  const [deleted, setDeleted] = useState<string | null>(null);
  const group = useQuery({ ...groupQueries.detail(browserGitHub, org, groupId), enabled: deleted === null });
  const groups = useQuery(groupQueries.list(browserGitHub, org));
  const g = group.data;
  const selectedVis = g?.visibility === "selected";
  const repos = useQuery({ ...groupQueries.repos(browserGitHub, org, groupId), enabled: selectedVis && deleted === null });
  const orgRepos = useQuery({ ...groupQueries.orgRepos(browserGitHub, org), enabled: selectedVis });
  const members = useQuery({ ...groupQueries.runners(browserGitHub, org, groupId), enabled: deleted === null });
  const orgRunners = useQuery(runnerQueries.list(browserGitHub, orgScope(org)));
  const [staged, setStaged] = useState<number[] | null>(null);
  const [addRunner, setAddRunner] = useState("");
  const [notice, setNotice] = useState<Notice>(null);
  const [pending, setPending] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const currentRepoIds = (repos.data ?? []).map((r) => Number(r.id));
  useEffect(() => setStaged(null), [repos.data]);

  async function write(what: string, done: string, fn: () => Promise<unknown>) {
    setPending(true);
    setNotice(null);
    try {
      await fn();
      setNotice({ tone: "success", text: done });
      await Promise.all([
        qc.invalidateQueries({ queryKey: groupKeys.all(org) }),
        qc.invalidateQueries({ queryKey: runnerKeys.all(orgScope(org)) }),
      ]);
    } catch (e) {
      setNotice({ tone: "danger", text: writeErrorText(e, what) });
    } finally {
      setPending(false);
    }
  }

  if (deleted !== null) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Runner group deleted</h1>
        <Alert tone="success" role="status">
          {deleted}
        </Alert>
        <Link href={groupsPath(org)} className={link}>
          Back to the runner groups of {org}
        </Link>
      </div>
    );
  }
  if (group.error) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Runner group {groupId}</h1>
        <ErrorPanel error={group.error} what={`runner group ${groupId} of ${org}`} onRetry={() => void group.refetch()} />
      </div>
    );
  }
  if (!g) return <LoadingBlock label="Loading the runner group…" />;

  // Inherited groups belong to the enterprise; without the scope or role nothing here can be written either
  // (the gate gives its own reason, so the "inherited" notice is for inherited groups only).
  const readOnly = g.inherited || !gate.allowed;
  const req = browserGitHub.request as unknown as (r: string, p: Record<string, unknown>) => Promise<unknown>;
  const base = { org, runner_group_id: g.id };
  const memberIds = new Set((members.data ?? []).map((r) => r.id));
  const candidates = (orgRunners.data ?? []).filter((r) => !memberIds.has(r.id));

  function save(v: GroupFormValues) {
    void write("save the group", `Saved the group “${v.name.trim()}”.`, () =>
      req("PATCH /orgs/{org}/actions/runner-groups/{runner_group_id}", {
        ...base,
        name: v.name.trim(),
        ...(g?.default ? {} : { visibility: v.visibility }),
        allows_public_repositories: v.allows_public_repositories,
        ...("restricted_to_workflows" in (g ?? {}) && !g?.workflow_restrictions_read_only
          ? { restricted_to_workflows: v.restricted_to_workflows, selected_workflows: v.selected_workflows }
          : {}),
      }),
    );
  }

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href={groupsPath(org)} className={link}>
            Runner groups of {org}
          </Link>
        </p>
        <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold">
          {g.name}
          {g.default ? <Badge tone="accent">Default</Badge> : null}
          {g.inherited ? <Badge tone="warning">Inherited</Badge> : null}
        </h1>
      </div>
      {g.inherited ? (
        <Alert tone="info" title="Read-only: inherited from the enterprise" level={2}>
          This group is shared with {org} by its enterprise. Only an enterprise owner can change its name, access,
          workflows and runners, in the enterprise&apos;s settings; here it is shown for reference.
        </Alert>
      ) : null}
      {notice ? (
        <Alert tone={notice.tone} role={notice.tone === "danger" ? "alert" : "status"}>
          {notice.text}
        </Alert>
      ) : null}

      <Card title="Settings" titleId="settings">
        <GroupForm
          key={`${g.id}-${g.name}-${g.visibility}`}
          mode="edit"
          initial={g}
          otherNames={(groups.data ?? []).filter((x) => x.id !== g.id).map((x) => x.name)}
          workflowsSupported={"restricted_to_workflows" in g}
          disabled={readOnly}
          describedBy={gate.control("settings")["aria-describedby"]}
          pending={pending}
          onSubmit={save}
        />
        <AccessReason gate={gate} part="settings" className="mt-2" />
      </Card>

      <Card title="Repository access" titleId="repo-access">
        {!selectedVis ? (
          <p className="text-sm">
            {g.visibility === "all" ? "All repositories" : "All private repositories"} of {org} may use this group.
            Choose “Selected repositories” in the settings to pick them.
          </p>
        ) : repos.isPending || orgRepos.isPending ? (
          <LoadingBlock label="Loading repositories…" />
        ) : repos.error || orgRepos.error ? (
          <ErrorPanel error={repos.error ?? orgRepos.error} what="the repositories" level={3} />
        ) : (
          <div className="space-y-4">
            <div>
              <h3 className="mb-2 text-sm font-medium">Selected now ({currentRepoIds.length})</h3>
              <ul className="space-y-1" aria-label="Repositories with access">
                {(repos.data ?? []).map((r) => (
                  <li key={r.id} className="flex items-center gap-2 text-sm">
                    <span className="font-mono">{r.full_name}</span>
                    <Button
                      size="sm"
                      variant="danger"
                      disabled={pending || readOnly}
                      aria-label={`Remove access for ${r.full_name}`}
                      onClick={() =>
                        void write(`remove ${r.full_name}`, `Removed ${r.full_name} from the group.`, () =>
                          req("DELETE /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}", { ...base, repository_id: r.id }),
                        )
                      }
                    >
                      Remove
                    </Button>
                  </li>
                ))}
              </ul>
            </div>
            <RepoPicker repos={pickerRepos(orgRepos.data ?? [])} selected={staged ?? currentRepoIds} onChange={setStaged} disabled={readOnly} />
            <Button
              variant="primary"
              disabled={pending || readOnly || staged === null}
              {...gate.control("repos")}
              onClick={() => {
                const ids = staged ?? currentRepoIds;
                void write("save the repository access", `Saved repository access: ${ids.length} repositories.`, () =>
                  req("PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories", { ...base, selected_repository_ids: ids }),
                );
              }}
            >
              Save repository access
            </Button>
            <AccessReason gate={gate} part="repos" />
          </div>
        )}
      </Card>

      <Card title={`Runners${members.data ? ` (${members.data.length})` : ""}`} titleId="group-runners">
        {members.error ? (
          <ErrorPanel error={members.error} what="the group's runners" level={3} />
        ) : (
          <div className="space-y-3">
            <ul className="space-y-1" aria-label="Runners in this group">
              {(members.data ?? []).map((r) => (
                <li key={r.id} className="flex items-center gap-2 text-sm">
                  <Link href={`/organizations/${encodeURIComponent(org)}/settings/actions/runners/${r.id}`} className={`${link} font-mono`}>
                    {r.name}
                  </Link>
                  <RunnerStateBadge runner={r} />
                  <Button
                    size="sm"
                    variant="danger"
                    disabled={pending || readOnly || g.default}
                    title={g.default ? "A runner cannot leave the Default group: add it to another group instead." : undefined}
                    aria-label={`Remove ${r.name} from the group`}
                    onClick={() =>
                      void write(`remove ${r.name}`, `Removed ${r.name}: it is now in the Default group.`, () =>
                        req("DELETE /orgs/{org}/actions/runner-groups/{runner_group_id}/runners/{runner_id}", { ...base, runner_id: r.id }),
                      )
                    }
                  >
                    Remove
                  </Button>
                </li>
              ))}
            </ul>
            {g.default ? (
              <p className="text-xs text-gray-700 dark:text-gray-300">
                Runners leave the Default group by being added to another group; removing them here is not possible.
              </p>
            ) : (
              <p className="text-xs text-gray-700 dark:text-gray-300">A removed runner goes back to the Default group.</p>
            )}
            <form
              className="flex flex-wrap items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                const r = candidates.find((x) => String(x.id) === addRunner);
                if (!r) {
                  setNotice({ tone: "danger", text: "Choose a runner to add." });
                  return;
                }
                void write(`add ${r.name}`, `Added ${r.name} to the group.`, async () => {
                  await req("PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/runners/{runner_id}", { ...base, runner_id: r.id });
                  setAddRunner("");
                });
              }}
            >
              <label className="flex flex-col text-xs font-medium">
                Add a runner (moves it from its current group)
                <select value={addRunner} onChange={(e) => setAddRunner(e.target.value)} className={field} disabled={readOnly}>
                  <option value="">Choose a runner…</option>
                  {candidates.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </select>
              </label>
              <Button type="submit" disabled={pending || readOnly} {...gate.control("runners")}>
                Add runner
              </Button>
              <AccessReason gate={gate} part="runners" className="w-full" />
            </form>
          </div>
        )}
      </Card>

      <Card title="Delete group" titleId="delete-group">
        {g.default ? (
          <p className="text-sm">The Default group cannot be deleted.</p>
        ) : g.inherited ? (
          <p className="text-sm">An inherited group can only be deleted by an enterprise owner.</p>
        ) : (
          <>
            <p className="mb-3 text-sm">
              Deleting the group moves its{" "}
              {members.data ? `${members.data.length} runner${members.data.length === 1 ? "" : "s"}` : "runners"} to the
              Default group.
            </p>
            <Button variant="danger" onClick={() => setConfirmDelete(true)} disabled={pending} {...gate.control("delete")}>
              Delete group
            </Button>
            <AccessReason gate={gate} part="delete" className="mt-2" />
          </>
        )}
      </Card>

      <ConfirmDialog
        open={confirmDelete}
        title={`Delete the runner group ${g.name}?`}
        confirmLabel="Delete group"
        typeToConfirm={g.name}
        pending={pending}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => {
          setConfirmDelete(false);
          void (async () => {
            setPending(true);
            try {
              await req("DELETE /orgs/{org}/actions/runner-groups/{runner_group_id}", base);
              qc.removeQueries({ queryKey: groupKeys.detail(org, g.id) });
              await qc.invalidateQueries({ queryKey: groupKeys.list(org) });
              setDeleted(`The runner group ${g.name} was deleted; its runners are now in the Default group.`);
            } catch (e) {
              setNotice({ tone: "danger", text: writeErrorText(e, `delete the group ${g.name}`) });
            } finally {
              setPending(false);
            }
          })();
        }}
      >
        <p>
          This deletes the runner group <strong>{g.name}</strong>. Its {members.data?.length ?? 0} runner
          {members.data?.length === 1 ? "" : "s"} will move to the Default group, where every repository allowed there
          can use them.
        </p>
      </ConfirmDialog>
    </div>
  );
}
