"use client";

import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { SerializedApiError } from "@/lib/client/api-error";
import { browserGitHub } from "@/lib/client/octokit";
import { orgHref } from "@/lib/client/switcher";
import {
  planRepoSave,
  repoDraftFromServer,
  type RepoDraft,
  type RepoServerPolicy,
} from "@/lib/permissions/plan";
import {
  ALLOWED_ACTIONS,
  allowedLabel,
  isAllowedActions,
  isEnabledRepositories,
  isTightening,
  repoConstraints,
  type AllowedActions,
  type EnabledRepositories,
  type RepoConstraints,
} from "@/lib/permissions/policy";
import { runSteps, type Step, type StepReport } from "@/lib/permissions/steps";
import { orgQueries } from "@/lib/queries/orgs";
import { permissionQueries } from "@/lib/queries/permissions";
import { repoQueries } from "@/lib/queries/repos";
import { Alert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { normalizeSelectedActions } from "./OrgActionsPermissions";
import { PolicySummary } from "./PolicySummary";
import { SelectedActionsEditor } from "./SelectedActionsEditor";
import { WriteReport } from "./WriteReport";
import { ChangeImpact, PolicyRadio, SaveButtons, SaveFeedback, UnreportedAllowedNote } from "./PolicyFormParts";
import { usePolicyEdit } from "./usePolicyEdit";

const link = "font-medium text-blue-700 underline dark:text-blue-400";

/** What the org's policy says, when it could be read. */
interface OrgPolicy {
  login: string;
  enabled: EnabledRepositories;
  allowed: AllowedActions | undefined;
  constraints: RepoConstraints;
}

export interface RepoActionsPermissionsProps {
  owner: string;
  repo: string;
  policyError?: SerializedApiError | undefined;
}

export function RepoActionsPermissions({ owner, repo, policyError }: RepoActionsPermissionsProps) {
  const qc = useQueryClient();
  const detail = useQuery(repoQueries.detail(browserGitHub, owner, repo));
  const policy = useQuery({ ...permissionQueries.repo(browserGitHub, owner, repo), enabled: !policyError });
  const isOrg = detail.data?.owner.type === "Organization";
  const orgPolicy = useQuery({ ...orgQueries.actionsPermissions(browserGitHub, owner), enabled: isOrg, retry: false });
  const orgEnabled = orgPolicy.data?.enabled_repositories;
  const orgAllowed = orgEnabled !== "none" ? orgPolicy.data?.allowed_actions : undefined;
  const orgSelectedRepos = useQuery({
    ...permissionQueries.orgSelectedRepos(browserGitHub, owner),
    enabled: isOrg && orgEnabled === "selected",
    retry: false,
  });
  const enabled = policy.data?.enabled;
  const allowed = enabled ? policy.data?.allowed_actions : undefined;
  const repoSelectedActions = useQuery({
    ...permissionQueries.repoSelectedActions(browserGitHub, owner, repo),
    enabled: allowed === "selected",
  });
  const orgSelectedActions = useQuery({
    ...permissionQueries.orgSelectedActions(browserGitHub, owner),
    enabled: isOrg && orgAllowed === "selected",
    retry: false,
  });
  const [saved, setSaved] = useState<{ report: StepReport; fresh: RepoServerPolicy | undefined } | null>(null);

  let server: RepoServerPolicy | undefined;
  if (policy.data && (allowed !== "selected" || repoSelectedActions.data)) {
    server = {
      enabled: policy.data.enabled,
      allowed: isAllowedActions(allowed) ? allowed : undefined,
      actions: allowed === "selected" ? normalizeSelectedActions(repoSelectedActions.data) : undefined,
    };
  }

  // The org's policy: undefined for a user's repository; "unreadable" when this account cannot read it
  // (it needs an owner of the org and admin:org), then GitHub's answers to a save are the judge.
  let org: OrgPolicy | "unreadable" | "loading" | undefined;
  if (!detail.data) org = "loading";
  else if (!isOrg) org = undefined;
  else if (orgPolicy.error || orgSelectedRepos.error) org = "unreadable";
  else if (!orgPolicy.data || (orgEnabled === "selected" && !orgSelectedRepos.data)) org = "loading";
  else if (!isEnabledRepositories(orgPolicy.data.enabled_repositories)) org = "unreadable";
  else {
    const access = {
      enabled: orgPolicy.data.enabled_repositories,
      selected: (orgSelectedRepos.data ?? []).map((r) => r.id),
    };
    const orgAllowedValue = isAllowedActions(orgAllowed) ? orgAllowed : undefined;
    org = {
      login: owner,
      enabled: access.enabled,
      allowed: orgAllowedValue,
      constraints: repoConstraints({ access, allowed: orgAllowedValue }, Number(detail.data.id)),
    };
  }

  const reload = async (): Promise<RepoServerPolicy | undefined> => {
    const p = await qc.fetchQuery({ ...permissionQueries.repo(browserGitHub, owner, repo), staleTime: 0 });
    const a = p.enabled && isAllowedActions(p.allowed_actions) ? p.allowed_actions : undefined;
    const actions =
      a === "selected"
        ? normalizeSelectedActions(
            await qc.fetchQuery({ ...permissionQueries.repoSelectedActions(browserGitHub, owner, repo), staleTime: 0 }),
          )
        : undefined;
    return { enabled: p.enabled, allowed: a, actions };
  };

  const loadError = policy.error ?? repoSelectedActions.error ?? detail.error;
  const fullName = `${owner}/${repo}`;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Actions permissions</h1>
        <p className="mt-1 text-sm text-gray-700 dark:text-gray-300">
          Whether <span className="font-medium">{fullName}</span> may run GitHub Actions, and which actions and
          reusable workflows its workflows may use.
        </p>
      </div>

      {policyError ? (
        <ErrorPanel error={policyError} what={`the Actions permissions of ${fullName}`} />
      ) : loadError ? (
        <ErrorPanel
          error={loadError}
          what={`the Actions permissions of ${fullName}`}
          onRetry={() => {
            void policy.refetch();
            void detail.refetch();
          }}
        />
      ) : null}

      {saved && !saved.report.failed && saved.fresh ? (
        <Alert tone="success" title="Saved" role="status">
          <p>The policy in force, as {fullName} now reports it:</p>
          <PolicySummary
            owner={owner}
            enabled={saved.fresh.enabled}
            allowed={saved.fresh.allowed}
            actions={saved.fresh.actions}
            testId="saved-policy"
          />
        </Alert>
      ) : null}
      {saved?.report.failed ? <WriteReport report={saved.report} /> : null}

      {!policyError && !loadError ? (
        server && org !== "loading" ? (
          <>
            <Card title="Policy in force" titleId="policy-in-force">
              <PolicySummary
                owner={owner}
                enabled={server.enabled}
                allowed={server.allowed}
                actions={server.actions}
                testId="policy-in-force"
              />
              {typeof org === "object" && (org.constraints.disabledByOrg || (org.allowed && org.allowed !== "all")) ? (
                <p className="mt-3 text-sm text-gray-700 dark:text-gray-300" data-testid="inherited-note">
                  <Badge tone="info">From {org.login}</Badge>{" "}
                  {org.constraints.disabledByOrg
                    ? `${org.login}'s policy decides that this repository cannot run Actions.`
                    : `${org.login}'s policy sets the loosest allowed actions for this repository: “${allowedLabel(org.allowed ?? "all", org.login)}”${org.constraints.selectedActionsFromOrg ? ", with the organization's list of selected actions" : ""}.`}{" "}
                  <OrgLink org={org.login} />
                </p>
              ) : null}
            </Card>
            <RepoPolicyForm
              owner={owner}
              repo={repo}
              fullName={fullName}
              server={server}
              org={org}
              orgActions={normalizeSelectedActions(orgSelectedActions.data)}
              onSave={async (steps) => {
                const report = await runSteps(steps);
                let fresh: RepoServerPolicy | undefined;
                try {
                  fresh = await reload();
                } catch {
                  fresh = undefined;
                }
                setSaved({ report, fresh });
                return report;
              }}
            />
          </>
        ) : (
          <LoadingBlock label="Loading the Actions permissions…" />
        )
      ) : null}
    </div>
  );
}

