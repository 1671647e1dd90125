"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { SerializedApiError } from "@/lib/client/api-error";
import { browserGitHub } from "@/lib/client/octokit";
import {
  orgDraftFromServer,
  planOrgSave,
  type OrgDraft,
  type OrgServerPolicy,
  type SelectedActionsBody,
} from "@/lib/permissions/plan";
import {
  ALLOWED_ACTIONS,
  ENABLED_REPOSITORIES,
  allowedLabel,
  countRepos,
  enabledLabel,
  isAllowedActions,
  isEnabledRepositories,
  isTightening,
  nameSome,
  orgAllowsRepo,
  reposGainingActions,
  reposLosingActions,
} from "@/lib/permissions/policy";
import { runSteps, type Step, type StepReport } from "@/lib/permissions/steps";
import { orgQueries } from "@/lib/queries/orgs";
import { permissionQueries, type RepoSummary, type SelectedActions } from "@/lib/queries/permissions";
import { Alert } from "@/components/ui/Alert";
import { Card } from "@/components/ui/Card";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { OneRepoAtATime } from "./OneRepoAtATime";
import { PolicySummary } from "./PolicySummary";
import { RepoPicker } from "./RepoPicker";
import { SelectedActionsEditor } from "./SelectedActionsEditor";
import { WriteReport } from "./WriteReport";
import { ChangeImpact, PolicyRadio, SaveButtons, SaveFeedback, UnreportedAllowedNote } from "./PolicyFormParts";
import { usePolicyEdit } from "./usePolicyEdit";

export function normalizeSelectedActions(a: SelectedActions | undefined): SelectedActionsBody | undefined {
  if (!a) return undefined;
  return {
    github_owned_allowed: a.github_owned_allowed ?? false,
    verified_allowed: a.verified_allowed ?? false,
    patterns_allowed: a.patterns_allowed ?? [],
  };
}

const ENABLED_HELP: Record<string, string> = {
  all: "Every repository of the organization may run workflows.",
  selected: "Only the repositories you pick may run workflows.",
  none: "No repository of the organization may run workflows.",
};

const ALLOWED_HELP: Record<string, string> = {
  all: "Any action or reusable workflow can be used, wherever it is defined.",
  local_only: "Only actions and reusable workflows in the organization's own repositories. Blocks actions/checkout and other GitHub-made actions.",
  selected: "The organization's own, plus the GitHub-made, verified or listed actions you choose below.",
};

export interface OrgActionsPermissionsProps {
  org: string;
  /** The server prefetch's failure to read the policy (shown instead of the form). */
  policyError?: SerializedApiError | undefined;
}

