"use client";

import Link from "next/link";
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { browserGitHub } from "@/lib/client/octokit";
import { runBulk, type BulkResult } from "@/lib/bulk/run-bulk";
import { groupQueries, runnerKeys, runnerQueries, scopedRequest, type Runner } from "@/lib/queries/runners";
import { jobLogPath, matchBusyJobs, type BusyJob } from "@/lib/runners/busy";
import {
  allLabels,
  applyRunnerFilters,
  countFilters,
  parseRunnerFilters,
  runnerCounts,
  runnerFiltersToQuery,
  runnerState,
  sortRunners,
  type RunnerFilters,
  type SortKey,
} from "@/lib/runners/filters";
import { runnersPath, scopeLabel, type RunnerScope } from "@/lib/runners/scope";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/Table";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { BulkResults } from "@/components/bulk/BulkResults";
import { LabelBadges, RunnerStateBadge } from "./RunnerStateBadge";
import { AccessReason, useWriteGate } from "./WriteAccess";

/** How long the filters must stay unchanged before the URL is updated. */
const URL_DELAY_MS = 300;

const link = "font-medium text-blue-700 hover:underline dark:text-blue-400";
const field =
  "rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm dark:border-gray-600 dark:bg-gray-950";

function SortHeader({
  k,
  label,
  filters,
  onSort,
}: {
  k: SortKey;
  label: string;
  filters: RunnerFilters;
  onSort: (k: SortKey) => void;
}) {
  const active = (filters.sort ?? "name") === k;
  const dir = filters.dir ?? "asc";
  return (
    <Th aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}>
      <button type="button" onClick={() => onSort(k)} className="inline-flex items-center gap-1 uppercase hover:underline">
        {label}
        <span aria-hidden="true">{active ? (dir === "asc" ? "▲" : "▼") : "↕"}</span>
      </button>
    </Th>
  );
}

interface RowCellsProps {
  runner: Runner;
  job: BusyJob | undefined;
  /** Whether the busy runner's job is still being looked for (only for busy rows without a job). */
  lookingUp: boolean;
  selected: boolean;
  /** False when the user may not delete runners: selecting one would lead nowhere. */
  selectable: boolean;
  onToggle: (id: number) => void;
  href: string;
  /** The group's name (org runners), or null for a repository's runners. */
  group: string | null;
}

/** A runner's cells. Memoised apart from the row, so showing or hiding the row does not render them again. */
const RunnerCells = memo(function RunnerCells({ runner: r, job, lookingUp, selected, selectable, onToggle, href, group }: RowCellsProps) {
  return (
    <>
      <Td>
        <input
          type="checkbox"
          aria-label={`Select ${r.name}`}
          checked={selected}
          disabled={!selectable}
          onChange={() => onToggle(r.id)}
        />
      </Td>
      <Td>
        <Link href={href} className={link}>
          {r.name}
        </Link>
        {r.ephemeral ? <Badge className="ml-2">ephemeral</Badge> : null}
      </Td>
      <Td>
        <RunnerStateBadge runner={r} />
      </Td>
      <Td className="text-xs">
        {job ? (
          <Link href={jobLogPath(job)} className={link} data-testid="busy-job">
            {job.owner}/{job.repo} · {job.name}
          </Link>
        ) : r.busy ? (
          <span className="text-gray-700 dark:text-gray-300">{lookingUp ? "Looking…" : "A job (not found)"}</span>
        ) : (
          "—"
        )}
      </Td>
      <Td>
        <LabelBadges labels={r.labels} />
      </Td>
      <Td>{r.os}</Td>
      {group !== null ? <Td>{group}</Td> : null}
    </>
  );
});

/**
 * One runner's row. Memoised: a fleet has hundreds of runners and a poll or a selection changes few of them, so
 * unchanged rows (same runner object from the query's structural sharing, same job, same selection) are not rendered
 * again. A filter does not unmount the rows it leaves out, it hides them (`hidden`: out of the layout and the
 * accessibility tree): mounting and unmounting hundreds of rows with their links is what made a keystroke slow,
 * toggling an attribute is not.
 */
const RunnerRow = memo(function RunnerRow({ hidden, ...cells }: RowCellsProps & { hidden: boolean }) {
  return (
    <Tr data-testid={`runner-row-${cells.runner.name}`} hidden={hidden}>
      <RunnerCells {...cells} />
    </Tr>
  );
});

/** A query string as the filters read it (what is compared: the URL keeps what the table wrote verbatim, e.g. a trailing space). */
function canonicalQuery(search: string): string {
  return runnerFiltersToQuery(parseRunnerFilters(new URLSearchParams(search)));
}

