"use client";

import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { browserGitHub } from "@/lib/client/octokit";
import { describeSecretError } from "@/lib/secrets/bulk";
import { describeAccessChange, planAccessChange, visibilityLabel } from "@/lib/secrets/access";
import { setOrgSecretAccess, type OrgVisibility } from "@/lib/secrets/write";
import { secretKeys, type OrgRepo } from "@/lib/queries/secrets";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { RepoPicker } from "./RepoPicker";

export interface AccessDialogProps {
  org: string;
  name: string;
  visibility: OrgVisibility;
  /** The secret's selected repositories now (visibility "selected"). */
  selectedIds: readonly number[];
  orgRepos: readonly OrgRepo[];
  orgReposLoading?: boolean;
  onClose: () => void;
  onSaved: (message: string) => void;
}

/** Changes which repositories can use an org secret, without its value. */
export function AccessDialog(props: AccessDialogProps) {
  const { name, onClose } = props;
  return (
    <Dialog open onClose={onClose} title={`Repository access for ${name}`} className="max-w-2xl">
      <AccessForm {...props} />
    </Dialog>
  );
}

function AccessForm({ org, name, visibility: current, selectedIds, orgRepos, orgReposLoading, onClose, onSaved }: AccessDialogProps) {
  const queryClient = useQueryClient();
  const [visibility, setVisibility] = useState<OrgVisibility>(current);
  const [selected, setSelected] = useState<Set<number>>(new Set(selectedIds));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; unknownOutcome: boolean } | null>(null);
  const change = planAccessChange({ visibility: current, ids: selectedIds }, { visibility, ids: [...selected] });
  const repoName = (id: number) => orgRepos.find((r) => Number(r.id) === id)?.full_name ?? `repository ${id}`;

  const save = async () => {
    setError(null);
    if (visibility === "selected" && selected.size === 0 && current !== "selected") {
      setError({ message: "Choose at least one repository, or another visibility.", unknownOutcome: false });
      return;
    }
    setPending(true);
    try {
      switch (change.kind) {
        case "none":
          break;
        case "visibility":
          await setOrgSecretAccess(browserGitHub, org, name, { visibility: change.visibility, selected_repository_ids: change.ids });
          break;
        case "add":
          await browserGitHub.request("PUT /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}", { org, secret_name: name, repository_id: change.id });
          break;
        case "remove":
          await browserGitHub.request("DELETE /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}", { org, secret_name: name, repository_id: change.id });
          break;
        case "set":
          await browserGitHub.request("PUT /orgs/{org}/actions/secrets/{secret_name}/repositories", { org, secret_name: name, selected_repository_ids: change.ids });
          break;
      }
      await queryClient.invalidateQueries({ queryKey: secretKeys.org(org) });
      onSaved(`${name}: ${describeAccessChange(change, repoName)} The value was not touched.`);
    } catch (e) {
      setError(describeSecretError(e));
      await queryClient.invalidateQueries({ queryKey: secretKeys.org(org) });
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!pending) void save();
      }}
    >
      <p className="text-sm text-gray-700 dark:text-gray-300">The secret&apos;s value stays as it is: you do not need to enter it again.</p>
      <fieldset className="space-y-1">
        <legend className="mb-1 text-sm font-medium">Repository access</legend>
        {(["all", "private", "selected"] as const).map((v) => (
          <label key={v} className="flex items-center gap-2 text-sm">
            <input type="radio" name="access-visibility" value={v} checked={visibility === v} onChange={() => setVisibility(v)} />
            {visibilityLabel(v)}
          </label>
        ))}
      </fieldset>
      {visibility === "selected" ? (
        <RepoPicker repos={orgRepos} loading={orgReposLoading} selected={selected} onChange={setSelected} label="Selected repositories" />
      ) : null}
      <p className="text-sm" aria-live="polite">
        {describeAccessChange(change, repoName)}
      </p>
      {error ? (
        <Alert tone="danger" title={error.unknownOutcome ? "It may or may not have been saved" : "Not saved"} level={3}>
          <p>{error.message}</p>
        </Alert>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={pending || change.kind === "none"}>
          {pending ? "Saving…" : "Save access"}
        </Button>
      </div>
    </form>
  );
}
