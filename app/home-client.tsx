"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { browserGitHub } from "@/lib/client/octokit";
import { orgHref, repoHref } from "@/lib/client/switcher";
import { repoRole, type RepoRole } from "@/lib/client/view";
import { userQueries, type UserRepo } from "@/lib/queries/user";
import { Avatar } from "@/components/ui/Avatar";
import { Badge, type BadgeTone } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/Table";
import { ErrorPanel } from "@/components/shell/ErrorPanel";

const ROLE_TONE: Record<RepoRole, BadgeTone> = {
  admin: "accent",
  maintain: "info",
  write: "success",
  triage: "neutral",
  read: "neutral",
};

const link = "font-medium text-blue-700 hover:underline dark:text-blue-400";

/** The home page's lists, hydrated from the server prefetch (no request on first paint). */
export function HomeClient() {
  const orgs = useQuery(userQueries.orgs(browserGitHub));
  const repos = useQuery(userQueries.repos(browserGitHub));
  const adminRepos = (repos.data ?? []).filter((r) => repoRole(r.permissions) === "admin");
  const otherRepos = (repos.data ?? []).filter((r) => repoRole(r.permissions) !== "admin");

  return (
    <div className="space-y-6">
      <Card
        title={`Organizations${orgs.data ? ` (${orgs.data.length})` : ""}`}
        titleId="orgs-heading"
        bodyClassName="p-0"
      >
        {orgs.error ? (
          <ErrorPanel
            error={orgs.error}
            what="your organizations"
            onRetry={() => void orgs.refetch()}
            className="m-4"
            level={3}
          />
        ) : orgs.isPending ? (
          <LoadingBlock label="Loading organizations…" className="p-4" />
        ) : orgs.data.length === 0 ? (
          <p className="p-4 text-sm text-gray-700 dark:text-gray-300">
            You are not a member of any organization.
          </p>
        ) : (
          <Table caption="Organizations you belong to">
            <THead>
              <tr>
                <Th>Organization</Th>
                <Th>Description</Th>
                <Th>Actions settings</Th>
              </tr>
            </THead>
            <TBody>
              {orgs.data.map((org) => {
                const base = orgHref(org.login);
                return (
                  <Tr key={org.id}>
                    <Td>
                      <span className="flex items-center gap-2">
                        <Avatar src={org.avatar_url} name={org.login} size={20} square decorative />
                        <Link href={base} className={link}>
                          {org.login}
                        </Link>
                      </span>
                    </Td>
                    <Td className="text-gray-700 dark:text-gray-300">{org.description || "—"}</Td>
                    <Td>
                      <span className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
                        <Link
                          href={`${base}/actions`}
                          className={link}
                          aria-label={`Actions overview of ${org.login}`}
                        >
                          Actions overview
                        </Link>
                        <Link
                          href={`${base}/settings/actions/runners`}
                          className={link}
                          aria-label={`Runners of ${org.login}`}
                        >
                          Runners
                        </Link>
                        <Link
                          href={`${base}/settings/secrets/actions`}
                          className={link}
                          aria-label={`Secrets of ${org.login}`}
                        >
                          Secrets
                        </Link>
                        <Link
                          href={`${base}/settings/actions`}
                          className={link}
                          aria-label={`Actions permissions of ${org.login}`}
                        >
                          Permissions
                        </Link>
                      </span>
                    </Td>
                  </Tr>
                );
              })}
            </TBody>
          </Table>
        )}
      </Card>

      <Card
        title={`Repositories you administer${repos.data ? ` (${adminRepos.length})` : ""}`}
        titleId="admin-repos-heading"
        bodyClassName="p-0"
      >
        {repos.error ? (
          <ErrorPanel
            error={repos.error}
            what="your repositories"
            onRetry={() => void repos.refetch()}
            className="m-4"
            level={3}
          />
        ) : repos.isPending ? (
          <LoadingBlock label="Loading repositories…" className="p-4" />
        ) : adminRepos.length === 0 ? (
          <p className="p-4 text-sm text-gray-700 dark:text-gray-300">
            You are not an admin of any repository. Runners, secrets and Actions settings need the admin role;
            you can still see runs of the repositories listed below.
          </p>
        ) : (
          <RepoTable repos={adminRepos} caption="Repositories you administer" />
        )}
      </Card>

      {otherRepos.length > 0 ? (
        <details className="rounded-lg border border-gray-200 dark:border-gray-700">
          <summary className="cursor-pointer px-4 py-3 text-sm font-semibold">
            Other repositories you can see ({otherRepos.length})
          </summary>
          <RepoTable repos={otherRepos} caption="Repositories you can see but do not administer" />
        </details>
      ) : null}
    </div>
  );
}

function RepoTable({ repos, caption }: { repos: UserRepo[]; caption: string }) {
  return (
    <Table caption={caption}>
      <THead>
        <tr>
          <Th>Repository</Th>
          <Th>Visibility</Th>
          <Th>Your role</Th>
          <Th>Links</Th>
        </tr>
      </THead>
      <TBody>
        {repos.map((repo) => {
          const role = repoRole(repo.permissions);
          const base = repoHref(repo.full_name);
          return (
            <Tr key={repo.id}>
              <Td>
                <Link href={base} className={link}>
                  {repo.full_name}
                </Link>
                {repo.archived ? (
                  <Badge tone="warning" className="ml-2">
                    Archived
                  </Badge>
                ) : null}
                {repo.description ? (
                  <p className="mt-0.5 text-xs text-gray-700 dark:text-gray-300">{repo.description}</p>
                ) : null}
              </Td>
              <Td>
                <Badge>{repo.visibility ?? (repo.private ? "private" : "public")}</Badge>
              </Td>
              <Td>
                <Badge tone={ROLE_TONE[role]}>{role}</Badge>
              </Td>
              <Td>
                <span className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
                  <Link
                    href={`${base}/actions`}
                    className={link}
                    aria-label={`Actions runs of ${repo.full_name}`}
                  >
                    Runs
                  </Link>
                  {role === "admin" ? (
                    <Link
                      href={`${base}/settings/actions`}
                      className={link}
                      aria-label={`Actions settings of ${repo.full_name}`}
                    >
                      Settings
                    </Link>
                  ) : null}
                </span>
              </Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