/**
 * The table owns the filters and writes them back to the URL; the URL's filters are taken again when a navigation
 * changes them (a link, back/forward), not when the URL is the table's own write. Only this wrapper reads
 * `useSearchParams`, so the router's re-render after each URL update stops here (same props) instead of rendering
 * the whole table once more per keystroke.
 */
export function RunnersTable({ scope }: { scope: RunnerScope }) {
  const searchParams = useSearchParams();
  const urlQuery = canonicalQuery(searchParams.toString());
  // The last query the table wrote (or the one it started from).
  const written = useRef(urlQuery);
  const [fromUrl, setFromUrl] = useState<RunnerFilters>(() => parseRunnerFilters(new URLSearchParams(urlQuery)));
  useEffect(() => {
    if (urlQuery === written.current) return;
    written.current = urlQuery;
    setFromUrl(parseRunnerFilters(new URLSearchParams(urlQuery)));
  }, [urlQuery]);
  const onWrote = useCallback((query: string) => {
    written.current = canonicalQuery(query);
  }, []);
  return <RunnersTableView scope={scope} fromUrl={fromUrl} onWrote={onWrote} />;
}

interface ViewProps {
  scope: RunnerScope;
  /** The URL's filters: at first, then after each navigation that changed them. */
  fromUrl: RunnerFilters;
  /** Called with each query the table writes to the URL. */
  onWrote: (query: string) => void;
}

