"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { orgHref, repoHref } from "@/lib/client/switcher";
import { buildMatrix, cellState, orgSecretReach, type CellState } from "@/lib/overview/secrets";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/Table";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { RelativeTime } from "@/components/runs/RelativeTime";
import { Empty, RepoLink, SectionProgress, link, muted } from "./parts";
import type { OrgOverviewData } from "./use-org-overview";

const VISIBILITY_TEXT: Record<string, string> = {
  all: "All repositories",
  private: "Private and internal repositories",
  selected: "Selected repositories",
};

const CELL: Record<CellState, { text: string; className: string; label: string }> = {
  present: { text: "✓", className: "text-green-800 dark:text-green-300", label: "set" },
  missing: {
    text: "missing",
    className: "bg-amber-100 font-semibold text-amber-950 dark:bg-amber-900/60 dark:text-amber-100",
    label: "missing (most repositories have it)",
  },
  stray: {
    text: "stray",
    className: "bg-purple-100 font-semibold text-purple-950 dark:bg-purple-900/60 dark:text-purple-100",
    label: "stray (only here or in a few repositories)",
  },
  override: {
    text: "overrides org",
    className: "bg-blue-100 font-semibold text-blue-950 dark:bg-blue-900/60 dark:text-blue-100",
    label: "set, and overrides the organization secret of the same name",
  },
  absent: { text: "", className: "", label: "not set" },
};

/** Above this many repositories the matrix starts with only the rows that have something to look at. */
const FILTER_BY_DEFAULT_ABOVE = 25;