function OrgLink({ org }: { org: string }) {
  return (
    <Link href={`${orgHref(org)}/settings/actions`} className={link}>
      {org}&apos;s Actions permissions
    </Link>
  );
}

function RepoPolicyForm({
  owner,
  repo,
  fullName,
  server,
  org,
  orgActions,
  onSave,
}: {
  owner: string;
  repo: string;
  fullName: string;
  server: RepoServerPolicy;
  org: OrgPolicy | "unreadable" | undefined;
  orgActions: ReturnType<typeof normalizeSelectedActions>;
  onSave: (steps: Step[]) => Promise<StepReport>;
}) {
  const form = usePolicyEdit<RepoServerPolicy, RepoDraft>(server, repoDraftFromServer, onSave);
  const { draft, update, attempted, pending } = form;
  const [confirm, setConfirm] = useState<"disable" | "tighten" | null>(null);
  const formId = useId();
  const known = typeof org === "object" ? org : undefined;
  const constraints = known?.constraints ?? repoConstraints(undefined, 0);
  const plan = planRepoSave(server, draft, constraints, known?.login);
  const disabledByOrg = constraints.disabledByOrg;

  const steps = (): Step[] => {
    const list: Step[] = [];
    if (plan.policy) {
      const body = plan.policy;
      list.push({
        label: !body.enabled
          ? "Disable Actions for this repository"
          : server.enabled
            ? `Set allowed actions to “${body.allowed_actions ? allowedLabel(body.allowed_actions, owner) : ""}”`
            : `Enable Actions with “${body.allowed_actions ? allowedLabel(body.allowed_actions, owner) : "the current allowed actions"}”`,
        run: () => browserGitHub.request("PUT /repos/{owner}/{repo}/actions/permissions", { owner, repo, ...body }),
      });
    }
    if (plan.selectedActions) {
      const body = plan.selectedActions;
      list.push({
        label: `Set the selected actions (${body.patterns_allowed.length} pattern${body.patterns_allowed.length === 1 ? "" : "s"})`,
        run: () =>
          browserGitHub.request("PUT /repos/{owner}/{repo}/actions/permissions/selected-actions", {
            owner,
            repo,
            ...body,
          }),
      });
    }
    return list;
  };

  const save = () => form.save(steps(), () => setConfirm(null));

  const disabling = server.enabled && !draft.enabled;
  const tightening = draft.enabled && server.enabled && draft.allowed !== undefined && isTightening(server.allowed, draft.allowed);

  const submit = () => {
    form.attempt();
    if (plan.problems.length || !plan.changed) return;
    if (disabling) return setConfirm("disable");
    if (tightening) return setConfirm("tighten");
    void save();
  };

  return (
    <Card title="Change the policy" titleId="change-policy">
      <form
        className="space-y-5"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {org === "unreadable" ? (
          <Alert tone="info" title={`${owner}'s own policy could not be read`} level={3} role="none">
            <p>
              Reading it needs an owner of {owner} with the admin:org scope. Options that {owner}&apos;s policy does
              not allow are refused by GitHub when you save, and nothing is changed then.
            </p>
          </Alert>
        ) : null}
        {form.changedUnderneath ? (
          <Alert tone="warning" title="The policy changed on the server while you were editing" level={3}>
            <p>Saving sends your version. Discard your changes to start again from what the server reports now.</p>
          </Alert>
        ) : null}

        <fieldset className="space-y-2">
          <legend className="mb-1 text-sm font-semibold">GitHub Actions for this repository</legend>
          {disabledByOrg && known ? (
            <Alert tone="warning" title={`Disabled by the ${known.login} organization`} level={3} role="none">
              <p data-testid="inherited-enabled">
                {known.enabled === "none"
                  ? `${known.login}'s policy disables GitHub Actions for all its repositories.`
                  : `${known.login}'s policy enables GitHub Actions only for selected repositories, and ${fullName} is not one of them.`}{" "}
                This setting comes from the organization: change it in <OrgLink org={known.login} />.
              </p>
            </Alert>
          ) : null}
          <PolicyRadio
            name={`${formId}-enabled`}
            checked={draft.enabled}
            disabled={disabledByOrg && !server.enabled}
            onSelect={() => update({ ...draft, enabled: true })}
            label="Enabled"
            help={disabledByOrg && known ? `Not available: ${known.login}'s policy decides.` : "Workflows in this repository run."}
          />
          <PolicyRadio
            name={`${formId}-enabled`}
            checked={!draft.enabled}
            disabled={disabledByOrg && !server.enabled}
            onSelect={() => update({ ...draft, enabled: false })}
            label="Disabled"
            help="No workflow of this repository runs."
          />
        </fieldset>

        {draft.enabled && !disabledByOrg ? (
          <fieldset className="space-y-2">
            <legend className="mb-1 text-sm font-semibold">Allowed actions and reusable workflows</legend>
            {known && known.allowed && known.allowed !== "all" ? (
              <Alert tone="info" title={`Limited by the ${known.login} organization`} level={3} role="none">
                <p data-testid="inherited-allowed">
                  {known.login} allows: <strong>{allowedLabel(known.allowed, known.login)}</strong>. This comes from the
                  organization; the repository can keep it or be stricter, not looser. Change it in{" "}
                  <OrgLink org={known.login} />.
                </p>
              </Alert>
            ) : null}
            {server.allowed === undefined && draft.allowed === undefined ? <UnreportedAllowedNote /> : null}
            {ALLOWED_ACTIONS.map((value) => {
              const allowedHere = constraints.allowedOptions.includes(value);
              return (
                <PolicyRadio
                  key={value}
                  name={`${formId}-allowed`}
                  checked={draft.allowed === value}
                  disabled={!allowedHere}
                  muted={!allowedHere}
                  onSelect={() => update({ ...draft, allowed: value })}
                  label={allowedLabel(value, owner)}
                  aside={!allowedHere && known ? <Badge tone="warning">Not allowed by {known.login}</Badge> : null}
                />
              );
            })}
            {draft.allowed === "selected" ? (
              constraints.selectedActionsFromOrg && known ? (
                <div className="space-y-2 rounded-md border border-gray-200 p-3 dark:border-gray-700">
                  <p className="text-sm" data-testid="inherited-selected-actions">
                    <Badge tone="info">From {known.login}</Badge> {known.login} selects the actions for its
                    repositories; this list comes from the organization and is changed in <OrgLink org={known.login} />.
                  </p>
                  {(server.allowed === "selected" ? server.actions : orgActions) ? (
                    <PolicySummary
                      owner={owner}
                      enabled
                      allowed="selected"
                      actions={server.allowed === "selected" ? server.actions : orgActions}
                      testId="org-selected-actions"
                      actionsOnly
                    />
                  ) : (
                    <LoadingBlock label="Loading the organization's selected actions…" lines={2} />
                  )}
                </div>
              ) : (
                <SelectedActionsEditor
                  owner={owner}
                  draft={draft.actions}
                  onChange={(actions) => update({ ...draft, actions })}
                  problems={plan.patternProblems}
                />
              )
            ) : null}
          </fieldset>
        ) : null}

        <SaveFeedback attempted={attempted} problems={plan.problems} changed={plan.changed} />
        {plan.changed && !plan.problems.length ? (
          <ChangeImpact tightening={tightening} steps={steps()}>
            {disabling ? (
              <li className="text-red-800 dark:text-red-300">1 repository loses Actions: {fullName}.</li>
            ) : null}
          </ChangeImpact>
        ) : null}

        {disabledByOrg && !server.enabled ? null : (
          <SaveButtons
            pending={pending}
            canDiscard={form.edited}
            onDiscard={form.discard}
          />
        )}
      </form>
      <ConfirmDialog
        open={confirm !== null}
        title={confirm === "disable" ? "1 repository will lose Actions" : "Restrict allowed actions?"}
        confirmLabel={confirm === "disable" ? "Save and disable Actions" : "Save"}
        danger={confirm === "disable"}
        pending={pending}
        onCancel={() => setConfirm(null)}
        onConfirm={() => void save()}
      >
        <p data-testid="confirm-impact">
          {confirm === "disable"
            ? `${fullName} will lose GitHub Actions: its workflows stop running, including scheduled ones.`
            : "Workflows that use actions the new policy does not allow will fail to start."}
        </p>
      </ConfirmDialog>
    </Card>
  );
}