const RunnersTableView = memo(function RunnersTableView({ scope, fromUrl, onWrote }: ViewProps) {
  const queryClient = useQueryClient();
  const pathname = usePathname();
  const gate = useWriteGate();
  const [filters, setFilters] = useState<RunnerFilters>(fromUrl);
  // A navigation's filters replace the table's (state adjusted during render, React's documented pattern).
  const [adopted, setAdopted] = useState(fromUrl);
  if (adopted !== fromUrl) {
    setAdopted(fromUrl);
    setFilters(fromUrl);
  }
  const runners = useQuery(runnerQueries.list(browserGitHub, scope));
  const groups = useQuery({
    ...groupQueries.list(browserGitHub, scope.kind === "org" ? scope.org : ""),
    enabled: scope.kind === "org",
  });
  const list = useMemo(() => runners.data ?? [], [runners.data]);
  const busy = useMemo(() => list.filter((r) => r.busy).map((r) => ({ id: r.id, name: r.name })), [list]);
  const busyJobs = useQuery({
    ...runnerQueries.busyJobs(browserGitHub, scope, busy),
    enabled: busy.length > 0,
    // Keep showing the last matches while the set of busy runners changes.
    placeholderData: (previous) => previous,
  });
  const jobs = useMemo(() => matchBusyJobs(list, busyJobs.data ?? []), [list, busyJobs.data]);

  const groupName = useMemo(() => {
    const names = new Map((groups.data ?? []).map((g) => [g.id, g.name]));
    return (id: number | undefined) => (id === undefined ? "" : (names.get(id) ?? `Group ${id}`));
  }, [groups.data]);

  // The inputs follow every key at once; the table follows at React's pace (a deferred render that a next key
  // interrupts), so typing never waits for hundreds of rows.
  const tableFilters = useDeferredValue(filters);
  // Every runner in the chosen order (rendered), and which of them the filters keep (shown; the others are hidden).
  const ordered = useMemo(
    () => sortRunners(list, tableFilters.sort, tableFilters.dir, groupName),
    [list, tableFilters.sort, tableFilters.dir, groupName],
  );
  const kept = useMemo(() => new Set(applyRunnerFilters(list, tableFilters).map((r) => r.id)), [list, tableFilters]);
  const shown = useMemo(() => ordered.filter((r) => kept.has(r.id)), [ordered, kept]);
  const counts = useMemo(() => runnerCounts(list), [list]);
  const labels = useMemo(() => allLabels(list), [list]);

  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [results, setResults] = useState<BulkResult<Runner>[] | null>(null);
  const [running, setRunning] = useState(false);

  function update(next: RunnerFilters) {
    setFilters(next);
  }
  // The URL follows the filters once the input pauses (History API: shareable without a server round trip; Next
  // syncs its router). Not on every key: each replaceState starts a router transition that the table's deferred
  // render would wait behind, and browsers throttle rapid history updates.
  const query = runnerFiltersToQuery(filters);
  useEffect(() => {
    const target = `${pathname}${query}`;
    if (`${window.location.pathname}${window.location.search}` === target) return;
    const timer = window.setTimeout(() => {
      onWrote(query);
      window.history.replaceState(null, "", target);
    }, URL_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [pathname, query, onWrote]);

  function onSort(k: SortKey) {
    const current = filters.sort ?? "name";
    const dir = current === k && (filters.dir ?? "asc") === "asc" ? "desc" : "asc";
    update({ ...filters, sort: k, dir });
  }

  const selectedRunners = list.filter((r) => selected.has(r.id));
  const toggle = useCallback(
    (id: number) =>
      setSelected((s) => {
        const n = new Set(s);
        if (n.has(id)) n.delete(id);
        else n.add(id);
        return n;
      }),
    [],
  );
  const allShownSelected = shown.length > 0 && shown.every((r) => selected.has(r.id));

  async function deleteSelected() {
    setConfirming(false);
    setRunning(true);
    const items = selectedRunners;
    await runBulk(items, (r) => scopedRequest(browserGitHub, scope, "DELETE", "/actions/runners/{runner_id}", { runner_id: r.id }), {
      concurrency: 4,
      onProgress: setResults,
    });
    setRunning(false);
    setSelected(new Set());
    await queryClient.invalidateQueries({ queryKey: runnerKeys.all(scope) });
  }

  const base = runnersPath(scope);
  const lookingUp = busyJobs.isFetching;
  // The rows as elements, kept while only the inputs change: a keystroke's urgent render then skips the table
  // body entirely; the deferred render that follows changes only the `hidden` of the rows it shows or hides.
  const rows = useMemo(
    () =>
      ordered.map((r) => {
        const job = jobs.get(r.id);
        return (
          <RunnerRow
            key={r.id}
            hidden={!kept.has(r.id)}
            runner={r}
            job={job}
            lookingUp={r.busy && !job && lookingUp}
            selected={selected.has(r.id)}
            selectable={gate.allowed}
            onToggle={toggle}
            href={`${base}/${r.id}`}
            group={scope.kind === "org" ? groupName(r.runner_group_id) : null}
          />
        );
      }),
    [ordered, kept, jobs, lookingUp, selected, gate.allowed, toggle, base, scope.kind, groupName],
  );
  const filtered = Object.keys(filters).some((k) => k !== "sort" && k !== "dir");

  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Runner counts">
        {(
          [
            ["total", "Total", counts.total],
            ["idle", "Idle", counts.idle],
            ["busy", "Busy", counts.busy],
            ["offline", "Offline", counts.offline],
          ] as const
        ).map(([key, text, n]) => (
          <div key={key} className="rounded-lg border border-gray-200 bg-white p-3 dark:border-gray-700 dark:bg-gray-900">
            <dt className="text-xs text-gray-700 uppercase dark:text-gray-300">
              {/* A navigation (not a filter change of the table's own): the table takes the URL's filters. */}
              <Link href={`${pathname}${runnerFiltersToQuery(countFilters(key, filters))}`} className="hover:underline">
                {text}
              </Link>
            </dt>
            <dd className="text-2xl font-semibold" data-testid={`count-${key}`}>
              {runners.isPending ? "…" : n}
            </dd>
          </div>
        ))}
      </dl>

      <form
        role="search"
        aria-label="Filter runners"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => e.preventDefault()}
      >
        <label className="flex flex-col text-xs font-medium">
          Name
          <input
            type="search"
            value={filters.q ?? ""}
            onChange={(e) => update({ ...filters, q: e.target.value === "" ? undefined : e.target.value })}
            placeholder="Search runners"
            className={field}
          />
        </label>
        <label className="flex flex-col text-xs font-medium">
          Status
          <select
            value={filters.status ?? ""}
            onChange={(e) => update({ ...filters, status: (e.target.value || undefined) as RunnerFilters["status"] })}
            className={field}
          >
            <option value="">Any</option>
            <option value="online">Online</option>
            <option value="offline">Offline</option>
          </select>
        </label>
        <label className="flex flex-col text-xs font-medium">
          Activity
          <select
            value={filters.busy ?? ""}
            onChange={(e) => update({ ...filters, busy: (e.target.value || undefined) as RunnerFilters["busy"] })}
            className={field}
          >
            <option value="">Any</option>
            <option value="busy">Busy</option>
            <option value="idle">Idle</option>
          </select>
        </label>
        <label className="flex flex-col text-xs font-medium">
          Label
          <select
            value=""
            onChange={(e) => {
              const l = e.target.value;
              if (l) update({ ...filters, labels: [...new Set([...(filters.labels ?? []), l])] });
            }}
            className={field}
          >
            <option value="">Add a label filter…</option>
            {labels.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        {scope.kind === "org" ? (
          <label className="flex flex-col text-xs font-medium">
            Group
            <select
              value={filters.group ?? ""}
              onChange={(e) => update({ ...filters, group: e.target.value === "" ? undefined : Number(e.target.value) })}
              className={field}
            >
              <option value="">Any</option>
              {(groups.data ?? []).map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {filtered ? (
          <Button size="sm" onClick={() => update({ sort: filters.sort, dir: filters.dir })}>
            Clear filters
          </Button>
        ) : null}
      </form>
      {filters.labels?.length ? (
        <ul className="flex flex-wrap gap-2" aria-label="Label filters">
          {filters.labels.map((l) => (
            <li key={l}>
              <Button
                size="sm"
                aria-label={`Remove label filter ${l}`}
                onClick={() => {
                  const rest = (filters.labels ?? []).filter((x) => x !== l);
                  update({ ...filters, labels: rest.length ? rest : undefined });
                }}
              >
                label: {l} <span aria-hidden="true">×</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : null}

      <div className="flex flex-wrap items-center gap-2">
        <Button
          size="sm"
          onClick={() => setSelected(new Set(list.filter((r) => runnerState(r) === "offline").map((r) => r.id)))}
          disabled={counts.offline === 0}
          {...gate.control("bulk")}
        >
          Select all offline ({counts.offline})
        </Button>
        <Button size="sm" onClick={() => setSelected(new Set())} disabled={selected.size === 0}>
          Clear selection
        </Button>
        <Button
          size="sm"
          variant="danger"
          onClick={() => {
            setResults(null);
            setConfirming(true);
          }}
          disabled={selected.size === 0 || running}
          {...gate.control("bulk")}
        >
          Delete selected ({selected.size})
        </Button>
        <AccessReason gate={gate} part="bulk" />
        <span className="text-sm text-gray-700 dark:text-gray-300" role="status">
          {runners.isPending ? "" : `Showing ${shown.length} of ${list.length} runners`}
        </span>
      </div>

      {results ? (
        <BulkResults title="Deleting runners" results={results} label={(r) => r.name} />
      ) : null}

      {runners.error ? (
        <ErrorPanel error={runners.error} what={`the runners of ${scopeLabel(scope)}`} level={3} onRetry={() => void runners.refetch()} />
      ) : runners.isPending ? (
        <LoadingBlock label="Loading runners…" />
      ) : list.length === 0 ? (
        <p className="text-sm">
          No self-hosted runners yet. <Link href={`${base}/new`} className={link}>Add one</Link>.
        </p>
      ) : (
        <Table caption={`Self-hosted runners of ${scopeLabel(scope)}`}>
          <THead>
            <tr>
              <Th>
                <input
                  type="checkbox"
                  aria-label="Select all shown runners"
                  checked={allShownSelected}
                  disabled={!gate.allowed}
                  onChange={() =>
                    setSelected((s) => {
                      const n = new Set(s);
                      for (const r of shown) {
                        if (allShownSelected) n.delete(r.id);
                        else n.add(r.id);
                      }
                      return n;
                    })
                  }
                />
              </Th>
              <SortHeader k="name" label="Name" filters={filters} onSort={onSort} />
              <SortHeader k="state" label="Status" filters={filters} onSort={onSort} />
              <Th>Current job</Th>
              <SortHeader k="labels" label="Labels" filters={filters} onSort={onSort} />
              <SortHeader k="os" label="OS" filters={filters} onSort={onSort} />
              {scope.kind === "org" ? <SortHeader k="group" label="Group" filters={filters} onSort={onSort} /> : null}
            </tr>
          </THead>
          <TBody>
            {rows}
          </TBody>
        </Table>
      )}
      {!runners.isPending && !runners.error && list.length > 0 && shown.length === 0 ? (
        <p className="text-sm text-gray-700 dark:text-gray-300">No runners match these filters.</p>
      ) : null}

      <ConfirmDialog
        open={confirming}
        title={`Delete ${selectedRunners.length} runner${selectedRunners.length === 1 ? "" : "s"}?`}
        confirmLabel={`Delete ${selectedRunners.length} runner${selectedRunners.length === 1 ? "" : "s"}`}
        onConfirm={() => void deleteSelected()}
        onCancel={() => setConfirming(false)}
      >
        <p>These runners will be removed from {scopeLabel(scope)}. A busy runner cannot be deleted until its job ends.</p>
        <ul className="mt-2 max-h-40 list-disc overflow-auto pl-5 font-mono text-xs">
          {selectedRunners.map((r) => (
            <li key={r.id}>
              {r.name} ({runnerState(r)})
            </li>
          ))}
        </ul>
      </ConfirmDialog>
    </div>
  );
});
