"use client";

import { useState } from "react";
import type { Runner, RunnerGroup } from "@/lib/queries/runners";
import { groupFormProblems, parseWorkflowList, VISIBILITY_TEXT, type GroupFormValues, type GroupVisibility } from "@/lib/runners/groups";
import { Button } from "@/components/ui/Button";
import { RepoPicker, type PickerRepo } from "./RepoPicker";

const field = "w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm dark:border-gray-600 dark:bg-gray-950";
const err = "mt-1 text-sm text-red-700 dark:text-red-400";

export interface GroupFormProps {
  mode: "create" | "edit";
  initial?: RunnerGroup | undefined;
  otherNames: readonly string[];
  /** Create mode: the org's repositories and runners to choose from. */
  repos?: readonly PickerRepo[] | undefined;
  runners?: readonly Runner[] | undefined;
  workflowsSupported: boolean;
  disabled?: boolean;
  /** The id of the text that says why the form is disabled. */
  describedBy?: string | undefined;
  pending: boolean;
  onSubmit: (values: GroupFormValues) => void;
}

export function GroupForm({ mode, initial, otherNames, repos, runners, workflowsSupported, disabled, describedBy, pending, onSubmit }: GroupFormProps) {
  const [name, setName] = useState(initial?.name ?? "");
  const [visibility, setVisibility] = useState<GroupVisibility>((initial?.visibility as GroupVisibility | undefined) ?? "all");
  const [allowsPublic, setAllowsPublic] = useState(initial?.allows_public_repositories ?? false);
  const [repoIds, setRepoIds] = useState<number[]>([]);
  const [runnerIds, setRunnerIds] = useState<number[]>([]);
  const [restricted, setRestricted] = useState(initial?.restricted_to_workflows ?? false);
  const [workflows, setWorkflows] = useState((initial?.selected_workflows ?? []).join("\n"));
  const [problems, setProblems] = useState<ReturnType<typeof groupFormProblems>>({});
  const isDefault = initial?.default === true;

  const values = (): GroupFormValues => ({
    name,
    visibility,
    allows_public_repositories: allowsPublic,
    selected_repository_ids: repoIds,
    runners: runnerIds,
    restricted_to_workflows: restricted,
    selected_workflows: parseWorkflowList(workflows),
  });

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const v = values();
        const p = groupFormProblems(v, otherNames);
        setProblems(p);
        if (Object.keys(p).length === 0) onSubmit(v);
      }}
    >
      <fieldset disabled={disabled} aria-describedby={describedBy} className="space-y-4">
        <div>
          <label htmlFor="group-name" className="mb-1 block text-sm font-medium">
            Group name
          </label>
          <input
            id="group-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            className={field}
            aria-invalid={problems.name ? true : undefined}
            aria-describedby={problems.name ? "group-name-error" : undefined}
          />
          {problems.name ? (
            <p id="group-name-error" className={err}>
              {problems.name}
            </p>
          ) : null}
        </div>
        <fieldset>
          <legend className="mb-1 text-sm font-medium">Repository access</legend>
          {isDefault ? (
            <p className="text-xs text-gray-700 dark:text-gray-300">The Default group is available to all repositories.</p>
          ) : null}
          <div className="flex flex-wrap gap-4">
            {(Object.keys(VISIBILITY_TEXT) as GroupVisibility[]).map((v) => (
              <label key={v} className="flex items-center gap-2 text-sm">
                <input type="radio" name="visibility" value={v} checked={visibility === v} onChange={() => setVisibility(v)} disabled={isDefault} />
                {VISIBILITY_TEXT[v]}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={allowsPublic} onChange={(e) => setAllowsPublic(e.target.checked)} />
          Allow public repositories (runners in this group may run jobs of forks&apos; pull requests)
        </label>
        {mode === "create" && visibility === "selected" && repos ? (
          <RepoPicker repos={repos} selected={repoIds} onChange={setRepoIds} />
        ) : null}
        {mode === "create" && runners ? (
          <fieldset>
            <legend className="mb-1 text-sm font-medium">Runners ({runnerIds.length} selected; they move out of their current groups)</legend>
            <ul className="max-h-48 space-y-1 overflow-auto rounded-md border border-gray-200 p-2 dark:border-gray-700">
              {runners.map((r) => (
                <li key={r.id}>
                  <label className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      checked={runnerIds.includes(r.id)}
                      onChange={() => setRunnerIds((ids) => (ids.includes(r.id) ? ids.filter((i) => i !== r.id) : [...ids, r.id]))}
                    />
                    <span className="font-mono">{r.name}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ) : null}
        {workflowsSupported ? (
          <fieldset>
            <legend className="mb-1 text-sm font-medium">Workflow access</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={restricted} onChange={(e) => setRestricted(e.target.checked)} disabled={initial?.workflow_restrictions_read_only === true} />
              Only selected workflows may use this group
            </label>
            {restricted ? (
              <div className="mt-2">
                <label htmlFor="group-workflows" className="mb-1 block text-xs font-medium">
                  Workflows, one per line (owner/repo/.github/workflows/file.yml@ref)
                </label>
                <textarea
                  id="group-workflows"
                  rows={3}
                  value={workflows}
                  onChange={(e) => setWorkflows(e.target.value)}
                  className={`${field} font-mono`}
                  aria-invalid={problems.selected_workflows ? true : undefined}
                />
                {problems.selected_workflows ? <p className={err}>{problems.selected_workflows}</p> : null}
              </div>
            ) : null}
          </fieldset>
        ) : null}
        <Button type="submit" variant="primary" disabled={pending || disabled}>
          {pending ? "Saving…" : mode === "create" ? "Create group" : "Save changes"}
        </Button>
      </fieldset>
    </form>
  );
}
