"use client";

import { useId, useState } from "react";
import { browserGitHub } from "@/lib/client/octokit";
import { countRepos, filterRepos } from "@/lib/permissions/policy";
import { writeFailure } from "@/lib/client/write-failure";
import type { RepoSummary } from "@/lib/queries/permissions";
import { Alert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/Table";

const input =
  "w-full rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm dark:border-gray-600 dark:bg-gray-950";
const MAX_SUGGESTIONS = 8;

type Outcome =
  | { tone: "success"; text: string }
  | { tone: "danger"; text: string };

/**
 * The selected repositories, changed one at a time (PUT/DELETE .../repositories/{id}): each add or remove
 * is saved at once, without touching the rest of the set.
 */
export function OneRepoAtATime({
  org,
  repos,
  selectedIds,
  onChanged,
}: {
  org: string;
  repos: RepoSummary[] | undefined;
  selectedIds: readonly number[];
  onChanged: () => Promise<unknown>;
}) {
  const [query, setQuery] = useState("");
  const [busy, setBusy] = useState<number | null>(null);
  const [removing, setRemoving] = useState<RepoSummary | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const searchId = useId();
  const byId = new Map((repos ?? []).map((r) => [r.id, r]));
  const selected = selectedIds
    .map((id) => byId.get(id) ?? { id, name: String(id), full_name: `repository ${id}`, visibility: "", archived: false })
    .sort((a, b) => a.full_name.localeCompare(b.full_name));
  const chosen = new Set(selectedIds);
  const candidates = query.trim()
    ? filterRepos((repos ?? []).filter((r) => !chosen.has(r.id)), query).slice(0, MAX_SUGGESTIONS)
    : [];

  const change = async (repo: RepoSummary, add: boolean) => {
    setBusy(repo.id);
    setOutcome(null);
    try {
      if (add) {
        await browserGitHub.request("PUT /orgs/{org}/actions/permissions/repositories/{repository_id}", {
          org,
          repository_id: repo.id,
        });
      } else {
        await browserGitHub.request("DELETE /orgs/{org}/actions/permissions/repositories/{repository_id}", {
          org,
          repository_id: repo.id,
        });
      }
      setOutcome({
        tone: "success",
        text: add ? `${repo.full_name} may now run GitHub Actions.` : `${repo.full_name} can no longer run GitHub Actions.`,
      });
      if (add) setQuery("");
    } catch (error) {
      const { message, outcome: o } = writeFailure(error, "PUT");
      setOutcome({
        tone: "danger",
        text: `${add ? "Adding" : "Removing"} ${repo.full_name} failed: ${message} ${
          o === "unknown" ? "It may or may not have been applied; the list below is what the server reports." : "Nothing was changed."
        }`,
      });
    } finally {
      setRemoving(null);
      try {
        await onChanged();
      } finally {
        setBusy(null);
      }
    }
  };

  return (
    <Card title={`Selected repositories (${selectedIds.length})`} titleId="selected-repositories">
      <div className="space-y-4">
        <p className="text-sm text-gray-700 dark:text-gray-300">
          Add or remove one repository at a time; each change is saved at once and leaves the rest of the list as it is.
        </p>
        {outcome ? (
          <Alert tone={outcome.tone} role={outcome.tone === "danger" ? "alert" : "status"}>
            <p data-testid="one-at-a-time-outcome">{outcome.text}</p>
          </Alert>
        ) : null}

        <div>
          <label htmlFor={searchId} className="mb-1 block text-sm font-medium">
            Add a repository
          </label>
          <input
            id={searchId}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Type part of a repository name"
            autoComplete="off"
            className={input}
            disabled={!repos}
          />
          {query.trim() ? (
            candidates.length ? (
              <ul className="mt-2 divide-y divide-gray-100 rounded border border-gray-200 dark:divide-gray-800 dark:border-gray-700" aria-label="Repositories to add">
                {candidates.map((r) => (
                  <li key={r.id} className="flex items-center gap-2 px-2 py-1.5 text-sm">
                    <span className="flex-1 font-mono">{r.full_name}</span>
                    {r.archived ? <Badge tone="warning">Archived</Badge> : null}
                    <Button
                      size="sm"
                      onClick={() => void change(r, true)}
                      disabled={busy !== null}
                      aria-label={`Add ${r.full_name}`}
                    >
                      {busy === r.id ? "Adding…" : "Add"}
                    </Button>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-2 text-sm text-gray-700 dark:text-gray-300">No unselected repository matches.</p>
            )
          ) : null}
        </div>

        {selected.length === 0 ? (
          <p className="text-sm text-gray-700 dark:text-gray-300">
            No repository is selected: no repository of {org} may run Actions.
          </p>
        ) : (
          <Table caption={`${countRepos(selected.length)} that may run GitHub Actions`}>
            <THead>
              <tr>
                <Th>Repository</Th>
                <Th>Visibility</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </THead>
            <TBody>
              {selected.map((r) => (
                <Tr key={r.id}>
                  <Td className="font-mono">
                    {r.full_name} {r.archived ? <Badge tone="warning">Archived</Badge> : null}
                  </Td>
                  <Td>{r.visibility}</Td>
                  <Td className="text-right">
                    <Button
                      size="sm"
                      variant="danger"
                      onClick={() => setRemoving(r)}
                      disabled={busy !== null}
                      aria-label={`Remove ${r.full_name}`}
                    >
                      {busy === r.id ? "Removing…" : "Remove"}
                    </Button>
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </div>
      <ConfirmDialog
        open={removing !== null}
        title="1 repository will lose Actions"
        confirmLabel="Remove and disable Actions"
        pending={busy !== null}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (removing) void change(removing, false);
        }}
      >
        <p data-testid="confirm-impact">
          <span className="font-mono">{removing?.full_name}</span> will lose GitHub Actions: its workflows stop running,
          including scheduled ones.
        </p>
      </ConfirmDialog>
    </Card>
  );
}
