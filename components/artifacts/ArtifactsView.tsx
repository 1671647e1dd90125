"use client";

import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import {
  ARTIFACT_SORTS,
  expiredIds,
  filterByName,
  formatBytes,
  isExpired,
  overSizeIds,
  parseArtifactSort,
  parseSize,
  sortArtifacts,
  totalBytes,
  type ArtifactSort,
} from "@/lib/artifacts/artifacts";
import { runBulk, type BulkResult } from "@/lib/bulk/run-bulk";
import { browserGitHub } from "@/lib/client/octokit";
import { repoHref } from "@/lib/client/switcher";
import { actionsKeys, actionsQueries, type Artifact } from "@/lib/queries/actions";
import { BulkResults } from "@/components/bulk/BulkResults";
import { RelativeTime } from "@/components/runs/RelativeTime";
import { useNow } from "@/components/runs/use-now";
import { Alert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/Table";
import { ErrorPanel } from "@/components/shell/ErrorPanel";

const PAGE_SIZE = 100;
const link = "font-medium text-blue-700 hover:underline dark:text-blue-400";
const field =
  "rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm dark:border-gray-600 dark:bg-gray-950";

export interface ArtifactsViewProps {
  owner: string;
  repo: string;
  sort: ArtifactSort;
}

/** Every artifact of a repository: storage totals, sorting, download, and deleting one or many. */
export function ArtifactsView({ owner, repo, sort: initialSort }: ArtifactsViewProps) {
  const id = useId();
  const queryClient = useQueryClient();
  const now = useNow();
  const base = repoHref(`${owner}/${repo}`);
  const here = `${base}/actions/artifacts`;
  const artifacts = useQuery(actionsQueries.artifacts(browserGitHub, owner, repo));
  const [nameFilter, setNameFilter] = useState("");
  const [sizeText, setSizeText] = useState("");
  const [sizeError, setSizeError] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [confirm, setConfirm] = useState<Artifact[] | null>(null);
  const [bulk, setBulk] = useState<BulkResult<Artifact>[] | null>(null);
  const [pageIndex, setPageIndex] = useState(0);
  const [sort, setSort] = useState<ArtifactSort>(initialSort);
  const running = bulk?.some((r) => r.status === "pending") ?? false;

  const all = useMemo(() => artifacts.data ?? [], [artifacts.data]);
  const shown = useMemo(() => sortArtifacts(filterByName(all, nameFilter), sort), [all, nameFilter, sort]);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const currentPage = Math.min(pageIndex, pages - 1);
  const visible = shown.slice(currentPage * PAGE_SIZE, (currentPage + 1) * PAGE_SIZE);
  const nowMs = now ?? Date.now();
  const expired = expiredIds(all, nowMs);
  const expiredBytes = totalBytes(all.filter((a) => isExpired(a, nowMs)));
  const selectedItems = all.filter((a) => selected.has(a.id));

  const replaceSelection = (ids: number[]) => setSelected(new Set(ids));
  const toggle = (artifactId: number, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(artifactId);
      else next.delete(artifactId);
      return next;
    });

  const selectOverSize = () => {
    const bytes = parseSize(sizeText);
    if (bytes === undefined) {
      setSizeError(`“${sizeText}” is not a size. Use e.g. 500 KB, 50 MB or 1.5 GB.`);
      return;
    }
    setSizeError(null);
    replaceSelection(overSizeIds(all, bytes));
  };

  const runDelete = async (items: Artifact[]) => {
    setConfirm(null);
    setBulk(items.map((item) => ({ item, status: "pending" })));
    const results = await runBulk(
      items,
      (artifact) =>
        browserGitHub.request("DELETE /repos/{owner}/{repo}/actions/artifacts/{artifact_id}", {
          owner,
          repo,
          artifact_id: artifact.id,
        }),
      { onProgress: setBulk },
    );
    setSelected((prev) => {
      const next = new Set(prev);
      for (const r of results) if (r.status === "done") next.delete(r.item.id);
      return next;
    });
    await queryClient.invalidateQueries({ queryKey: actionsKeys.artifacts(owner, repo) });
  };

  const allShownSelected = visible.length > 0 && visible.every((a) => selected.has(a.id));

  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm text-gray-700 dark:text-gray-300">
          <Link href={base} className={link}>
            {owner}/{repo}
          </Link>{" "}
          ·{" "}
          <Link href={`${base}/actions`} className={link}>
            All workflows
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">Artifacts</h1>
      </div>

      {artifacts.error ? (
        <ErrorPanel error={artifacts.error} what="the artifacts" onRetry={() => void artifacts.refetch()} />
      ) : artifacts.isPending ? (
        <LoadingBlock label="Loading every artifact…" />
      ) : (
        <>
          <dl className="grid gap-3 sm:grid-cols-3" aria-label="Storage">
            <div className="rounded-lg border border-gray-200 p-3 dark:border-gray-700">
              <dt className="text-xs text-gray-700 dark:text-gray-300">Artifacts</dt>
              <dd className="text-xl font-semibold" data-testid="artifact-count">
                {all.length.toLocaleString("en-US")}
              </dd>
            </div>
            <div className="rounded-lg border border-gray-200 p-3 dark:border-gray-700">
              <dt className="text-xs text-gray-700 dark:text-gray-300">Total storage</dt>
              <dd className="text-xl font-semibold" data-testid="artifact-total" data-bytes={totalBytes(all)}>
                {formatBytes(totalBytes(all))}
              </dd>
              <dd className="text-xs text-gray-700 dark:text-gray-300">
                {totalBytes(all).toLocaleString("en-US")} bytes
              </dd>
            </div>
            <div className="rounded-lg border border-gray-200 p-3 dark:border-gray-700">
              <dt className="text-xs text-gray-700 dark:text-gray-300">Expired</dt>
              <dd className="text-xl font-semibold">{expired.length.toLocaleString("en-US")}</dd>
              <dd className="text-xs text-gray-700 dark:text-gray-300">{formatBytes(expiredBytes)}</dd>
            </div>
          </dl>

          <Card>
            <div className="flex flex-wrap items-end gap-4">
              <div>
                <label htmlFor={`${id}-name`} className="mb-1 block text-xs font-medium">
                  Name contains
                </label>
                <input
                  id={`${id}-name`}
                  className={field}
                  value={nameFilter}
                  onChange={(e) => {
                    setNameFilter(e.target.value);
                    setPageIndex(0);
                  }}
                />
              </div>
              <div>
                <label htmlFor={`${id}-sort`} className="mb-1 block text-xs font-medium">
                  Sort
                </label>
                <select
                  id={`${id}-sort`}
                  className={field}
                  value={sort}
                  onChange={(e) => {
                    const next = parseArtifactSort(e.target.value);
                    setPageIndex(0);
                    setSort(next);
                    // Shareable without a server round trip (Next.js keeps native history in sync).
                    window.history.replaceState(null, "", next === "age-asc" ? here : `${here}?sort=${next}`);
                  }}
                >
                  {Object.entries(ARTIFACT_SORTS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </div>
              <Button size="sm" onClick={() => replaceSelection(expired)} disabled={expired.length === 0}>
                Select expired ({expired.length})
              </Button>
              <form
                className="flex items-end gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  selectOverSize();
                }}
              >
                <div>
                  <label htmlFor={`${id}-size`} className="mb-1 block text-xs font-medium">
                    Larger than
                  </label>
                  <input
                    id={`${id}-size`}
                    className={`${field} w-28`}
                    value={sizeText}
                    placeholder="50 MB"
                    onChange={(e) => setSizeText(e.target.value)}
                    aria-invalid={sizeError ? true : undefined}
                    aria-describedby={sizeError ? `${id}-size-error` : undefined}
                  />
                </div>
                <Button size="sm" type="submit">
                  Select larger
                </Button>
              </form>
              {selected.size > 0 ? (
                <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
                  Clear selection
                </Button>
              ) : null}
            </div>
            {sizeError ? (
              <p id={`${id}-size-error`} role="alert" className="mt-2 text-xs text-red-700 dark:text-red-400">
                {sizeError}
              </p>
            ) : null}
          </Card>

          {bulk ? (
            <div className="space-y-2">
              <BulkResults title="Deleting artifacts" results={bulk} label={(a) => `${a.name} (#${a.id})`} />
              {!running ? (
                <Button size="sm" onClick={() => setBulk(null)}>
                  Dismiss
                </Button>
              ) : null}
            </div>
          ) : null}

          <Card
            title={`${shown.length.toLocaleString("en-US")} shown${selected.size ? ` · ${selected.size} selected (${formatBytes(totalBytes(selectedItems))})` : ""}`}
            titleId="artifacts-table"
            bodyClassName="p-0"
            actions={
              <Button
                size="sm"
                variant="danger"
                disabled={selectedItems.length === 0 || running}
                onClick={() => setConfirm(selectedItems)}
              >
                Delete selected ({selectedItems.length})
              </Button>
            }
          >
            {shown.length === 0 ? (
              <p className="p-4 text-sm text-gray-700 dark:text-gray-300">
                {all.length === 0 ? "This repository has no artifacts." : "No artifact matches this name."}
              </p>
            ) : (
              <Table caption="Artifacts">
                <THead>
                  <tr>
                    <Th className="w-8">
                      <input
                        type="checkbox"
                        aria-label="Select every artifact on this page"
                        checked={allShownSelected}
                        onChange={(e) =>
                          setSelected((prev) => {
                            const next = new Set(prev);
                            for (const a of visible) {
                              if (e.target.checked) next.add(a.id);
                              else next.delete(a.id);
                            }
                            return next;
                          })
                        }
                      />
                    </Th>
                    <Th>Name</Th>
                    <Th>Run</Th>
                    <Th className="text-right">Size</Th>
                    <Th>Created</Th>
                    <Th>Expires</Th>
                    <Th>
                      <span className="sr-only">Actions</span>
                    </Th>
                  </tr>
                </THead>
                <TBody>
                  {visible.map((a) => {
                    const gone = isExpired(a, nowMs);
                    const runId = a.workflow_run?.id;
                    return (
                      <Tr key={a.id} data-artifact-id={a.id}>
                        <Td>
                          <input
                            type="checkbox"
                            aria-label={`Select ${a.name} (#${a.id})`}
                            checked={selected.has(a.id)}
                            onChange={(e) => toggle(a.id, e.target.checked)}
                          />
                        </Td>
                        <Td>
                          <span className="font-medium">{a.name}</span>
                          <span className="ml-1 text-xs text-gray-700 dark:text-gray-300">#{a.id}</span>
                        </Td>
                        <Td className="text-xs">
                          {runId ? (
                            <Link href={`${base}/actions/runs/${runId}`} className={link}>
                              Run {runId}
                            </Link>
                          ) : (
                            "—"
                          )}
                          {a.workflow_run?.head_branch ? (
                            <code className="ml-1 font-mono">{a.workflow_run.head_branch}</code>
                          ) : null}
                        </Td>
                        <Td
                          className="text-right font-mono text-xs whitespace-nowrap"
                          title={`${a.size_in_bytes.toLocaleString("en-US")} bytes`}
                        >
                          {formatBytes(a.size_in_bytes)}
                        </Td>
                        <Td className="text-xs whitespace-nowrap">
                          <RelativeTime date={a.created_at} />
                        </Td>
                        <Td className="text-xs whitespace-nowrap">
                          {gone ? (
                            <Badge tone="warning">Expired</Badge>
                          ) : (
                            <RelativeTime date={a.expires_at} />
                          )}
                        </Td>
                        <Td className="text-xs whitespace-nowrap">
                          <span className="flex gap-3">
                            {gone ? (
                              <span className="text-gray-700 dark:text-gray-300">Not downloadable</span>
                            ) : (
                              <a
                                href={`/api/github/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/actions/artifacts/${a.id}/zip`}
                                download={`${a.name}.zip`}
                                className={link}
                                aria-label={`Download ${a.name} (#${a.id})`}
                              >
                                Download
                              </a>
                            )}
                            <button
                              type="button"
                              className="font-medium text-red-700 hover:underline disabled:opacity-60 dark:text-red-400"
                              disabled={running}
                              aria-label={`Delete ${a.name} (#${a.id})`}
                              onClick={() => setConfirm([a])}
                            >
                              Delete
                            </button>
                          </span>
                        </Td>
                      </Tr>
                    );
                  })}
                </TBody>
              </Table>
            )}
            {pages > 1 ? (
              <nav
                aria-label="Artifact pages"
                className="flex items-center justify-between border-t border-gray-200 px-4 py-2 text-sm dark:border-gray-700"
              >
                <Button size="sm" disabled={currentPage === 0} onClick={() => setPageIndex(currentPage - 1)}>
                  ← Previous
                </Button>
                <span>
                  {(currentPage * PAGE_SIZE + 1).toLocaleString("en-US")}–
                  {Math.min(shown.length, (currentPage + 1) * PAGE_SIZE).toLocaleString("en-US")} of{" "}
                  {shown.length.toLocaleString("en-US")}
                </span>
                <Button
                  size="sm"
                  disabled={currentPage >= pages - 1}
                  onClick={() => setPageIndex(currentPage + 1)}
                >
                  Next →
                </Button>
              </nav>
            ) : null}
          </Card>
          {all.length > 0 && expired.length === all.length ? (
            <Alert tone="info" level={3} role="none">
              Every artifact here has expired: GitHub no longer serves them, but they still count until
              deleted.
            </Alert>
          ) : null}
        </>
      )}

      <ConfirmDialog
        open={confirm !== null}
        title={
          confirm?.length === 1
            ? `Delete artifact ${confirm[0]?.name ?? ""}?`
            : `Delete ${confirm?.length ?? 0} artifacts?`
        }
        confirmLabel={confirm?.length === 1 ? "Delete artifact" : "Delete artifacts"}
        typeToConfirm={confirm && confirm.length > 1 ? `delete ${confirm.length}` : undefined}
        onConfirm={() => void runDelete(confirm ?? [])}
        onCancel={() => setConfirm(null)}
      >
        <p>
          {confirm?.length === 1 ? "This artifact is" : "These artifacts are"} deleted for good, freeing{" "}
          {formatBytes(totalBytes(confirm ?? []))}:
        </p>
        <ul className="mt-2 max-h-40 list-disc overflow-auto pl-5">
          {(confirm ?? []).slice(0, 50).map((a) => (
            <li key={a.id}>
              {a.name} (#{a.id}, {formatBytes(a.size_in_bytes)})
            </li>
          ))}
          {(confirm?.length ?? 0) > 50 ? <li>…and {(confirm?.length ?? 0) - 50} more</li> : null}
        </ul>
      </ConfirmDialog>
    </div>
  );
}
