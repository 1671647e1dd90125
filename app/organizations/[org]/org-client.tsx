"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { SerializedApiError } from "@/lib/client/api-error";
import { browserGitHub } from "@/lib/client/octokit";
import { orgHref } from "@/lib/client/switcher";
import { describeAllowedActions, describeEnabledRepositories } from "@/lib/client/view";
import { orgQueries } from "@/lib/queries/orgs";
import { Avatar } from "@/components/ui/Avatar";
import { Card } from "@/components/ui/Card";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { ErrorPanel } from "@/components/shell/ErrorPanel";

const link = "font-medium text-blue-700 hover:underline dark:text-blue-400";

export function OrgOverview({
  org,
  permissionsError,
}: {
  org: string;
  permissionsError?: SerializedApiError | undefined;
}) {
  const detail = useQuery(orgQueries.detail(browserGitHub, org));
  // When the server already got an error (e.g. 403 for a missing admin:org), show it and don't repeat the request.
  const permissions = useQuery({
    ...orgQueries.actionsPermissions(browserGitHub, org),
    enabled: !permissionsError,
  });
  const base = orgHref(org);
  const data = detail.data;

  const repoCount =
    data === undefined
      ? undefined
      : data.total_private_repos !== undefined
        ? `${data.public_repos + data.total_private_repos} (${data.public_repos} public, ${data.total_private_repos} private or internal)`
        : `${data.public_repos} public`;

  return (
    <div className="space-y-6">
      <div className="flex items-center gap-3">
        <Avatar src={data?.avatar_url} name={org} size={48} square decorative />
        <div>
          <h1 className="text-2xl font-semibold">{data?.name || org}</h1>
          <p className="text-sm text-gray-700 dark:text-gray-300">
            {data?.name && data.name !== org ? <span className="mr-2 font-mono">{org}</span> : null}
            Organization
          </p>
        </div>
      </div>

      {detail.error ? (
        <ErrorPanel
          error={detail.error}
          what={`the organization “${org}”`}
          onRetry={() => void detail.refetch()}
        />
      ) : null}

      <div className="grid gap-6 md:grid-cols-2">
        <Card title="About" titleId="org-about">
          {data ? (
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
              {data.description ? (
                <>
                  <dt className="font-medium">Description</dt>
                  <dd>{data.description}</dd>
                </>
              ) : null}
              <dt className="font-medium">Repositories</dt>
              <dd data-testid="org-repo-count">{repoCount}</dd>
              {data.plan?.name ? (
                <>
                  <dt className="font-medium">Plan</dt>
                  <dd>{data.plan.name}</dd>
                </>
              ) : null}
            </dl>
          ) : (
            <LoadingBlock label="Loading organization…" lines={3} />
          )}
        </Card>

        <Card title="Actions settings" titleId="org-settings">
          <ul className="space-y-2 text-sm">
            <li>
              <Link href={`${base}/actions`} className={link}>
                Actions overview
              </Link>
              <p className="text-gray-700 dark:text-gray-300">
                Across every repository: what runs now, stuck jobs and why, failures, the fleet, secrets.
              </p>
            </li>
            <li>
              <Link href={`${base}/settings/actions/runners`} className={link}>
                Runners and runner groups
              </Link>
              <p className="text-gray-700 dark:text-gray-300">
                Self-hosted runners, their status, labels and groups.
              </p>
            </li>
            <li>
              <Link href={`${base}/settings/secrets/actions`} className={link}>
                Secrets
              </Link>
              <p className="text-gray-700 dark:text-gray-300">
                Organization secrets and which repositories can use them.
              </p>
            </li>
            <li>
              <Link href={`${base}/settings/actions`} className={link}>
                Actions permissions
              </Link>
              <p className="text-gray-700 dark:text-gray-300">
                Which repositories may run Actions, and which actions they may use.
              </p>
            </li>
          </ul>
        </Card>
      </div>

      <Card title="Actions permissions" titleId="org-permissions">
        {permissionsError ? (
          <ErrorPanel error={permissionsError} what="this organization's Actions permissions" level={3} />
        ) : permissions.error ? (
          <ErrorPanel
            error={permissions.error}
            what="this organization's Actions permissions"
            level={3}
            onRetry={() => void permissions.refetch()}
          />
        ) : permissions.data ? (
          <dl
            className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm"
            data-testid="org-permissions"
          >
            <dt className="font-medium">Actions enabled for</dt>
            <dd>{describeEnabledRepositories(permissions.data.enabled_repositories)}</dd>
            <dt className="font-medium">Allowed actions</dt>
            <dd>{describeAllowedActions(permissions.data.allowed_actions)}</dd>
            <dd className="col-span-2">
              <Link href={`${base}/settings/actions`} className={link}>
                Change Actions permissions
              </Link>
            </dd>
          </dl>
        ) : (
          <LoadingBlock label="Loading Actions permissions…" lines={2} />
        )}
      </Card>
    </div>
  );
}
