"use client";

import Link from "next/link";
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { SerializedApiError } from "@/lib/client/api-error";
import { browserGitHub } from "@/lib/client/octokit";
import { orgHref, repoHref } from "@/lib/client/switcher";
import { formatUtc } from "@/lib/client/view";
import { filterByName, overriddenOrgSecrets } from "@/lib/secrets/access";
import { secretKeys, secretQueries } from "@/lib/queries/secrets";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/Table";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { BulkSecrets } from "./BulkSecrets";
import { DeleteSecretDialog, NoticeBanner, type Notice } from "./common";
import { SecretsHeader, SecretsListCard } from "./SecretsList";
import { SecretEditor } from "./SecretEditor";

export function RepoSecretsView({
  owner,
  repo,
  listError,
  orgListError,
}: {
  owner: string;
  repo: string;
  listError?: SerializedApiError | undefined;
  orgListError?: SerializedApiError | undefined;
}) {
  const queryClient = useQueryClient();
  const list = useQuery({ ...secretQueries.repo(browserGitHub, owner, repo), enabled: !listError });
  const orgList = useQuery({ ...secretQueries.repoOrgSecrets(browserGitHub, owner, repo), enabled: !orgListError });
  const [filter, setFilter] = useState("");
  const [editor, setEditor] = useState<{ name?: string } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const secrets = list.data ?? [];
  const shown = filterByName(secrets, filter);
  const orgSecrets = orgList.data ?? [];
  const overridden = overriddenOrgSecrets(secrets, orgSecrets);
  const base = repoHref(`${owner}/${repo}`);

  return (
    <div className="space-y-6">
      <SecretsHeader href={base} owner={`${owner}/${repo}`}>
        Repository secrets are available to this repository&apos;s workflows and override organization secrets of the same name. Values are sealed in your browser; they cannot be read back.
      </SecretsHeader>

      <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />

      <SecretsListCard
        title="Repository secrets"
        titleId="repo-secrets"
        what="the repository's secrets"
        newLabel="New repository secret"
        onNew={() => setEditor({})}
        filter={filter}
        onFilter={setFilter}
        serverError={listError}
        list={list}
        total={secrets.length}
        shown={shown.length}
        empty="This repository has no secrets yet."
      >
        <Table caption="Repository secrets">
          <THead>
            <tr>
              <Th>Name</Th>
              <Th>Updated</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {shown.map((s) => (
              <Tr key={s.name} data-testid={`repo-secret-${s.name}`}>
                <Td>
                  <code className="font-mono font-medium">{s.name}</code>
                  {overridden.has(s.name) ? (
                    <Badge tone="info" className="ml-2">
                      overrides the organization secret
                    </Badge>
                  ) : null}
                </Td>
                <Td className="whitespace-nowrap text-xs">{formatUtc(s.updated_at)}</Td>
                <Td>
                  <div className="flex justify-end gap-2">
                    <Button size="sm" onClick={() => setEditor({ name: s.name })} aria-label={`Update value of ${s.name}`}>
                      Update
                    </Button>
                    <Button size="sm" variant="danger" onClick={() => setDeleting(s.name)} aria-label={`Delete ${s.name}`}>
                      Delete
                    </Button>
                  </div>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </SecretsListCard>

      <Card title={`Organization secrets available here${orgList.data ? ` (${orgSecrets.length})` : ""}`} titleId="org-secrets-here" bodyClassName="p-0">
        {orgListError ? (
          <ErrorPanel error={orgListError} what="the organization secrets this repository can use" level={3} className="m-4" />
        ) : orgList.error ? (
          <ErrorPanel error={orgList.error} what="the organization secrets this repository can use" level={3} className="m-4" onRetry={() => void orgList.refetch()} />
        ) : orgList.isPending ? (
          <LoadingBlock label="Loading organization secrets…" className="p-4" />
        ) : orgSecrets.length === 0 ? (
          <p className="p-4 text-sm">No organization secret is available to this repository.</p>
        ) : (
          <>
            <p className="px-4 pt-3 text-sm text-gray-700 dark:text-gray-300">
              Read-only here: they are managed in the{" "}
              <Link href={`${orgHref(owner)}/settings/secrets/actions`} className="text-blue-700 underline dark:text-blue-400">
                organization&apos;s settings
              </Link>
              .
            </p>
            <Table caption="Organization secrets available to this repository">
              <THead>
                <tr>
                  <Th>Name</Th>
                  <Th>Updated</Th>
                  <Th>In this repository</Th>
                </tr>
              </THead>
              <TBody>
                {orgSecrets.map((s) => (
                  <Tr key={s.name} data-testid={`available-org-secret-${s.name}`}>
                    <Td>
                      <code className="font-mono">{s.name}</code>
                    </Td>
                    <Td className="whitespace-nowrap text-xs">{formatUtc(s.updated_at)}</Td>
                    <Td>
                      {overridden.has(s.name) ? (
                        <Badge tone="warning">Overridden by the repository secret</Badge>
                      ) : (
                        <Badge tone="success">In use</Badge>
                      )}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </>
        )}
      </Card>

      <Card title="Import secrets from a .env file" titleId="dotenv-import">
        <BulkSecrets fixedRepos={[{ owner, repo }]} modes={["dotenv"]} />
      </Card>

      <SecretEditor
        open={editor !== null}
        scope={{ kind: "repo", owner, repo }}
        existingName={editor?.name}
        existingNames={new Set(secrets.map((s) => s.name))}
        onClose={() => setEditor(null)}
        onSaved={(message) => {
          setEditor(null);
          setNotice({ tone: "success", title: "Secret saved", message });
        }}
      />

      <DeleteSecretDialog
        target={deleting}
        where={`${owner}/${repo}`}
        remove={(name) => browserGitHub.request("DELETE /repos/{owner}/{repo}/actions/secrets/{secret_name}", { owner, repo, secret_name: name })}
        onClose={() => setDeleting(null)}
        onDone={(n) => {
          setDeleting(null);
          setNotice(n);
          void queryClient.invalidateQueries({ queryKey: secretKeys.repo(owner, repo) });
        }}
      />
    </div>
  );
}
