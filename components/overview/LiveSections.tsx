"use client";

import Link from "next/link";
import { reasonDetail, reasonTitle, type StuckReason } from "@/lib/overview/stuck";
import type { RunView } from "@/lib/overview/queries";
import { Badge, type BadgeTone } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/Table";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { RunStatusBadge } from "@/components/shell/RunStatusBadge";
import { Empty, Labels, RepoLink, SectionProgress, Since, jobHref, link, muted, runHref } from "./parts";
import type { OrgOverviewData } from "./use-org-overview";

function LiveBadge({ polling }: { polling: boolean }) {
  return (
    <Badge tone="info">
      <span
        aria-hidden="true"
        className={`inline-block h-1.5 w-1.5 rounded-full bg-current ${polling ? "animate-pulse" : ""}`}
      />
      Live
    </Badge>
  );
}

export function NowSection({ org, data }: { org: string; data: OrgOverviewData }) {
  const { runs, progress, error, failedRepos, settled } = data.active;
  const rows: RunView[] = [...runs.inProgress, ...runs.queued].sort(
    (a, b) => (b.startedAt ?? b.createdAt).localeCompare(a.startedAt ?? a.createdAt) || b.id - a.id,
  );
  return (
    <Card
      title={
        <>
          Now <span className={`font-normal ${muted}`}>· {runs.inProgress.length} in progress, {runs.queued.length} queued</span>
        </>
      }
      titleId="now"
      bodyClassName="p-0"
      actions={<LiveBadge polling={data.liveCycle.polling} />}
    >
      <SectionProgress progress={progress} label="Repositories checked for queued and running workflows" />
      {error ? (
        <ErrorPanel
          error={error}
          what={`the runs of ${failedRepos} ${failedRepos === 1 ? "repository" : "repositories"}`}
          level={3}
          className="m-4"
        />
      ) : null}
      {rows.length === 0 ? (
        settled ? (
          <Empty>Nothing is queued or running in {org}.</Empty>
        ) : (
          <LoadingBlock label="Looking for queued and running workflows…" className="p-4" lines={2} />
        )
      ) : (
        <Table caption="Workflow runs queued or in progress across the organization, most recent first">
          <THead>
            <tr>
              <Th className="w-28">Status</Th>
              <Th>Repository</Th>
              <Th>Run</Th>
              <Th>Branch</Th>
              <Th>Event</Th>
              <Th>Actor</Th>
              <Th className="text-right">For</Th>
            </tr>
          </THead>
          <TBody>
            {rows.map((run) => (
              <Tr key={run.id} data-testid="now-row" data-run-id={run.id} data-status={run.status}>
                <Td className="py-1.5">
                  <RunStatusBadge status={run.status} conclusion={run.conclusion} />
                </Td>
                <Td className="py-1.5">
                  <RepoLink repo={run.repo} org={org} />
                </Td>
                <Td className="py-1.5">
                  <Link href={runHref(run.repo, run.id)} className={link}>
                    {run.title}
                  </Link>
                  <span className={`block text-xs ${muted}`}>
                    {run.workflowName} #{run.runNumber}
                    {run.runAttempt > 1 ? ` · attempt ${run.runAttempt}` : ""}
                  </span>
                </Td>
                <Td className="py-1.5">
                  <code className="font-mono text-xs">{run.branch ?? "—"}</code>
                </Td>
                <Td className="py-1.5 text-xs">{run.event}</Td>
                <Td className="py-1.5 text-xs">{run.actor ?? "—"}</Td>
                <Td className="py-1.5 text-right text-xs whitespace-nowrap">
                  <Since from={run.status === "queued" ? run.createdAt : (run.startedAt ?? run.createdAt)} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}

const REASON_TONE: Record<StuckReason["kind"], BadgeTone> = {
  "no-label": "danger",
  "group-excludes": "accent",
  offline: "warning",
  busy: "info",
};

export function StuckSection({ org, data }: { org: string; data: OrgOverviewData }) {
  const { stuck, runners, groups, jobs } = data;
  const fleetError = runners.error ?? groups.error;
  return (
    <Card
      title={
        <>
          Stuck jobs{" "}
          <span className={`font-normal ${muted}`}>
            · {stuck === null ? (fleetError ? "—" : "…") : stuck.length} queued with no runner able to take them
          </span>
        </>
      }
      titleId="stuck"
      bodyClassName="p-0"
      actions={<LiveBadge polling={data.liveCycle.polling} />}
    >
      <SectionProgress progress={jobs.progress} label="Jobs of active runs read" />
      {fleetError ? (
        <ErrorPanel
          error={fleetError}
          what="the organization's runners and runner groups, needed to tell why a job waits"
          level={3}
          className="m-4"
        />
      ) : null}
      {jobs.error ? <ErrorPanel error={jobs.error} what={`the jobs of ${jobs.failed} runs`} level={3} className="m-4" /> : null}
      {data.groupReposError ? (
        <ErrorPanel error={data.groupReposError} what="the repositories of a runner group" level={3} className="m-4" />
      ) : null}
      {data.repoRunnersError ? (
        <ErrorPanel error={data.repoRunnersError} what="a repository's own runners" level={3} className="m-4" />
      ) : null}
      {stuck === null ? (
        fleetError ? null : <LoadingBlock label="Reading runners and runner groups…" className="p-4" lines={2} />
      ) : stuck.length === 0 ? (
        <Empty>
          {data.active.settled && jobs.settled
            ? "No stuck jobs: every queued job has an online, idle runner that can take it."
            : "No stuck jobs found so far."}
        </Empty>
      ) : (
        <Table caption="Queued jobs that no runner can take now, with the reason, longest waiting first">
          <THead>
            <tr>
              <Th>Job</Th>
              <Th>Repository</Th>
              <Th>runs-on</Th>
              <Th>Why it waits</Th>
              <Th className="text-right">Queued for</Th>
            </tr>
          </THead>
          <TBody>
            {stuck.map(({ job, run, reason, siblingsRunning }) => (
              <Tr key={job.id} data-testid="stuck-row" data-job-id={job.id} data-reason={reason.kind}>
                <Td className="py-1.5">
                  <Link href={jobHref(run.repo, run.id, job.id)} className={link}>
                    {job.name}
                  </Link>
                  <p className={`text-xs ${muted}`}>
                    <Link href={runHref(run.repo, run.id)} className="hover:underline">
                      {run.workflowName} #{run.runNumber}
                    </Link>{" "}
                    · {run.title}
                  </p>
                </Td>
                <Td className="py-1.5">
                  <RepoLink repo={run.repo} org={org} />
                </Td>
                <Td className="py-1.5">
                  <Labels labels={job.labels} highlight={reason.kind === "no-label" ? reason.missing : []} />
                </Td>
                <Td className="py-1.5">
                  <Badge tone={REASON_TONE[reason.kind]}>{reasonTitle(reason)}</Badge>
                  <p className="mt-0.5 text-xs">{reasonDetail(reason)}</p>
                  {siblingsRunning && reason.kind !== "no-label" && reason.kind !== "group-excludes" ? (
                    <p className={`text-xs ${muted}`}>Another job of this run is running: it may also wait for a job it needs.</p>
                  ) : null}
                </Td>
                <Td className="py-1.5 text-right text-xs whitespace-nowrap">
                  <Since from={job.createdAt} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
