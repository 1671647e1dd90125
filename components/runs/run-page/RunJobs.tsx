"use client";

import Link from "next/link";
import { useState } from "react";
import { browserGitHub } from "@/lib/client/octokit";
import type { Job } from "@/lib/queries/run-page";
import { formatDuration, runDuration } from "@/lib/runs/status";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/Table";
import { StatusIcon } from "@/components/runs/StatusIcon";
import type { RunWrite } from "./useRunWrite";

const link = "font-medium text-blue-700 hover:underline dark:text-blue-400";

export interface RunJobsProps {
  owner: string;
  repo: string;
  runId: number;
  jobs: readonly Job[];
  now: number;
  canRerun: (job: Job) => boolean;
  pendingId: string | undefined;
  onWrite: (write: RunWrite) => void;
}

/** The jobs of the attempt, each linking to its log page, with "Re-run job" where allowed. */
export function RunJobs({ owner, repo, runId, jobs, now, canRerun, pendingId, onWrite }: RunJobsProps) {
  const [confirm, setConfirm] = useState<Job | null>(null);
  const [debug, setDebug] = useState(false);
  if (jobs.length === 0) return <p className="p-4 text-sm text-gray-700 dark:text-gray-300">No jobs yet.</p>;
  const base = `/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/actions/runs/${runId}/job`;
  return (
    <>
      <Table caption="Jobs of this attempt">
        <THead>
          <tr>
            <Th>Status</Th>
            <Th>Job</Th>
            <Th>Runner</Th>
            <Th className="text-right">Duration</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </THead>
        <TBody>
          {jobs.map((job) => {
            const id = `rerun-job:${job.id}`;
            return (
              <Tr key={job.id} data-testid="run-job">
                <Td>
                  <StatusIcon status={job.status} conclusion={job.conclusion} showLabel />
                </Td>
                <Td>
                  <Link href={`${base}/${job.id}`} className={link}>
                    {job.name}
                  </Link>
                </Td>
                <Td className="text-xs">{job.runner_name ?? "—"}</Td>
                <Td className="text-right font-mono text-xs tabular-nums">
                  {job.status === "queued" ? "queued" : formatDuration(runDuration(job, now))}
                </Td>
                <Td className="text-right">
                  {canRerun(job) ? (
                    <Button
                      size="sm"
                      disabled={pendingId !== undefined}
                      onClick={() => {
                        setDebug(false);
                        setConfirm(job);
                      }}
                      aria-label={`Re-run job ${job.name}`}
                    >
                      {pendingId === id ? "Working…" : "Re-run job"}
                    </Button>
                  ) : null}
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>
      {confirm ? (
        <ConfirmDialog
          open
          title={`Re-run ${confirm.name}`}
          confirmLabel="Re-run job"
          danger={false}
          pending={pendingId !== undefined}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const job = confirm;
            onWrite({
              id: `rerun-job:${job.id}`,
              what: `the re-run of ${job.name}`,
              done: `Re-run of ${job.name} requested${debug ? " with debug logging" : ""}: a new attempt is queued.`,
              send: () =>
                browserGitHub.request("POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun", {
                  owner,
                  repo,
                  job_id: job.id,
                  ...(debug ? { enable_debug_logging: true } : {}),
                }),
            });
            setConfirm(null);
          }}
        >
          <p>
            {confirm.name} and the jobs that depend on it run again in a new attempt; the other jobs keep their
            results.
          </p>
          <label className="mt-3 flex items-center gap-2">
            <input type="checkbox" checked={debug} onChange={(e) => setDebug(e.target.checked)} />
            Enable debug logging
          </label>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
