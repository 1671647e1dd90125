"use client";

import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { browserGitHub } from "@/lib/client/octokit";
import { describeSecretError } from "@/lib/secrets/bulk";
import { visibilityLabel } from "@/lib/secrets/access";
import { checkSecretName } from "@/lib/secrets/names";
import { checkSecretValue } from "@/lib/secrets/value";
import { SecretInputError, writeSecret, type OrgSecretAccess, type OrgVisibility, type SecretScope } from "@/lib/secrets/write";
import { secretKeys, type OrgRepo } from "@/lib/queries/secrets";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { SecretNameField, SecretValueField } from "./fields";
import { RepoPicker } from "./RepoPicker";

export interface SecretEditorProps {
  open: boolean;
  scope: SecretScope;
  /** Update an existing secret's value (the name is fixed); create otherwise. */
  existingName?: string | undefined;
  /** Names already there (create: saving one of them replaces its value, as on GitHub). */
  existingNames: ReadonlySet<string>;
  /** Org secrets: the org's repositories for the picker. */
  orgRepos?: readonly OrgRepo[] | undefined;
  orgReposLoading?: boolean;
  /** Org secret being updated: its access, kept as it is. */
  currentAccess?: OrgSecretAccess | undefined;
  onClose: () => void;
  onSaved: (message: string) => void;
}

export function SecretEditor(props: SecretEditorProps) {
  // Mounted only while open, so the typed value is gone (not just hidden) once the dialog closes.
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      title={props.existingName ? `Update ${props.scope.kind === "org" ? "organization" : "repository"} secret ${props.existingName}` : `New ${props.scope.kind === "org" ? "organization" : "repository"} secret`}
      className="max-w-2xl"
    >
      {props.open ? <EditorForm {...props} /> : null}
    </Dialog>
  );
}

function EditorForm({ scope, existingName, existingNames, orgRepos, orgReposLoading, currentAccess, onClose, onSaved }: SecretEditorProps) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(existingName ?? "");
  const [value, setValue] = useState("");
  const [visibility, setVisibility] = useState<OrgVisibility>(currentAccess?.visibility ?? "all");
  const [selected, setSelected] = useState<Set<number>>(new Set(currentAccess?.selected_repository_ids ?? []));
  const [touched, setTouched] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; unknownOutcome: boolean; input: boolean } | null>(null);

  const nameCheck = checkSecretName(name);
  const replaces = !existingName && nameCheck.ok && existingNames.has(nameCheck.name);
  const isOrg = scope.kind === "org";
  const creating = !existingName;

  const submit = async () => {
    setTouched(true);
    setError(null);
    const n = checkSecretName(name);
    const v = checkSecretValue(value);
    if (!n.ok || !v.ok) {
      setError({ message: `${!n.ok ? n.message : ""}${!n.ok && !v.ok ? " " : ""}${!v.ok ? v.message : ""}`, unknownOutcome: false, input: true });
      return;
    }
    if (isOrg && creating && visibility === "selected" && selected.size === 0) {
      // GitHub accepts it, but the secret would be usable nowhere: say so rather than guess.
      setError({ message: "Choose at least one repository, or another visibility.", unknownOutcome: false, input: true });
      return;
    }
    setPending(true);
    try {
      const access: OrgSecretAccess | undefined = isOrg
        ? creating
          ? { visibility, selected_repository_ids: [...selected] }
          : (currentAccess ?? { visibility: "all" })
        : undefined;
      const result = await writeSecret(browserGitHub, scope, n.name, value, access);
      setValue("");
      await queryClient.invalidateQueries({ queryKey: scope.kind === "org" ? secretKeys.org(scope.org) : secretKeys.repo(scope.owner, scope.repo) });
      onSaved(`${result.created ? "Created" : "Updated"} secret ${n.name}${result.resealed ? " (GitHub's key had changed: the value was sealed again with the new key)" : ""}.`);
    } catch (e) {
      const d = describeSecretError(e);
      setError({ ...d, input: e instanceof SecretInputError });
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      className="space-y-4"
      autoComplete="off"
      onSubmit={(e) => {
        e.preventDefault();
        if (!pending) void submit();
      }}
    >
      <SecretNameField
        value={name}
        onChange={(v) => {
          setName(v);
          setError(null);
        }}
        touched={touched}
        readOnly={!creating}
      />
      {replaces ? (
        <Alert tone="warning" role="status">
          A secret named {nameCheck.ok ? nameCheck.name : name} already exists: saving replaces its value.
        </Alert>
      ) : null}
      <SecretValueField
        value={value}
        onChange={(v) => {
          setValue(v);
          setError(null);
        }}
        touched={touched}
        label={creating ? "Secret" : "New value"}
      />
      {isOrg && creating ? (
        <fieldset className="space-y-1">
          <legend className="mb-1 text-sm font-medium">Repository access</legend>
          {(["all", "private", "selected"] as const).map((v) => (
            <label key={v} className="flex items-center gap-2 text-sm">
              <input type="radio" name="visibility" value={v} checked={visibility === v} onChange={() => setVisibility(v)} />
              {visibilityLabel(v)}
            </label>
          ))}
        </fieldset>
      ) : null}
      {isOrg && creating && visibility === "selected" ? (
        <RepoPicker repos={orgRepos ?? []} loading={orgReposLoading} selected={selected} onChange={setSelected} label="Selected repositories" />
      ) : null}
      {isOrg && !creating && currentAccess ? (
        <p className="text-sm text-gray-700 dark:text-gray-300">
          Access stays {visibilityLabel(currentAccess.visibility).toLowerCase()}
          {currentAccess.visibility === "selected" ? ` (${currentAccess.selected_repository_ids?.length ?? 0})` : ""}; change it with “Access”.
        </p>
      ) : null}
      {error ? (
        <Alert tone="danger" title={error.input ? "Nothing was sent" : error.unknownOutcome ? "It may or may not have been saved" : "Not saved"} level={3}>
          <p>{error.message}</p>
          {error.unknownOutcome ? <p>Reload the list to check before trying again.</p> : null}
        </Alert>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Sealing and saving…" : creating ? "Add secret" : "Update secret"}
        </Button>
      </div>
    </form>
  );
}
