"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { browserGitHub } from "@/lib/client/octokit";
import { groupKeys, groupQueries, runnerKeys, runnerQueries } from "@/lib/queries/runners";
import type { GroupFormValues } from "@/lib/runners/groups";
import { writeErrorText } from "@/lib/runners/write-error";
import { Alert } from "@/components/ui/Alert";
import { Card } from "@/components/ui/Card";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { GroupForm } from "./GroupForm";
import { AccessReason, useWriteGate } from "@/components/runners/WriteAccess";
import { groupsPath } from "./GroupsList";
import { pickerRepos } from "./RepoPicker";
import { orgScope } from "@/lib/runners/scope";

const link = "font-medium text-blue-700 hover:underline dark:text-blue-400";

export function NewGroup({ org }: { org: string }) {
  const router = useRouter();
  const qc = useQueryClient();
  const groups = useQuery(groupQueries.list(browserGitHub, org));
  const repos = useQuery(groupQueries.orgRepos(browserGitHub, org));
  const runners = useQuery(runnerQueries.list(browserGitHub, orgScope(org)));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const gate = useWriteGate();

  async function create(v: GroupFormValues) {
    setPending(true);
    setError(null);
    try {
      const res = await browserGitHub.request("POST /orgs/{org}/actions/runner-groups", {
        org,
        name: v.name.trim(),
        visibility: v.visibility,
        allows_public_repositories: v.allows_public_repositories,
        ...(v.visibility === "selected" ? { selected_repository_ids: v.selected_repository_ids } : {}),
        ...(v.runners.length > 0 ? { runners: v.runners } : {}),
        ...(v.restricted_to_workflows ? { restricted_to_workflows: true, selected_workflows: v.selected_workflows } : {}),
      });
      const created = res.data;
      await Promise.all([
        qc.invalidateQueries({ queryKey: groupKeys.all(org) }),
        qc.invalidateQueries({ queryKey: runnerKeys.all(orgScope(org)) }),
      ]);
      router.push(`${groupsPath(org)}/${created.id}`);
    } catch (e) {
      setError(writeErrorText(e, "create the group"));
      setPending(false);
    }
  }

  const workflowsSupported = (groups.data ?? []).some((g) => "restricted_to_workflows" in g);

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href={groupsPath(org)} className={link}>
            Runner groups of {org}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">New runner group</h1>
      </div>
      {error ? (
        <Alert tone="danger" role="alert">
          {error}
        </Alert>
      ) : null}
      <Card>
        <AccessReason gate={gate} part="form" className="mb-3" />
        {groups.isPending || repos.isPending || runners.isPending ? (
          <LoadingBlock label="Loading the organization's repositories and runners…" />
        ) : (
          <GroupForm
            mode="create"
            otherNames={(groups.data ?? []).map((g) => g.name)}
            repos={pickerRepos(repos.data ?? [])}
            runners={runners.data ?? []}
            workflowsSupported={workflowsSupported}
            pending={pending}
            disabled={!gate.allowed}
            onSubmit={(v) => void create(v)}
          />
        )}
      </Card>
    </div>
  );
}
