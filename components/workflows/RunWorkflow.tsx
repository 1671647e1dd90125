"use client";

import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { browserGitHub } from "@/lib/client/octokit";
import { actionsQueries } from "@/lib/queries/actions";
import { writeFailure } from "@/lib/client/write-failure";
import { toApiError } from "@/lib/client/api-error";
import { repoQueries } from "@/lib/queries/repos";
import { runKeys } from "@/lib/queries/runs";
import type { Workflow } from "@/lib/queries/workflows";
import {
  dispatchPayload,
  initialValues,
  parseDispatchInputs,
  refError,
  validateDispatch,
  type DispatchInput,
  type DispatchValues,
} from "@/lib/workflows/dispatch-inputs";
import { StatusIcon } from "@/components/runs/StatusIcon";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { ErrorPanel } from "@/components/shell/ErrorPanel";

const field =
  "w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm dark:border-gray-600 dark:bg-gray-950";
const link = "font-medium text-blue-700 hover:underline dark:text-blue-400";

interface Dispatched {
  ref: string;
  /** The newest workflow_dispatch run before ours (0 if none): ours is the first newer one. */
  baseline: number;
  at: number;
}

async function latestDispatchRunId(owner: string, repo: string, file: string): Promise<number> {
  const page = (
    await browserGitHub.request("GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs", {
      owner,
      repo,
      workflow_id: file,
      event: "workflow_dispatch",
      per_page: 1,
    })
  ).data;
  return Number(page.workflow_runs[0]?.id ?? 0);
}

/** Polls the workflow's dispatch runs until one newer than the baseline appears. */
function NewRun({
  owner,
  repo,
  file,
  dispatched,
  runHref,
}: {
  owner: string;
  repo: string;
  file: string;
  dispatched: Dispatched;
  runHref: (id: number) => string;
}) {
  const found = useQuery({
    queryKey: [...runKeys.lists(owner, repo), "dispatched", file, dispatched.at],
    queryFn: async () => {
      const page = (
        await browserGitHub.request("GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs", {
          owner,
          repo,
          workflow_id: file,
          event: "workflow_dispatch",
          branch: dispatched.ref,
          per_page: 10,
        })
      ).data;
      const newer = page.workflow_runs.filter((r) => Number(r.id) > dispatched.baseline);
      return newer[newer.length - 1] ?? null;
    },
    refetchInterval: (q) => (q.state.data ? false : 2_000),
  });
  const run = found.data;
  if (run) {
    return (
      <Alert tone="success" title="Workflow run started" role="status">
        <p className="flex items-center gap-2">
          <StatusIcon status={run.status} conclusion={run.conclusion} />
          <Link href={runHref(Number(run.id))} className={link}>
            {run.display_title || run.name} #{run.run_number}
          </Link>
          <span>on {run.head_branch}</span>
        </p>
      </Alert>
    );
  }
  return (
    <Alert tone="info" title="Workflow dispatched" role="status">
      <p>
        GitHub accepted the request for <code>{dispatched.ref}</code>. Waiting for the new run to appear…
      </p>
    </Alert>
  );
}

