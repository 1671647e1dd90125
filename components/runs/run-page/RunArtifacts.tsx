"use client";

import { useState } from "react";
import { browserGitHub } from "@/lib/client/octokit";
import type { Artifact } from "@/lib/queries/run-page";
import { relativeTime } from "@/lib/runs/status";
import { formatUtc } from "@/lib/client/view";
import { Badge } from "@/components/ui/Badge";
import { Button, buttonClasses } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/Table";
import type { RunWrite } from "./useRunWrite";

/** "1.2 MB", "512 B" (decimal units, as GitHub shows artifact sizes). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = "B";
  for (const u of units) {
    if (value < 1000) break;
    value /= 1000;
    unit = u;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${unit}`;
}

export interface RunArtifactsProps {
  owner: string;
  repo: string;
  runId: number;
  artifacts: readonly Artifact[];
  canDelete: boolean;
  pendingId: string | undefined;
  onWrite: (write: RunWrite) => void;
  now: number;
}

export function RunArtifacts({ owner, repo, artifacts, canDelete, pendingId, onWrite, now }: RunArtifactsProps) {
  const [confirm, setConfirm] = useState<Artifact | null>(null);
  if (artifacts.length === 0) {
    return <p className="p-4 text-sm text-gray-700 dark:text-gray-300">This run has no artifacts.</p>;
  }
  const api = `/api/github/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/actions/artifacts`;
  return (
    <>
      <Table caption="Artifacts of this run">
        <THead>
          <tr>
            <Th>Name</Th>
            <Th className="text-right">Size</Th>
            <Th>Expires</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </THead>
        <TBody>
          {artifacts.map((artifact) => (
            <Tr key={artifact.id} data-testid="run-artifact">
              <Td className="font-medium">{artifact.name}</Td>
              <Td className="text-right font-mono text-xs tabular-nums" title={`${artifact.size_in_bytes} bytes`}>
                {formatBytes(artifact.size_in_bytes)}
              </Td>
              <Td className="text-xs">
                {artifact.expired ? (
                  <Badge>Expired</Badge>
                ) : artifact.expires_at ? (
                  <time dateTime={artifact.expires_at} title={formatUtc(artifact.expires_at)} suppressHydrationWarning>
                    {relativeTime(artifact.expires_at, now)}
                  </time>
                ) : (
                  "—"
                )}
              </Td>
              <Td className="text-right whitespace-nowrap">
                <span className="inline-flex gap-2">
                  {artifact.expired ? null : (
                    <a
                      href={`${api}/${artifact.id}/zip`}
                      download={`${artifact.name}.zip`}
                      className={buttonClasses("secondary", "sm")}
                      aria-label={`Download ${artifact.name}`}
                    >
                      Download
                    </a>
                  )}
                  {canDelete ? (
                    <Button
                      size="sm"
                      variant="danger"
                      disabled={pendingId !== undefined}
                      onClick={() => setConfirm(artifact)}
                      aria-label={`Delete ${artifact.name}`}
                    >
                      {pendingId === `delete-artifact:${artifact.id}` ? "Working…" : "Delete"}
                    </Button>
                  ) : null}
                </span>
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      {confirm ? (
        <ConfirmDialog
          open
          title="Delete artifact"
          confirmLabel="Delete artifact"
          pending={pendingId !== undefined}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const artifact = confirm;
            onWrite({
              id: `delete-artifact:${artifact.id}`,
              what: `the deletion of the artifact ${artifact.name}`,
              done: `The artifact ${artifact.name} was deleted.`,
              send: () =>
                browserGitHub.request("DELETE /repos/{owner}/{repo}/actions/artifacts/{artifact_id}", {
                  owner,
                  repo,
                  artifact_id: artifact.id,
                }),
            });
            setConfirm(null);
          }}
        >
          <p>
            Delete the artifact <strong>{confirm.name}</strong> ({formatBytes(confirm.size_in_bytes)})? This
            cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

