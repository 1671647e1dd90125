"use client";

import { useEffect, useState } from "react";
import { browserGitHub } from "@/lib/client/octokit";
import type { RunActionId } from "@/lib/runs/run-page-actions";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import type { RunWrite, WriteOutcome } from "./useRunWrite";

export interface RunRef {
  owner: string;
  repo: string;
  runId: number;
  runNumber: number;
  workflowName: string;
  /** The attempt this page shows; undefined = latest. */
  attempt: number | undefined;
}

/** The proxy URL of a run's (or attempt's) log archive: followed redirect, streamed. */
export function runLogsUrl({ owner, repo, runId, attempt }: RunRef): string {
  const base = `/api/github/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/actions/runs/${runId}`;
  return attempt === undefined ? `${base}/logs` : `${base}/attempts/${attempt}/logs`;
}

const LABELS: Record<Exclude<RunActionId, "download-logs">, string> = {
  "rerun-all": "Re-run all jobs",
  "rerun-failed": "Re-run failed jobs",
  cancel: "Cancel run",
  "force-cancel": "Force cancel",
  "delete-logs": "Delete logs",
  "delete-run": "Delete run",
};

type Confirmable = Exclude<RunActionId, "download-logs">;

export function writeFor(id: Confirmable, ref: RunRef, debug: boolean, onDeleted: () => void): RunWrite {
  const p = { owner: ref.owner, repo: ref.repo, run_id: ref.runId };
  const title = `${ref.workflowName} #${ref.runNumber}`;
  switch (id) {
    case "rerun-all":
      return {
        id,
        what: "the re-run of all jobs",
        done: `Re-run of all jobs of ${title} requested${debug ? " with debug logging" : ""}: a new attempt is queued.`,
        send: () =>
          browserGitHub.request("POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun", {
            ...p,
            ...(debug ? { enable_debug_logging: true } : {}),
          }),
      };
    case "rerun-failed":
      return {
        id,
        what: "the re-run of the failed jobs",
        done: `Re-run of the failed jobs of ${title} requested${debug ? " with debug logging" : ""}: a new attempt is queued.`,
        send: () =>
          browserGitHub.request("POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs", {
            ...p,
            ...(debug ? { enable_debug_logging: true } : {}),
          }),
      };
    case "cancel":
      return {
        id,
        what: "the cancellation",
        done: `Cancellation of ${title} requested.`,
        send: () => browserGitHub.request("POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel", p),
      };
    case "force-cancel":
      return {
        id,
        what: "the forced cancellation",
        done: `${title} was force-cancelled.`,
        send: () => browserGitHub.request("POST /repos/{owner}/{repo}/actions/runs/{run_id}/force-cancel", p),
      };
    case "delete-logs":
      return {
        id,
        what: "the deletion of the logs",
        done: `The logs of ${title} were deleted.`,
        send: () => browserGitHub.request("DELETE /repos/{owner}/{repo}/actions/runs/{run_id}/logs", p),
      };
    case "delete-run":
      return {
        id,
        what: "the deletion of the run",
        done: `${title} was deleted.`,
        send: () => browserGitHub.request("DELETE /repos/{owner}/{repo}/actions/runs/{run_id}", p),
        after: onDeleted,
      };
  }
}

function confirmText(id: Confirmable, title: string): { title: string; body: string; label: string; danger: boolean } {
  switch (id) {
    case "rerun-all":
      return { title: "Re-run all jobs", body: `Every job of ${title} runs again in a new attempt.`, label: "Re-run jobs", danger: false };
    case "rerun-failed":
      return {
        title: "Re-run failed jobs",
        body: `The failed and cancelled jobs of ${title}, and the jobs that depend on them, run again in a new attempt. Jobs that succeeded keep their results.`,
        label: "Re-run jobs",
        danger: false,
      };
    case "cancel":
      return { title: "Cancel run", body: `Cancel ${title}? Running jobs are stopped; their steps with \`if: always()\` still run.`, label: "Cancel run", danger: true };
    case "force-cancel":
      return {
        title: "Force cancel run",
        body: `Force cancel ${title}? Unlike a cancel, this stops every job at once and skips \`if: always()\` steps (clean-up, reports). Use it when a cancel does not stop the run.`,
        label: "Force cancel",
        danger: true,
      };
    case "delete-logs":
      return { title: "Delete logs", body: `Delete every log of ${title}, of all attempts? This cannot be undone.`, label: "Delete logs", danger: true };
    case "delete-run":
      return {
        title: "Delete run",
        body: `Delete ${title} with its jobs, logs and artifacts? This cannot be undone.`,
        label: "Delete run",
        danger: true,
      };
  }
}

