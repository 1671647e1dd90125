"use client";

import Link from "next/link";
import { useMemo } from "react";
import { orgHref } from "@/lib/client/switcher";
import { countRunners, fleetByGroup, fleetByLabel, formatUtilisation, type FleetRow } from "@/lib/overview/fleet";
import { Card } from "@/components/ui/Card";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/Table";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { Empty, link, muted } from "./parts";
import type { OrgOverviewData } from "./use-org-overview";

function UtilBar({ value }: { value: number | null }) {
  const pct = value === null ? 0 : Math.round(value * 100);
  return (
    <span className="flex items-center justify-end gap-2">
      <span className="tabular-nums">{formatUtilisation(value)}</span>
      <span aria-hidden="true" className="inline-block h-1.5 w-14 overflow-hidden rounded bg-gray-200 dark:bg-gray-700">
        <span
          className={`block h-full ${pct >= 90 ? "bg-red-600" : pct >= 70 ? "bg-amber-500" : "bg-blue-600"}`}
          style={{ width: `${pct}%` }}
        />
      </span>
    </span>
  );
}

function FleetTable({ rows, caption, first, testid }: { rows: FleetRow[]; caption: string; first: string; testid: string }) {
  return (
    <Table caption={caption}>
      <THead>
        <tr>
          <Th>{first}</Th>
          <Th className="text-right">Online</Th>
          <Th className="text-right">Idle</Th>
          <Th className="text-right">Busy</Th>
          <Th className="text-right">Offline</Th>
          <Th className="text-right">Utilisation</Th>
        </tr>
      </THead>
      <TBody>
        {rows.map((row) => (
          <Tr key={row.key} data-testid={testid} data-name={row.name}>
            <Th scope="row" className="py-1.5 font-medium">
              {first === "Label" ? <code className="font-mono text-xs">{row.name}</code> : row.name}
            </Th>
            <Td className="py-1.5 text-right tabular-nums" data-col="online">
              {row.counts.online}
            </Td>
            <Td className="py-1.5 text-right tabular-nums" data-col="idle">
              {row.counts.idle}
            </Td>
            <Td className="py-1.5 text-right tabular-nums" data-col="busy">
              {row.counts.busy}
            </Td>
            <Td
              className={`py-1.5 text-right tabular-nums ${row.counts.offline > 0 ? "text-amber-800 dark:text-amber-300" : ""}`}
              data-col="offline"
            >
              {row.counts.offline}
            </Td>
            <Td className="py-1.5 text-right text-xs">
              <UtilBar value={row.counts.utilisation} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

export function FleetSection({ org, data }: { org: string; data: OrgOverviewData }) {
  const { runners, groups } = data;
  const byGroup = useMemo(
    () => (runners.data && groups.data ? fleetByGroup(runners.data, groups.data) : null),
    [runners.data, groups.data],
  );
  const byLabel = useMemo(() => (runners.data ? fleetByLabel(runners.data) : null), [runners.data]);
  const totals = runners.data ? countRunners(runners.data) : null;
  return (
    <Card
      title={
        <>
          Fleet{" "}
          {totals ? (
            <span className={`font-normal ${muted}`}>
              · {totals.total} runners, {totals.online} online ({totals.busy} busy, {totals.idle} idle), {totals.offline}{" "}
              offline · utilisation {formatUtilisation(totals.utilisation)}
            </span>
          ) : null}
        </>
      }
      titleId="fleet"
      bodyClassName="p-0"
      actions={
        <Link href={`${orgHref(org)}/settings/actions/runners`} className={`text-sm ${link}`}>
          Manage runners
        </Link>
      }
    >
      {runners.error ? (
        <ErrorPanel error={runners.error} what="the organization's runners" level={3} className="m-4" />
      ) : groups.error ? (
        <ErrorPanel error={groups.error} what="the organization's runner groups" level={3} className="m-4" />
      ) : !byGroup || !byLabel ? (
        <LoadingBlock label="Loading runners…" className="p-4" lines={3} />
      ) : runners.data?.length === 0 ? (
        <Empty>This organization has no self-hosted runners.</Empty>
      ) : (
        <div className="grid gap-0 lg:grid-cols-2 lg:divide-x lg:divide-gray-200 dark:lg:divide-gray-700">
          <div>
            <h3 className="px-3 pt-3 pb-1 text-sm font-semibold">By runner group</h3>
            <FleetTable rows={byGroup} caption="Runners by runner group" first="Group" testid="fleet-group" />
          </div>
          <div>
            <h3 className="px-3 pt-3 pb-1 text-sm font-semibold">By label</h3>
            <FleetTable rows={byLabel} caption="Runners by label" first="Label" testid="fleet-label" />
          </div>
        </div>
      )}
    </Card>
  );
}
