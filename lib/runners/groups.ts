/** Runner group form rules and helpers (pure). */

export type GroupVisibility = "all" | "selected" | "private";

export const VISIBILITY_TEXT: Record<GroupVisibility, string> = {
  all: "All repositories",
  selected: "Selected repositories",
  private: "Private repositories",
};

export interface GroupFormValues {
  name: string;
  visibility: GroupVisibility;
  allows_public_repositories: boolean;
  selected_repository_ids: number[];
  runners: number[];
  restricted_to_workflows: boolean;
  selected_workflows: string[];
}

const WORKFLOW_REF = /^[^/\s]+\/[^/\s]+\/\.github\/workflows\/[^@\s]+\.ya?ml@\S+$/;

/** Splits a textarea of workflow references (one per line or comma-separated). */
export function parseWorkflowList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Every problem with the form, by field; empty when it can be sent. */
export function groupFormProblems(
  v: GroupFormValues,
  otherNames: readonly string[],
): Partial<Record<"name" | "selected_repository_ids" | "selected_workflows", string>> {
  const out: Partial<Record<"name" | "selected_repository_ids" | "selected_workflows", string>> = {};
  const name = v.name.trim();
  if (name === "") out.name = "Enter a name for the group.";
  else if (name.length > 64) out.name = "A group name can have at most 64 characters.";
  else if (otherNames.some((n) => n.toLowerCase() === name.toLowerCase())) out.name = `A runner group named “${name}” already exists.`;
  if (v.restricted_to_workflows) {
    const bad = v.selected_workflows.filter((w) => !WORKFLOW_REF.test(w));
    if (v.selected_workflows.length === 0) out.selected_workflows = "List at least one workflow, or allow all workflows.";
    else if (bad.length > 0)
      out.selected_workflows = `Not a workflow reference: ${bad.join(", ")}. Use owner/repo/.github/workflows/file.yml@ref.`;
  }
  return out;
}

/** Repositories whose full name contains the search text (case-insensitive). */
export function searchRepos<T extends { full_name: string }>(repos: readonly T[], text: string): T[] {
  const q = text.trim().toLowerCase();
  return q === "" ? [...repos] : repos.filter((r) => r.full_name.toLowerCase().includes(q));
}

/** What to add and remove to go from `before` to `after` (ids). */
export function setDiff(before: readonly number[], after: readonly number[]): { add: number[]; remove: number[] } {
  const b = new Set(before);
  const a = new Set(after);
  return { add: after.filter((id) => !b.has(id)), remove: before.filter((id) => !a.has(id)) };
}
