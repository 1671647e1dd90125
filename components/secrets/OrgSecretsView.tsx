"use client";

import { useState } from "react";
import { useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SerializedApiError } from "@/lib/client/api-error";
import { browserGitHub } from "@/lib/client/octokit";
import { orgHref } from "@/lib/client/switcher";
import { formatUtc } from "@/lib/client/view";
import { filterByName, visibilityLabel } from "@/lib/secrets/access";
import type { OrgVisibility } from "@/lib/secrets/write";
import { secretKeys, secretQueries, type OrgSecret } from "@/lib/queries/secrets";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/Table";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { AccessDialog } from "./AccessDialog";
import { BulkSecrets } from "./BulkSecrets";
import { DeleteSecretDialog, NoticeBanner, type Notice } from "./common";
import { SecretsHeader, SecretsListCard } from "./SecretsList";
import { SecretEditor } from "./SecretEditor";

const asVisibility = (v: string | undefined): OrgVisibility => (v === "private" || v === "selected" ? v : "all");

export function OrgSecretsView({ org, listError }: { org: string; listError?: SerializedApiError | undefined }) {
  const queryClient = useQueryClient();
  const list = useQuery({ ...secretQueries.org(browserGitHub, org), enabled: !listError });
  const repos = useQuery(secretQueries.orgRepos(browserGitHub, org));
  const secrets = list.data ?? [];
  const selectedLists = useQueries({
    queries: secrets.filter((s) => s.visibility === "selected").map((s) => secretQueries.orgRepositories(browserGitHub, org, s.name)),
  });
  const selectedOf = (name: string) => {
    const i = secrets.filter((s) => s.visibility === "selected").findIndex((s) => s.name === name);
    return i >= 0 ? selectedLists[i] : undefined;
  };
  const [filter, setFilter] = useState("");
  const [editor, setEditor] = useState<{ mode: "create" } | { mode: "update"; secret: OrgSecret } | null>(null);
  const [access, setAccess] = useState<OrgSecret | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const shown = filterByName(secrets, filter);
  const repoList = repos.data ?? [];

  const selectedIds = (s: OrgSecret) => (selectedOf(s.name)?.data ?? []).map((r) => Number(r.id));

  return (
    <div className="space-y-6">
      <SecretsHeader href={orgHref(org)} owner={org}>
        Organization secrets can be used by the repositories you give access to. Values are sealed in your browser with GitHub&apos;s public key; this dashboard never sees them, and they cannot be read back.
      </SecretsHeader>

      <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />

      <SecretsListCard
        title="Organization secrets"
        titleId="org-secrets"
        what="the organization's secrets"
        newLabel="New organization secret"
        onNew={() => setEditor({ mode: "create" })}
        filter={filter}
        onFilter={setFilter}
        serverError={listError}
        list={list}
        total={secrets.length}
        shown={shown.length}
        empty="This organization has no Actions secrets yet."
      >
        <Table caption="Organization secrets">
          <THead>
            <tr>
              <Th>Name</Th>
              <Th>Updated</Th>
              <Th>Visibility</Th>
              <Th>Repositories</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {shown.map((s) => {
              const sel = selectedOf(s.name);
              return (
                <Tr key={s.name} data-testid={`org-secret-${s.name}`}>
                  <Td>
                    <code className="font-mono font-medium">{s.name}</code>
                  </Td>
                  <Td className="whitespace-nowrap text-xs">{formatUtc(s.updated_at)}</Td>
                  <Td>
                    <Badge tone={s.visibility === "selected" ? "accent" : s.visibility === "private" ? "info" : "neutral"}>{visibilityLabel(s.visibility)}</Badge>
                  </Td>
                  <Td className="text-sm" data-testid="repo-count">
                    {s.visibility === "selected"
                      ? sel?.data
                        ? `${sel.data.length} selected`
                        : sel?.error
                          ? "Could not load"
                          : "…"
                      : s.visibility === "private"
                        ? "Private and internal"
                        : "All"}
                  </Td>
                  <Td>
                    <div className="flex justify-end gap-2">
                      <Button
                        size="sm"
                        onClick={() => setEditor({ mode: "update", secret: s })}
                        aria-label={`Update value of ${s.name}`}
                        // The update re-sends the access; wait until the selected repositories are known.
                        disabled={s.visibility === "selected" && !sel?.data}
                      >
                        Update
                      </Button>
                      <Button size="sm" onClick={() => setAccess(s)} aria-label={`Repository access for ${s.name}`} disabled={s.visibility === "selected" && !sel?.data}>
                        Access
                      </Button>
                      <Button size="sm" variant="danger" onClick={() => setDeleting(s.name)} aria-label={`Delete ${s.name}`}>
                        Delete
                      </Button>
                    </div>
                  </Td>
                </Tr>
              );
            })}
          </TBody>
        </Table>
      </SecretsListCard>

      <Card title="Set secrets in many repositories" titleId="bulk-secrets">
        <p className="mb-3 text-sm text-gray-700 dark:text-gray-300">
          Sets repository secrets (not an organization secret) in each repository you choose: the value is sealed once with each repository&apos;s key.
        </p>
        {repos.error ? <ErrorPanel error={repos.error} what="the organization's repositories" level={3} onRetry={() => void repos.refetch()} /> : null}
        <BulkSecrets orgRepos={repoList} orgReposLoading={repos.isPending} />
      </Card>

      <SecretEditor
        open={editor !== null}
        scope={{ kind: "org", org }}
        existingName={editor?.mode === "update" ? editor.secret.name : undefined}
        existingNames={new Set(secrets.map((s) => s.name))}
        orgRepos={repoList}
        orgReposLoading={repos.isPending}
        currentAccess={
          editor?.mode === "update"
            ? { visibility: asVisibility(editor.secret.visibility), selected_repository_ids: selectedIds(editor.secret) }
            : undefined
        }
        onClose={() => setEditor(null)}
        onSaved={(message) => {
          setEditor(null);
          setNotice({ tone: "success", title: "Secret saved", message });
        }}
      />

      {access ? (
        <AccessDialog
          org={org}
          name={access.name}
          visibility={asVisibility(access.visibility)}
          selectedIds={selectedIds(access)}
          orgRepos={repoList}
          orgReposLoading={repos.isPending}
          onClose={() => setAccess(null)}
          onSaved={(message) => {
            setAccess(null);
            setNotice({ tone: "success", title: "Access changed", message });
          }}
        />
      ) : null}

      <DeleteSecretDialog
        target={deleting}
        where={`the ${org} organization`}
        remove={(name) => browserGitHub.request("DELETE /orgs/{org}/actions/secrets/{secret_name}", { org, secret_name: name })}
        onClose={() => setDeleting(null)}
        onDone={(n) => {
          setDeleting(null);
          setNotice(n);
          void queryClient.invalidateQueries({ queryKey: secretKeys.org(org) });
        }}
      />
    </div>
  );
}