function InputField({
  input,
  value,
  error,
  onChange,
  idBase,
}: {
  input: DispatchInput;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  idBase: string;
}) {
  const id = `${idBase}-${input.name}`;
  const errorId = `${id}-error`;
  const descId = `${id}-desc`;
  const label = input.description || input.name;
  const describedBy =
    [input.description ? descId : undefined, error ? errorId : undefined].filter(Boolean).join(" ") ||
    undefined;
  const common = {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    "aria-required": input.required || undefined,
  };
  return (
    <div>
      {input.type === "boolean" ? (
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            {...common}
            checked={value === "true"}
            onChange={(e) => onChange(e.target.checked ? "true" : "false")}
          />
          {label}
        </label>
      ) : (
        <>
          <label htmlFor={id} className="mb-1 block text-sm font-medium">
            {label}
            {input.required ? (
              <span aria-hidden="true" className="text-red-700 dark:text-red-400">
                {" "}
                *
              </span>
            ) : null}
          </label>
          {input.type === "choice" ? (
            <select {...common} className={field} value={value} onChange={(e) => onChange(e.target.value)}>
              {input.options.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          ) : (
            <input
              {...common}
              className={field}
              value={value}
              inputMode={input.type === "number" ? "decimal" : undefined}
              onChange={(e) => onChange(e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </>
      )}
      <p id={descId} className="mt-0.5 text-xs text-gray-700 dark:text-gray-300">
        <code>{input.name}</code> · {input.type}
        {input.type === "environment" ? " (an environment name of this repository)" : ""}
        {input.required ? " · required" : ""}
      </p>
      {error ? (
        <p id={errorId} className="mt-0.5 text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function DispatchForm({
  owner,
  repo,
  workflow,
  file,
  branch,
  inputs,
  onDispatched,
}: {
  owner: string;
  repo: string;
  workflow: Workflow;
  file: string;
  branch: string;
  inputs: DispatchInput[];
  onDispatched: (d: Dispatched) => void;
}) {
  const idBase = useId();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<DispatchValues>(() => initialValues(inputs));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<{ message: string; unknownOutcome: boolean } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const found = validateDispatch(inputs, values);
    const badRef = refError(branch);
    if (badRef) found.ref = badRef;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setPending(true);
    try {
      const baseline = await latestDispatchRunId(owner, repo, file);
      try {
        await browserGitHub.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", {
          owner,
          repo,
          workflow_id: workflow.id,
          ref: branch,
          inputs: dispatchPayload(inputs, values),
        });
      } catch (error) {
        const { message, outcome } = writeFailure(error, "POST");
        setFailure({ message, unknownOutcome: outcome === "unknown" });
        return;
      }
      onDispatched({ ref: branch, baseline, at: Date.now() });
      void queryClient.invalidateQueries({ queryKey: runKeys.lists(owner, repo) });
    } catch (error) {
      // Reading the baseline failed: nothing was sent.
      setFailure({ message: toApiError(error, "GET").message, unknownOutcome: false });
    } finally {
      setPending(false);
    }
  };

  const count = Object.keys(errors).length;
  return (
    <form
      onSubmit={(e) => void submit(e)}
      aria-label={`Run workflow ${workflow.name}`}
      className="space-y-3"
      noValidate
    >
      {inputs.map((input) => (
        <InputField
          key={input.name}
          idBase={idBase}
          input={input}
          value={values[input.name] ?? ""}
          error={errors[input.name]}
          onChange={(value) => setValues((v) => ({ ...v, [input.name]: value }))}
        />
      ))}
      {count > 0 ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          Fix {count === 1 ? "the field" : `${count} fields`} above; nothing was sent.
          {errors.ref ? ` ${errors.ref}` : ""}
        </p>
      ) : null}
      {failure ? (
        <Alert
          tone="danger"
          title={failure.unknownOutcome ? "The workflow may or may not have started" : "The workflow was not started"}
          level={3}
          role="alert"
        >
          <p>{failure.message}</p>
          {/* the title says the outcome; an unknown one also says what to do */}
          {failure.unknownOutcome ? <p>The request may have reached GitHub: check the runs below before trying again.</p> : null}
        </Alert>
      ) : null}
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Starting…" : "Run workflow"}
      </Button>
    </form>
  );
}

export interface RunWorkflowProps {
  owner: string;
  repo: string;
  workflow: Workflow;
  file: string;
  runHref: (id: number) => string;
}

/** GitHub's "Run workflow": branch, the file's dispatch inputs at that branch, dispatch, then the new run. */
export function RunWorkflow({ owner, repo, workflow, file, runHref }: RunWorkflowProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [dispatched, setDispatched] = useState<Dispatched | null>(null);
  const repoDetail = useQuery({ ...repoQueries.detail(browserGitHub, owner, repo), enabled: open });
  const branches = useQuery({ ...actionsQueries.branches(browserGitHub, owner, repo), enabled: open });
  const branch = chosen ?? repoDetail.data?.default_branch;
  const text = useQuery({
    ...actionsQueries.file(browserGitHub, owner, repo, workflow.path, branch ?? ""),
    enabled: open && branch !== undefined,
  });
  const spec = text.data !== undefined ? parseDispatchInputs(text.data) : undefined;

  if (workflow.state !== "active") {
    return (
      <Alert tone="info" level={3} role="none">
        This workflow is disabled; enable it to run it.
      </Alert>
    );
  }

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="rounded-lg border border-gray-200 dark:border-gray-700"
    >
      <div className="flex items-center justify-between gap-2 px-4 py-3">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          Run workflow
        </h2>
        <Button
          size="sm"
          aria-expanded={open}
          aria-controls={`${id}-panel`}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? "Close" : "Run workflow…"}
        </Button>
      </div>
      {open ? (
        <div id={`${id}-panel`} className="space-y-4 border-t border-gray-200 p-4 dark:border-gray-700">
          <div>
            <label htmlFor={`${id}-branch`} className="mb-1 block text-sm font-medium">
              Use workflow from branch
            </label>
            {branches.error ? (
              <ErrorPanel
                error={branches.error}
                what="the branches"
                level={3}
                onRetry={() => void branches.refetch()}
              />
            ) : (
              <select
                id={`${id}-branch`}
                className={`${field} font-mono`}
                value={branch ?? ""}
                disabled={!branches.data}
                onChange={(e) => {
                  setChosen(e.target.value);
                  setDispatched(null);
                }}
              >
                {branch && !branches.data?.some((b) => b.name === branch) ? (
                  <option value={branch}>{branch}</option>
                ) : null}
                {branches.data?.map((b) => (
                  <option key={b.name} value={b.name}>
                    {b.name}
                  </option>
                ))}
              </select>
            )}
          </div>
          {repoDetail.error ? (
            <ErrorPanel
              error={repoDetail.error}
              what="the repository"
              level={3}
              onRetry={() => void repoDetail.refetch()}
            />
          ) : text.error ? (
            <ErrorPanel
              error={text.error}
              what={`${workflow.path} at ${branch ?? "the branch"}`}
              level={3}
              onRetry={() => void text.refetch()}
            />
          ) : !spec ? (
            <LoadingBlock label="Reading the workflow file…" />
          ) : !spec.ok ? (
            <Alert tone="danger" level={3} title="This workflow file cannot be read" role="alert">
              <p>{spec.error}</p>
            </Alert>
          ) : !spec.dispatchable ? (
            <Alert tone="warning" level={3} role="status">
              This workflow does not have a <code>workflow_dispatch</code> trigger on <code>{branch}</code>,
              so it cannot be run by hand from that branch.
            </Alert>
          ) : branch ? (
            <DispatchForm
              key={`${branch}:${text.data ?? ""}`}
              owner={owner}
              repo={repo}
              workflow={workflow}
              file={file}
              branch={branch}
              inputs={spec.inputs}
              onDispatched={setDispatched}
            />
          ) : null}
          {dispatched ? (
            <NewRun owner={owner} repo={repo} file={file} dispatched={dispatched} runHref={runHref} />
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