export function OrgActionsPermissions({ org, policyError }: OrgActionsPermissionsProps) {
  const qc = useQueryClient();
  const policy = useQuery({ ...orgQueries.actionsPermissions(browserGitHub, org), enabled: !policyError });
  const repos = useQuery({ ...permissionQueries.orgRepos(browserGitHub, org), enabled: !policyError });
  const enabledNow = policy.data?.enabled_repositories;
  const allowedNow = enabledNow !== "none" ? policy.data?.allowed_actions : undefined;
  const selectedRepos = useQuery({
    ...permissionQueries.orgSelectedRepos(browserGitHub, org),
    enabled: enabledNow === "selected",
  });
  const selectedActions = useQuery({
    ...permissionQueries.orgSelectedActions(browserGitHub, org),
    enabled: allowedNow === "selected",
  });
  const [saved, setSaved] = useState<{ at: number; report: StepReport; fresh: OrgServerPolicy | undefined } | null>(null);

  let server: OrgServerPolicy | undefined;
  if (
    policy.data &&
    isEnabledRepositories(policy.data.enabled_repositories) &&
    (enabledNow !== "selected" || selectedRepos.data) &&
    (allowedNow !== "selected" || selectedActions.data)
  ) {
    server = {
      enabled: policy.data.enabled_repositories,
      selectedIds: enabledNow === "selected" ? (selectedRepos.data ?? []).map((r) => r.id) : [],
      allowed: isAllowedActions(allowedNow) ? allowedNow : undefined,
      actions: allowedNow === "selected" ? normalizeSelectedActions(selectedActions.data) : undefined,
    };
  }

  /** Reads the policy back from the server (fresh, not from the cache) and returns it. */
  const reload = async (): Promise<OrgServerPolicy | undefined> => {
    const p = await qc.fetchQuery({ ...orgQueries.actionsPermissions(browserGitHub, org), staleTime: 0 });
    if (!isEnabledRepositories(p.enabled_repositories)) return undefined;
    const allowed = p.enabled_repositories !== "none" && isAllowedActions(p.allowed_actions) ? p.allowed_actions : undefined;
    const ids =
      p.enabled_repositories === "selected"
        ? (await qc.fetchQuery({ ...permissionQueries.orgSelectedRepos(browserGitHub, org), staleTime: 0 })).map((r) => r.id)
        : [];
    const actions =
      allowed === "selected"
        ? normalizeSelectedActions(
            await qc.fetchQuery({ ...permissionQueries.orgSelectedActions(browserGitHub, org), staleTime: 0 }),
          )
        : undefined;
    return { enabled: p.enabled_repositories, selectedIds: ids, allowed, actions };
  };

  const loadError = policy.error ?? selectedRepos.error ?? selectedActions.error;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Actions permissions</h1>
        <p className="mt-1 text-sm text-gray-700 dark:text-gray-300">
          Which repositories of <span className="font-medium">{org}</span> may run GitHub Actions, and which actions
          and reusable workflows their workflows may use. Repositories can be stricter than this, never looser.
        </p>
      </div>

      {policyError ? (
        <ErrorPanel error={policyError} what={`the Actions permissions of ${org}`} />
      ) : loadError ? (
        <ErrorPanel
          error={loadError}
          what={`the Actions permissions of ${org}`}
          onRetry={() => {
            void policy.refetch();
            if (enabledNow === "selected") void selectedRepos.refetch();
            if (allowedNow === "selected") void selectedActions.refetch();
          }}
        />
      ) : null}

      {saved && !saved.report.failed && saved.fresh ? (
        <Alert tone="success" title="Saved" role="status">
          <p>The policy in force, as {org} now reports it:</p>
          <PolicySummary
            owner={org}
            enabled={saved.fresh.enabled}
            selectedCount={saved.fresh.selectedIds.length}
            allowed={saved.fresh.allowed}
            actions={saved.fresh.actions}
            testId="saved-policy"
          />
        </Alert>
      ) : null}
      {saved?.report.failed ? <WriteReport report={saved.report} /> : null}

      {!policyError && !loadError ? (
        server ? (
          <>
            <Card title="Policy in force" titleId="policy-in-force">
              <PolicySummary
                owner={org}
                enabled={server.enabled}
                selectedCount={server.selectedIds.length}
                allowed={server.allowed}
                actions={server.actions}
                testId="policy-in-force"
              />
            </Card>
            <OrgPolicyForm
              org={org}
              server={server}
              repos={repos.data}
              reposError={repos.error}
              onSave={async (steps) => {
                const report = await runSteps(steps);
                let fresh: OrgServerPolicy | undefined;
                try {
                  fresh = await reload();
                } catch {
                  fresh = undefined;
                }
                setSaved({ at: Date.now(), report, fresh });
                return report;
              }}
            />
            {server.enabled === "selected" ? (
              <OneRepoAtATime
                org={org}
                repos={repos.data}
                selectedIds={server.selectedIds}
                onChanged={async () => {
                  setSaved(null);
                  await reload();
                }}
              />
            ) : null}
          </>
        ) : (
          <LoadingBlock label="Loading the Actions permissions…" />
        )
      ) : null}
    </div>
  );
}

interface Confirmation {
  losing: RepoSummary[];
  /** The repository list did not load, so the repositories losing Actions cannot be named. */
  unknown: boolean;
  tightening: boolean;
  toNone: boolean;
}