export function SecretsSection({ org, data }: { org: string; data: OrgOverviewData }) {
  const { secrets, liveRepos } = data;
  const orgSecrets = secrets.org;
  const repoEntries = useMemo(
    () =>
      liveRepos.map((repo, i) => ({
        repo: repo.fullName,
        names: secrets.repos.data[i] ?? null,
      })),
    [liveRepos, secrets.repos],
  );
  const matrix = useMemo(
    () => buildMatrix(repoEntries, (orgSecrets.data ?? []).map((s) => s.name)),
    [repoEntries, orgSecrets.data],
  );
  const [flaggedOnly, setFlaggedOnly] = useState<boolean | null>(null);
  const onlyFlagged = flaggedOnly ?? liveRepos.length > FILTER_BY_DEFAULT_ABOVE;
  const rows = onlyFlagged ? matrix.rows.filter((r) => r.flagged > 0 || r.names === null) : matrix.rows;
  const flaggedCells = matrix.rows.reduce((n, r) => n + r.flagged, 0);
  const unreadable = secrets.repos.failed;

  return (
    <Card
      title={
        <>
          Secrets inventory{" "}
          {orgSecrets.data ? (
            <span className={`font-normal ${muted}`}>
              · {orgSecrets.data.length} org secrets, {matrix.columns.length} repository secret names, {flaggedCells} to look at
            </span>
          ) : null}
        </>
      }
      titleId="secrets"
      bodyClassName="p-0"
      actions={
        <>
          <Link href={`${orgHref(org)}/settings/secrets/actions`} className={`text-sm ${link}`}>
            Manage org secrets
          </Link>
          <Button size="sm" variant="secondary" onClick={secrets.refresh} disabled={orgSecrets.isFetching}>
            Refresh
          </Button>
        </>
      }
    >
      {orgSecrets.error ? (
        <ErrorPanel
          error={orgSecrets.error}
          what="the organization's secrets (this needs an organization owner's token with admin:org; repository secrets are not read either)"
          level={3}
          className="m-4"
        />
      ) : orgSecrets.isPending ? (
        <LoadingBlock label="Loading secrets…" className="p-4" lines={3} />
      ) : (
        <>
          <h3 className="px-3 pt-3 pb-1 text-sm font-semibold">Organization secrets</h3>
          {orgSecrets.data.length === 0 ? (
            <Empty>This organization has no Actions secrets.</Empty>
          ) : (
            <Table caption="Organization secrets, who can use them and how many repositories they reach">
              <THead>
                <tr>
                  <Th>Name</Th>
                  <Th>Visibility</Th>
                  <Th>Reach</Th>
                  <Th>Updated</Th>
                </tr>
              </THead>
              <TBody>
                {orgSecrets.data.map((s) => {
                  const selected = secrets.selectedRepos.get(s.name) ?? null;
                  const reach = orgSecretReach(s, liveRepos, selected);
                  return (
                    <Tr key={s.name} data-testid="org-secret" data-name={s.name} data-visibility={s.visibility}>
                      <Td className="py-1.5">
                        <code className="font-mono text-xs font-semibold">{s.name}</code>
                      </Td>
                      <Td className="py-1.5 text-xs">{VISIBILITY_TEXT[s.visibility] ?? s.visibility}</Td>
                      <Td className="py-1.5 text-xs" data-testid="org-secret-reach">
                        {reach.count === null ? (
                          secrets.selectedError ? (
                            "could not be read"
                          ) : (
                            "…"
                          )
                        ) : reach.repos ? (
                          <details>
                            <summary className="cursor-pointer">
                              {reach.count} {reach.count === 1 ? "repository" : "repositories"}
                            </summary>
                            <ul className="mt-1 flex flex-wrap gap-x-3">
                              {reach.repos.map((r) => (
                                <li key={r} data-testid="org-secret-repo">
                                  <RepoLink repo={r} org={org} />
                                </li>
                              ))}
                            </ul>
                          </details>
                        ) : (
                          `${reach.count} ${reach.count === 1 ? "repository" : "repositories"}`
                        )}
                      </Td>
                      <Td className="py-1.5 text-xs">
                        <RelativeTime date={s.updated_at} />
                      </Td>
                    </Tr>
                  );
                })}
              </TBody>
            </Table>
          )}

          <div className="flex flex-wrap items-center gap-x-4 gap-y-1 border-t border-gray-200 px-3 pt-3 pb-1 dark:border-gray-700">
            <h3 className="text-sm font-semibold">Repository secrets</h3>
            <p className={`text-xs ${muted}`}>
              <Badge tone="warning">missing</Badge> most repositories have it · <Badge tone="accent">stray</Badge> only one or a
              few have it · <Badge tone="info">overrides org</Badge> same name as an org secret
            </p>
            <label className="ml-auto flex items-center gap-1.5 text-xs">
              <input type="checkbox" checked={onlyFlagged} onChange={(e) => setFlaggedOnly(e.target.checked)} />
              Only repositories with something to look at
            </label>
          </div>
          <SectionProgress progress={secrets.progress} label="Repositories whose secrets were read" />
          {unreadable > 0 ? (
            <p className={`px-3 py-1 text-xs ${muted}`}>
              {unreadable} {unreadable === 1 ? "repository's secrets" : "repositories' secrets"} could not be read (you need the
              admin role there); their rows are blank.
            </p>
          ) : null}
          {matrix.columns.length === 0 ? (
            secrets.progress.done < secrets.progress.total ? null : <Empty>No repository has its own secrets.</Empty>
          ) : rows.length === 0 ? (
            <Empty>Every repository has the common secrets and none stray. Untick the box to see them all.</Empty>
          ) : (
            <div className="max-h-[32rem] overflow-auto">
              <Table caption="Repository secret names by repository: missing, stray and overriding secrets are marked">
                <THead>
                  <tr>
                    <Th className="sticky top-0 left-0 z-10 bg-gray-50 dark:bg-gray-800">Repository</Th>
                    {matrix.columns.map((c) => (
                      <Th key={c.name} className="sticky top-0 bg-gray-50 text-center normal-case dark:bg-gray-800">
                        <code className="font-mono text-xs">{c.name}</code>
                        <span className="block text-[11px] font-normal">
                          {c.count}/{matrix.read}
                        </span>
                      </Th>
                    ))}
                  </tr>
                </THead>
                <TBody>
                  {rows.map((row) => (
                    <Tr key={row.repo} data-testid="secret-row" data-repo={row.repo}>
                      <Th scope="row" className="sticky left-0 bg-white py-1 font-normal dark:bg-gray-900">
                        <Link href={`${repoHref(row.repo)}/settings/secrets/actions`} className={link} title={row.repo}>
                          {row.repo.slice(org.length + 1)}
                        </Link>
                        {row.names === null ? <span className={`ml-1 text-xs ${muted}`}>(not readable)</span> : null}
                      </Th>
                      {matrix.columns.map((c) => {
                        const state = cellState(c, row.names);
                        const cell = CELL[state];
                        return (
                          <Td
                            key={c.name}
                            className={`py-1 text-center text-xs ${cell.className}`}
                            data-testid="secret-cell"
                            data-name={c.name}
                            data-state={state}
                            title={`${c.name} in ${row.repo}: ${cell.label}`}
                          >
                            {cell.text}
                            {state === "absent" || state === "present" ? <span className="sr-only">{cell.label}</span> : null}
                          </Td>
                        );
                      })}
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </div>
          )}
        </>
      )}
    </Card>
  );
}
