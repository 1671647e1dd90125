"use client";

import { useId, useState, type FormEvent } from "react";
import {
  COMMON_EVENTS,
  RUN_STATUS_FILTERS,
  hasFilters,
  validateRunFilters,
  type FilterKey,
  type RunFilterState,
} from "@/lib/runs/filters";
import { runStatusInfo } from "@/lib/runs/status";
import type { Workflow } from "@/lib/queries/workflows";
import { workflowFile } from "@/lib/client/view";
import { Button } from "@/components/ui/Button";

const field =
  "w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm dark:border-gray-600 dark:bg-gray-950";

export interface RunFiltersFormProps {
  initial: RunFilterState;
  /** Errors of the URL's filters (shown until the user changes them). */
  urlErrors: Partial<Record<FilterKey, string>>;
  /** All workflows for the workflow menu; omitted on a workflow's own page. */
  workflows?: readonly Workflow[] | undefined;
  onApply: (filters: RunFilterState) => void;
}

function statusLabel(value: string): string {
  if (value === "completed") return "Completed (any conclusion)";
  return runStatusInfo(
    value === "queued" ||
      value === "in_progress" ||
      value === "waiting" ||
      value === "requested" ||
      value === "pending"
      ? value
      : "completed",
    value,
  ).label;
}

/** GitHub's run filters as a form: workflow, status, branch, actor, event, created date range. */
export function RunFiltersForm({ initial, urlErrors, workflows, onApply }: RunFiltersFormProps) {
  const id = useId();
  const [values, setValues] = useState<RunFilterState>(initial);
  const [errors, setErrors] = useState<Partial<Record<FilterKey, string>>>(urlErrors);
  const set = (key: FilterKey, value: string) => setValues((v) => ({ ...v, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed: RunFilterState = {};
    for (const key of ["workflow", "status", "branch", "actor", "event", "created"] as const) {
      const value = values[key]?.trim();
      if (value) trimmed[key] = value;
    }
    const found = validateRunFilters(trimmed);
    setErrors(found);
    if (Object.keys(found).length === 0) onApply(trimmed);
  };

  const errorOf = (key: FilterKey) =>
    errors[key] ? (
      <p id={`${id}-${key}-error`} className="mt-1 text-xs text-red-700 dark:text-red-400">
        {errors[key]}
      </p>
    ) : null;
  const described = (key: FilterKey) => (errors[key] ? `${id}-${key}-error` : undefined);
  const eventOptions: string[] = [...COMMON_EVENTS];
  if (values.event && !eventOptions.includes(values.event)) eventOptions.push(values.event);

  return (
    <form onSubmit={submit} aria-label="Filter workflow runs" className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {workflows ? (
          <div>
            <label htmlFor={`${id}-workflow`} className="mb-1 block text-xs font-medium">
              Workflow
            </label>
            <select
              id={`${id}-workflow`}
              className={field}
              value={values.workflow ?? ""}
              onChange={(e) => set("workflow", e.target.value)}
              aria-invalid={errors.workflow ? true : undefined}
              aria-describedby={described("workflow")}
            >
              <option value="">All workflows</option>
              {values.workflow && !workflows.some((w) => workflowFile(w.path) === values.workflow) ? (
                <option value={values.workflow}>{values.workflow}</option>
              ) : null}
              {workflows.map((w) => (
                <option key={w.id} value={workflowFile(w.path)}>
                  {w.name} ({workflowFile(w.path)})
                </option>
              ))}
            </select>
            {errorOf("workflow")}
          </div>
        ) : null}
        <div>
          <label htmlFor={`${id}-status`} className="mb-1 block text-xs font-medium">
            Status
          </label>
          <select
            id={`${id}-status`}
            className={field}
            value={values.status ?? ""}
            onChange={(e) => set("status", e.target.value)}
            aria-invalid={errors.status ? true : undefined}
            aria-describedby={described("status")}
          >
            <option value="">Any status</option>
            {values.status && !(RUN_STATUS_FILTERS as readonly string[]).includes(values.status) ? (
              <option value={values.status}>{values.status}</option>
            ) : null}
            {RUN_STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
          {errorOf("status")}
        </div>
        <div>
          <label htmlFor={`${id}-branch`} className="mb-1 block text-xs font-medium">
            Branch
          </label>
          <input
            id={`${id}-branch`}
            className={`${field} font-mono`}
            value={values.branch ?? ""}
            onChange={(e) => set("branch", e.target.value)}
            placeholder="main"
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div>
          <label htmlFor={`${id}-actor`} className="mb-1 block text-xs font-medium">
            Actor
          </label>
          <input
            id={`${id}-actor`}
            className={field}
            value={values.actor ?? ""}
            onChange={(e) => set("actor", e.target.value)}
            placeholder="login"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={errors.actor ? true : undefined}
            aria-describedby={described("actor")}
          />
          {errorOf("actor")}
        </div>
        <div>
          <label htmlFor={`${id}-event`} className="mb-1 block text-xs font-medium">
            Event
          </label>
          <select
            id={`${id}-event`}
            className={field}
            value={values.event ?? ""}
            onChange={(e) => set("event", e.target.value)}
            aria-invalid={errors.event ? true : undefined}
            aria-describedby={described("event")}
          >
            <option value="">Any event</option>
            {eventOptions.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
          {errorOf("event")}
        </div>
        <div>
          <label htmlFor={`${id}-created`} className="mb-1 block text-xs font-medium">
            Created
          </label>
          <input
            id={`${id}-created`}
            className={`${field} font-mono`}
            value={values.created ?? ""}
            onChange={(e) => set("created", e.target.value)}
            placeholder="2026-11-01..2026-11-05"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={errors.created ? true : undefined}
            aria-describedby={errors.created ? `${id}-created-error` : `${id}-created-hint`}
          />
          {errors.created ? (
            errorOf("created")
          ) : (
            <p id={`${id}-created-hint`} className="mt-1 text-xs text-gray-700 dark:text-gray-300">
              A day, a range <code>A..B</code>, or <code>&gt;=</code>, <code>&lt;</code> a day (UTC).
            </p>
          )}
        </div>
      </div>
      <div className="flex gap-2">
        <Button type="submit" variant="primary" size="sm">
          Apply filters
        </Button>
        {hasFilters(initial) ? (
          <Button
            size="sm"
            onClick={() => {
              setValues({});
              setErrors({});
              onApply({});
            }}
          >
            Clear filters
          </Button>
        ) : null}
      </div>
    </form>
  );
}