/** A write's outcome, in a live region; an unknown outcome offers a refresh and nothing else. */
export function OutcomeNotice({
  outcome,
  onRefresh,
  onDismiss,
}: {
  outcome: WriteOutcome | null;
  onRefresh: () => void;
  onDismiss: () => void;
}) {
  return (
    <div aria-live="polite" data-testid="write-outcome">
      {outcome === null ? null : outcome.kind === "success" ? (
        <Alert tone="success" role="none">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p>{outcome.text}</p>
            <Button size="sm" variant="ghost" onClick={onDismiss}>
              Dismiss
            </Button>
          </div>
        </Alert>
      ) : outcome.kind === "unknown" ? (
        <Alert tone="warning" role="none" title="Outcome unknown">
          <p>{outcome.text}</p>
          <p>
            <Button size="sm" onClick={onRefresh}>
              Refresh
            </Button>
          </p>
        </Alert>
      ) : (
        <Alert tone="danger" role="none" title="Not done">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p>{outcome.text}</p>
            <Button size="sm" variant="ghost" onClick={onDismiss}>
              Dismiss
            </Button>
          </div>
        </Alert>
      )}
    </div>
  );
}

export interface RunActionsProps {
  refValue: RunRef;
  actions: readonly RunActionId[];
  pendingId: string | undefined;
  onWrite: (write: RunWrite) => void;
  onDeleted: () => void;
}

export function RunActions({ refValue, actions, pendingId, onWrite, onDeleted }: RunActionsProps) {
  const [confirm, setConfirm] = useState<Confirmable | null>(null);
  const [debug, setDebug] = useState(false);
  const [download, setDownload] = useState<{ state: "idle" | "checking" } | { state: "failed"; text: string }>({
    state: "idle",
  });
  // Disabled until hydrated: a click before React listens would be lost.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const title = `${refValue.workflowName} #${refValue.runNumber}`;

  async function downloadLogs() {
    setDownload({ state: "checking" });
    const url = runLogsUrl(refValue);
    try {
      // HEAD first (the proxy follows the redirect): a missing archive gets a message, not a JSON file.
      const head = await fetch(url, { method: "HEAD", cache: "no-store" });
      if (!head.ok) {
        setDownload({
          state: "failed",
          text:
            head.status === 404 || head.status === 410
              ? "There are no logs to download: they were deleted or have expired."
              : head.status === 401
                ? "Your session has expired: sign in again to download the logs."
                : `The logs could not be downloaded (HTTP ${head.status}).`,
        });
        return;
      }
      const a = document.createElement("a");
      a.href = url;
      a.download = `logs_${refValue.runId}${refValue.attempt !== undefined ? `_attempt_${refValue.attempt}` : ""}.zip`;
      document.body.append(a);
      a.click();
      a.remove();
      setDownload({ state: "idle" });
    } catch {
      setDownload({ state: "failed", text: "The dashboard could not be reached to download the logs." });
    }
  }

  const shown = confirm ? confirmText(confirm, title) : undefined;
  const rerun = confirm === "rerun-all" || confirm === "rerun-failed";

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Run actions">
        {actions.map((id) =>
          id === "download-logs" ? (
            <Button key={id} size="sm" onClick={() => void downloadLogs()} disabled={!ready || download.state === "checking"}>
              {download.state === "checking" ? "Preparing…" : "Download logs"}
            </Button>
          ) : (
            <Button
              key={id}
              size="sm"
              variant={id === "rerun-all" || id === "rerun-failed" ? "primary" : id === "cancel" ? "secondary" : "danger"}
              disabled={!ready || pendingId !== undefined}
              onClick={() => {
                setDebug(false);
                setConfirm(id);
              }}
            >
              {pendingId === id ? "Working…" : LABELS[id]}
            </Button>
          ),
        )}
      </div>
      {download.state === "failed" ? (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          {download.text}
        </p>
      ) : null}
      {confirm && shown ? (
        <ConfirmDialog
          open
          title={shown.title}
          confirmLabel={shown.label}
          danger={shown.danger}
          pending={pendingId !== undefined}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            onWrite(writeFor(confirm, refValue, debug, onDeleted));
            setConfirm(null);
          }}
        >
          <p>{shown.body}</p>
          {rerun ? (
            <label className="mt-3 flex items-center gap-2">
              <input type="checkbox" checked={debug} onChange={(e) => setDebug(e.target.checked)} />
              Enable debug logging
            </label>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
