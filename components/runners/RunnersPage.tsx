"use client";

import Link from "next/link";
import { Suspense } from "react";
import { runnersPath, scopeLabel, type RunnerScope } from "@/lib/runners/scope";
import { Badge } from "@/components/ui/Badge";
import { ButtonLink } from "@/components/ui/Button";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { RunnersTable } from "./RunnersTable";
import { GatedButtonLink } from "./WriteAccess";

const link = "font-medium text-blue-700 hover:underline dark:text-blue-400";

export function scopeHome(scope: RunnerScope): string {
  return scope.kind === "org"
    ? `/organizations/${encodeURIComponent(scope.org)}`
    : `/${encodeURIComponent(scope.owner)}/${encodeURIComponent(scope.repo)}`;
}

export function RunnersPage({ scope }: { scope: RunnerScope }) {
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm">
            <Link href={scopeHome(scope)} className={link}>
              {scopeLabel(scope)}
            </Link>{" "}
            / Settings / Actions
          </p>
          <h1 className="text-2xl font-semibold">Runners</h1>
          <p className="mt-1 flex items-center gap-2 text-sm text-gray-700 dark:text-gray-300">
            Self-hosted runners of {scope.kind === "org" ? "the organization" : "the repository"} {scopeLabel(scope)}.
            <Badge tone="info">
              <span aria-hidden="true" className="inline-block h-1.5 w-1.5 animate-pulse rounded-full bg-current" />
              Live
            </Badge>
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          {scope.kind === "org" ? (
            <ButtonLink href={`/organizations/${encodeURIComponent(scope.org)}/settings/actions/runner-groups`}>
              Runner groups
            </ButtonLink>
          ) : null}
          <GatedButtonLink href={`${runnersPath(scope)}/new`}>New self-hosted runner</GatedButtonLink>
        </div>
      </div>
      <Suspense fallback={<LoadingBlock label="Loading runners…" />}>
        <RunnersTable scope={scope} />
      </Suspense>
    </div>
  );
}