function OrgPolicyForm({
  org,
  server,
  repos,
  reposError,
  onSave,
}: {
  org: string;
  server: OrgServerPolicy;
  repos: RepoSummary[] | undefined;
  reposError: unknown;
  onSave: (steps: Step[]) => Promise<StepReport>;
}) {
  const form = usePolicyEdit<OrgServerPolicy, OrgDraft>(server, orgDraftFromServer, onSave);
  const { draft, update, attempted, pending } = form;
  const [confirm, setConfirm] = useState<Confirmation | null>(null);
  const formId = useId();
  const plan = planOrgSave(server, draft);

  const before = { enabled: server.enabled, selected: server.selectedIds };
  const after = { enabled: draft.enabled, selected: draft.selectedIds };
  const losing = repos ? reposLosingActions(repos, before, after) : [];
  const gaining = repos ? reposGainingActions(repos, before, after) : [];
  // Whether the change can take Actions away from a repository (decidable without the repository list).
  const reducesAccess =
    server.enabled !== "none" &&
    (draft.enabled === "none" ||
      (draft.enabled === "selected" &&
        (server.enabled === "all" || server.selectedIds.some((id) => !draft.selectedIds.includes(id)))));
  const tightening = draft.enabled !== "none" && draft.allowed !== undefined && isTightening(server.allowed, draft.allowed);

  const steps = (): Step[] => {
    const list: Step[] = [];
    if (plan.policy) {
      const body = plan.policy;
      list.push({
        label: `Set the policy to “${enabledLabel(body.enabled_repositories)}”${body.allowed_actions ? ` and “${allowedLabel(body.allowed_actions, org)}”` : ""}`,
        run: () => browserGitHub.request("PUT /orgs/{org}/actions/permissions", { org, ...body }),
      });
    }
    if (plan.repositoryIds) {
      const ids = plan.repositoryIds;
      list.push({
        label: `Set the selected repositories (${countRepos(ids.length)})`,
        run: () =>
          browserGitHub.request("PUT /orgs/{org}/actions/permissions/repositories", { org, selected_repository_ids: ids }),
      });
    }
    if (plan.selectedActions) {
      const body = plan.selectedActions;
      list.push({
        label: `Set the selected actions (${body.patterns_allowed.length} pattern${body.patterns_allowed.length === 1 ? "" : "s"})`,
        run: () => browserGitHub.request("PUT /orgs/{org}/actions/permissions/selected-actions", { org, ...body }),
      });
    }
    return list;
  };

  const save = () => form.save(steps(), () => setConfirm(null));

  const submit = () => {
    form.attempt();
    if (plan.problems.length || !plan.changed) return;
    const toNone = draft.enabled === "none" && server.enabled !== "none";
    const unknown = repos === undefined && reducesAccess;
    if (losing.length > 0 || unknown || tightening || toNone) {
      setConfirm({ losing, unknown, tightening, toNone });
      return;
    }
    void save();
  };

  return (
    <Card title="Change the policy" titleId="change-policy">
      <form
        id={formId}
        className="space-y-5"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        noValidate
      >
        {form.changedUnderneath ? (
          <Alert tone="warning" title="The policy changed on the server while you were editing" level={3}>
            <p>
              Saving sends your version. Discard your changes to start again from what the server reports now.
            </p>
          </Alert>
        ) : null}

        <fieldset className="space-y-2">
          <legend className="mb-1 text-sm font-semibold">Repositories that may run GitHub Actions</legend>
          {ENABLED_REPOSITORIES.map((value) => (
            <PolicyRadio
              key={value}
              name={`${formId}-enabled`}
              checked={draft.enabled === value}
              onSelect={() => update({ ...draft, enabled: value })}
              label={enabledLabel(value)}
              help={ENABLED_HELP[value]}
            />
          ))}
          {draft.enabled === "selected" ? (
            repos ? (
              <RepoPicker
                repos={repos}
                selectedIds={draft.selectedIds}
                onChange={(ids) => update({ ...draft, selectedIds: ids })}
                hasActionsNow={(id) => orgAllowsRepo(before, id)}
              />
            ) : reposError ? (
              <ErrorPanel error={reposError} what={`the repositories of ${org}`} level={3} />
            ) : (
              <LoadingBlock label="Loading repositories…" lines={3} />
            )
          ) : null}
        </fieldset>

        {draft.enabled !== "none" ? (
          <fieldset className="space-y-2">
            <legend className="mb-1 text-sm font-semibold">Allowed actions and reusable workflows</legend>
            {server.allowed === undefined && draft.allowed === undefined ? <UnreportedAllowedNote /> : null}
            {ALLOWED_ACTIONS.map((value) => (
              <PolicyRadio
                key={value}
                name={`${formId}-allowed`}
                checked={draft.allowed === value}
                onSelect={() => update({ ...draft, allowed: value })}
                label={allowedLabel(value, org)}
                help={ALLOWED_HELP[value]}
              />
            ))}
            {draft.allowed === "selected" ? (
              <SelectedActionsEditor
                owner={org}
                draft={draft.actions}
                onChange={(actions) => update({ ...draft, actions })}
                problems={plan.patternProblems}
              />
            ) : null}
          </fieldset>
        ) : null}

        {plan.changed && !plan.problems.length ? (
          <ChangeImpact tightening={tightening} steps={steps()}>
              {losing.length ? (
                <li className="text-red-800 dark:text-red-300">
                  {countRepos(losing.length)} {losing.length === 1 ? "loses" : "lose"} Actions: {nameSome(losing.map((r) => r.full_name))}.
                </li>
              ) : null}
              {gaining.length ? (
                <li>
                  {countRepos(gaining.length)} {gaining.length === 1 ? "gains" : "gain"} Actions: {nameSome(gaining.map((r) => r.full_name))}.
                </li>
              ) : null}
          </ChangeImpact>
        ) : null}

        <SaveFeedback attempted={attempted} problems={plan.problems} changed={plan.changed} />

        <SaveButtons
          pending={pending}
          canDiscard={form.edited}
          onDiscard={form.discard}
        />
      </form>

      <ConfirmDialog
        open={confirm !== null}
        title={
          confirm?.losing.length
            ? `${countRepos(confirm.losing.length)} will lose Actions`
            : confirm?.unknown || confirm?.toNone
              ? "Repositories will lose Actions"
              : "Restrict allowed actions?"
        }
        confirmLabel={confirm?.losing.length || confirm?.unknown || confirm?.toNone ? "Save and disable Actions" : "Save"}
        danger={Boolean(confirm?.losing.length || confirm?.unknown || confirm?.toNone)}
        typeToConfirm={confirm?.toNone ? org : undefined}
        pending={pending}
        onCancel={() => setConfirm(null)}
        onConfirm={() => void save()}
      >
        {confirm ? (
          <div className="space-y-2" data-testid="confirm-impact">
            {confirm.losing.length ? (
              <>
                <p>
                  <strong>{countRepos(confirm.losing.length)}</strong> of {org} will lose GitHub Actions: their workflows
                  stop running, including scheduled ones.
                </p>
                <ul className="max-h-40 list-disc overflow-y-auto pl-5 font-mono text-xs">
                  {confirm.losing.map((r) => (
                    <li key={r.id}>{r.full_name}</li>
                  ))}
                </ul>
              </>
            ) : confirm.unknown ? (
              <p>
                Some repositories of {org} will lose GitHub Actions; the repository list did not load, so they cannot be
                named or counted here.
              </p>
            ) : confirm.toNone ? (
              <p>Actions will be disabled for every repository of {org}.</p>
            ) : null}
            {confirm.tightening ? (
              <p>Workflows that use actions the new policy does not allow will fail to start.</p>
            ) : null}
          </div>
        ) : null}
      </ConfirmDialog>
    </Card>
  );
}
