"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from "react";
import { ANNOTATION_KINDS, type AnnotationKind } from "@/lib/logs/indexer";
import { formatLineHash, parseLineHash, type LineLink } from "@/lib/logs/hash";
import { splitLine, timeFormatter } from "@/lib/logs/line";
import { RowModel, groupHiding, lowerBound } from "@/lib/logs/rows";
import { mapSteps, stepOfLine, type StepInfo, type StepRange } from "@/lib/logs/steps";
import { compileQuery } from "@/lib/logs/search";
import { nf, stepDuration } from "@/lib/logs/format";
import { stripAnsi } from "@/lib/logs/ansi";
import { Button } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";
import { LogLine, type Highlight } from "./LogLine";
import { StepStatusIcon } from "./StepStatusIcon";
import { VirtualRows, type VirtualRowsHandle } from "./VirtualRows";
import { useLogWorker } from "./useLogWorker";

export interface LogViewerProps {
  /** The job log through the proxy, or null while the job has no log yet. */
  url: string | null;
  /** Change to load the log again (a running job's log grows). */
  reloadKey: number;
  steps: readonly StepInfo[];
  /** The job is still running: follow the end, keep steps' durations ticking. */
  live: boolean;
  /** File name for "Download". */
  downloadName: string;
  /**
   * Told whether the log is there: "loaded" once a copy arrived, "missing" on a 404 (a job that has not
   * written one yet), "failed" on any other error. Only changes are told, so reloads that answer the same do
   * not make the page flicker.
   */
  onLoadState?: (state: LogLoadState) => void;
}

export type LogLoadState = "loaded" | "missing" | "failed";

const FAILED = new Set(["failure", "cancelled", "timed_out"]);
const KIND_LABEL: Record<AnnotationKind, string> = { error: "Errors", warning: "Warnings", notice: "Notices" };

function usePersistedFlag(key: string, initial: boolean): [boolean, (v: boolean) => void] {
  const [value, setValue] = useState(initial);
  useEffect(() => {
    const stored = window.localStorage.getItem(key);
    if (stored === "1" || stored === "0") setValue(stored === "1");
  }, [key]);
  const set = useCallback(
    (v: boolean) => {
      setValue(v);
      window.localStorage.setItem(key, v ? "1" : "0");
    },
    [key],
  );
  return [value, set];
}

const formatBytes = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} B`;

export function LogViewer({ url, reloadKey, steps, live, downloadName, onLoadState }: LogViewerProps) {
  const log = useLogWorker(url, reloadKey);
  const { snapshot, done } = log;
  const list = useRef<VirtualRowsHandle>(null);
  const [showTimestamps, setShowTimestamps] = usePersistedFlag("ac.logs.timestamps", false);
  const [wrap, setWrap] = usePersistedFlag("ac.logs.wrap", false);
  const [openSteps, setOpenSteps] = useState<Set<number>>(new Set());
  const [openGroups, setOpenGroups] = useState<Set<number>>(new Set());
  const [selection, setSelection] = useState<LineLink | null>(null);
  const [linkProblem, setLinkProblem] = useState<string | null>(null);
  const pendingLink = useRef<LineLink | null>(null);
  /** Where a shift-click range starts. */
  const anchor = useRef<LineLink | null>(null);
  const pendingScroll = useRef<number | null>(null);
  /** Bumped to scroll to `pendingScroll` even when nothing had to be opened first. */
  const [scrollTick, setScrollTick] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const formatTime = useMemo(() => timeFormatter(), []);

  const loadState: LogLoadState | null = log.error ? (log.error.status === 404 ? "missing" : "failed") : snapshot ? "loaded" : null;
  useEffect(() => {
    if (loadState) onLoadState?.(loadState);
  }, [loadState, onLoadState]);
  // A running job's log is loaded again every few seconds; the copy held stays downloadable meanwhile.
  const rawReady = done || (live && log.completedOnce);

  useEffect(() => {
    if (!live) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [live]);

  const ranges: StepRange[] = useMemo(
    () =>
      snapshot
        ? mapSteps(steps, snapshot)
        : steps.map((s) => ({ number: s.number, start: 0, end: 0, hasLog: false })),
    [snapshot, steps],
  );

  // Opened on their own: failed steps and, while the job runs, the running step (as GitHub does), also when
  // they fail or start after the first load; and the step a line link names. Each step at most once, so a
  // step the user closed stays closed.
  const autoOpened = useRef(new Set<number>());
  const linkOpened = useRef(false);
  useEffect(() => {
    if (!snapshot) return;
    const add: number[] = [];
    steps.forEach((s, k) => {
      if (autoOpened.current.has(k)) return;
      if (FAILED.has(s.conclusion ?? "") || (live && s.status === "in_progress")) {
        autoOpened.current.add(k);
        add.push(k);
      }
    });
    const link = pendingLink.current;
    if (link && !linkOpened.current) {
      linkOpened.current = true;
      const k = steps.findIndex((s) => s.number === link.step);
      if (k >= 0) add.push(k);
    }
    if (add.length) setOpenSteps((prev) => new Set([...prev, ...add]));
  }, [snapshot, steps, live]);

  const groupStarts = snapshot?.groupStarts;
  const groupEnds = snapshot?.groupEnds;
  const model = useMemo(
    () =>
      new RowModel({
        steps: ranges,
        openSteps,
        groupStarts: groupStarts ?? new Uint32Array(0),
        groupEnds: groupEnds ?? new Uint32Array(0),
        openGroups,
      }),
    [ranges, openSteps, groupStarts, groupEnds, openGroups],
  );

  /** Opens what hides `line` (its step, its group) and scrolls to it once shown. */
  const revealLine = useCallback(
    (line: number) => {
      const k = stepOfLine(ranges, line);
      if (k < 0) return;
      setOpenSteps((prev) => (prev.has(k) ? prev : new Set(prev).add(k)));
      if (groupStarts && groupEnds) {
        const g = groupHiding(groupStarts, groupEnds, line);
        const gs = g >= 0 ? groupStarts[g] : undefined;
        if (gs !== undefined) setOpenGroups((prev) => (prev.has(gs) ? prev : new Set(prev).add(gs)));
      }
      pendingScroll.current = line;
      setScrollTick((t) => t + 1);
    },
    [ranges, groupStarts, groupEnds],
  );

  useEffect(() => {
    const line = pendingScroll.current;
    if (line === null) return;
    const row = model.rowOfLine(line);
    if (row >= 0) {
      pendingScroll.current = null;
      list.current?.scrollToRow(row);
    }
  }, [model, scrollTick]);

  // Line links: #step:{n}:{line} or #step:{n}:{from}-{to}, when opened and when the hash changes.
  useEffect(() => {
    const read = () => {
      const link = parseLineHash(window.location.hash);
      pendingLink.current = link;
      setLinkProblem(null);
      if (link) {
        setSelection(link);
        anchor.current = { ...link, to: link.from };
      }
    };
    read();
    window.addEventListener("hashchange", read);
    return () => window.removeEventListener("hashchange", read);
  }, []);

  const applyLink = useCallback(() => {
    const link = pendingLink.current;
    if (!link || !snapshot) return;
    const k = steps.findIndex((s) => s.number === link.step);
    const r = k >= 0 ? ranges[k] : undefined;
    if (!r) {
      if (done) {
        pendingLink.current = null;
        setLinkProblem(`This job has no step ${link.step}.`);
      }
      return;
    }
    const line = r.start + link.from - 1;
    const complete = done || (r.end < snapshot.lineCount && r.end > r.start);
    if (!complete) return;
    pendingLink.current = null;
    if (line >= r.end) {
      setLinkProblem(`Step ${link.step} has ${nf.format(r.end - r.start)} lines; line ${nf.format(link.from)} does not exist.`);
      return;
    }
    revealLine(line);
  }, [snapshot, steps, ranges, done, revealLine]);

  useEffect(() => {
    applyLink();
  }, [applyLink, selection]);

  // --- search ---------------------------------------------------------------------------------------
  const [query, setQuery] = useState("");
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [regex, setRegex] = useState(false);
  const [current, setCurrent] = useState(0);
  const queryProblem = useMemo(() => {
    if (!query) return null;
    const q = compileQuery(query, { caseSensitive, regex });
    return q.ok ? null : q.error;
  }, [query, caseSensitive, regex]);
  const { runSearch, search } = log;
  const lineCount = snapshot?.lineCount ?? 0;

  useEffect(() => {
    if (!snapshot) return;
    if (!query || queryProblem) {
      runSearch("", { caseSensitive, regex });
      return;
    }
    // A short pause only: the worker drops a search that a newer one replaces, so this just spares it
    // the searches of keys typed in quick succession.
    const t = setTimeout(() => runSearch(query, { caseSensitive, regex }), 60);
    return () => clearTimeout(t);
    // search again when the log is complete or has grown
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, caseSensitive, regex, queryProblem, runSearch, done, done ? lineCount : 0, !!snapshot]);

  const activeSearch = search && search.query === query && !search.error ? search : null;
  useEffect(() => setCurrent(0), [activeSearch]);

  const goToMatch = useCallback(
    (i: number) => {
      if (!activeSearch || activeSearch.count === 0) return;
      const n = ((i % activeSearch.count) + activeSearch.count) % activeSearch.count;
      setCurrent(n);
      const line = activeSearch.lines[n];
      if (line !== undefined) revealLine(line);
    },
    [activeSearch, revealLine],
  );

  // --- rendering rows ---------------------------------------------------------------------------------
  const toggleStep = useCallback((k: number) => {
    setOpenSteps((prev) => {
      const next = new Set(prev);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      return next;
    });
  }, []);
  const toggleGroup = useCallback((gs: number) => {
    setOpenGroups((prev) => {
      const next = new Set(prev);
      if (next.has(gs)) next.delete(gs);
      else next.add(gs);
      return next;
    });
  }, []);

  const onNumberClick = useCallback((e: MouseEvent<HTMLAnchorElement>) => {
    // Ctrl/Cmd/Alt-click: the browser's own (a new tab or window at that line)
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    const step = Number(e.currentTarget.closest("[data-step]")?.getAttribute("data-step"));
    const n = Number(e.currentTarget.closest("[data-line]")?.getAttribute("data-line"));
    if (!step || !n) return;
    const a = anchor.current;
    const link: LineLink =
      e.shiftKey && a && a.step === step ? { step, from: Math.min(a.from, n), to: Math.max(a.from, n) } : { step, from: n, to: n };
    if (!e.shiftKey || !a || a.step !== step) anchor.current = link;
    setSelection(link);
    window.history.replaceState(window.history.state, "", formatLineHash(link));
  }, []);

  const { requestLines, getLine, linesVersion } = log;
  const onRange = useCallback(
    (from: number, to: number) => {
      // fetch the lines of these rows (and a screenful either side)
      let lo = Infinity;
      let hi = -1;
      const span = to - from;
      for (let r = Math.max(0, from - span); r < Math.min(model.rowCount, to + span); r++) {
        const row = model.rowAt(r);
        if (row.kind === "line") {
          lo = Math.min(lo, row.line);
          hi = Math.max(hi, row.line);
        }
      }
      if (hi >= 0 && hi - lo < 5000) requestLines(lo, hi + 1);
      else if (hi >= 0) {
        for (let r = from; r < to; r++) {
          const row = model.rowAt(r);
          if (row.kind === "line") requestLines(row.line, row.line + 1);
        }
      }
    },
    [model, requestLines],
  );

  const renderRow = (r: number) => {
    const row = model.rowAt(r);
    if (row.kind === "step") {
      const k = row.step;
      const s = steps[k];
      const range = ranges[k];
      if (!s || !range) return null;
      const open = openSteps.has(k);
      const lines = range.end - range.start;
      return (
        <div key={`s${k}`} className="flex min-h-5 items-center border-t border-[#30363d] bg-[#161b22] text-sm leading-5">
          <button
            type="button"
            onClick={() => toggleStep(k)}
            aria-expanded={open}
            disabled={lines === 0}
            data-step-header={s.number}
            className="flex flex-1 items-center gap-2 px-2 py-0.5 text-left font-medium text-[#e6edf3] hover:bg-[#1f2630] disabled:cursor-default disabled:hover:bg-transparent"
          >
            <span aria-hidden="true" className="inline-block w-3 text-[#8b949e]">
              {lines > 0 ? (open ? "▾" : "▸") : ""}
            </span>
            <StepStatusIcon status={s.status} conclusion={s.conclusion} />
            <span className="truncate">{s.name}</span>
            <span className="ml-auto flex shrink-0 gap-3 pr-2 text-xs font-normal text-[#b1bac4]">
              {lines > 0 ? <span>{nf.format(lines)} lines</span> : range.hasLog ? null : <span>no log</span>}
              <span className="w-20 text-right">{stepDuration(s, now)}</span>
            </span>
          </button>
        </div>
      );
    }
    const line = row.line;
    const k = stepOfLine(ranges, line);
    const range = ranges[k];
    const s = steps[k];
    if (!range || !s) return null;
    const number = line - range.start + 1;
    let group: { open: boolean; onToggle: () => void } | undefined;
    if (groupStarts) {
      const g = lowerBound(groupStarts, line);
      if (groupStarts[g] === line) {
        const isOpen = openGroups.has(line);
        group = { open: isOpen, onToggle: () => toggleGroup(line) };
      }
    }
    const highlights: Highlight[] = [];
    if (activeSearch) {
      let j = lowerBound(activeSearch.lines, line);
      while (j < activeSearch.count && activeSearch.lines[j] === line) {
        const start = activeSearch.starts[j]!;
        highlights.push({ start, end: start + activeSearch.lengths[j]!, current: j === current });
        j++;
      }
    }
    const selected = !!selection && selection.step === s.number && number >= selection.from && number <= selection.to;
    return (
      <LogLine
        key={`l${line}`}
        raw={getLine(line)}
        number={number}
        stepNumber={s.number}
        selected={selected}
        highlights={highlights}
        showTimestamp={showTimestamps}
        formatTime={formatTime}
        wrap={wrap}
        group={group}
        onNumberClick={onNumberClick}
      />
    );
  };
  void linesVersion; // re-render when lines arrive

  // --- annotations ------------------------------------------------------------------------------------
  const counts = useMemo(() => {
    const c: Record<AnnotationKind, number> = { error: 0, warning: 0, notice: 0 };
    if (snapshot) for (const k of snapshot.annotationKinds) c[ANNOTATION_KINDS[k] ?? "notice"]++;
    return c;
  }, [snapshot]);
  const [annotationKind, setAnnotationKind] = useState<AnnotationKind | null>(null);
  const [annotationTexts, setAnnotationTexts] = useState<{ line: number; text: string }[]>([]);
  const [annotationLimit, setAnnotationLimit] = useState(100);
  const { pickLines } = log;
  useEffect(() => {
    if (!annotationKind || !snapshot) {
      setAnnotationTexts([]);
      return;
    }
    const want = ANNOTATION_KINDS.indexOf(annotationKind);
    const picked: number[] = [];
    for (let i = 0; i < snapshot.annotationLines.length && picked.length < annotationLimit; i++) {
      if (snapshot.annotationKinds[i] === want) picked.push(snapshot.annotationLines[i]!);
    }
    let cancelled = false;
    void pickLines(picked).then((texts) => {
      if (!cancelled) setAnnotationTexts(picked.map((line, i) => ({ line, text: stripAnsi(splitLine(texts[i] ?? "").body) })));
    });
    return () => {
      cancelled = true;
    };
  }, [annotationKind, snapshot, annotationLimit, pickLines]);

  // --- actions ----------------------------------------------------------------------------------------
  const jumpToEnd = () => {
    for (let k = ranges.length - 1; k >= 0; k--) {
      const r = ranges[k]!;
      if (r.end > r.start) {
        setOpenSteps((prev) => (prev.has(k) ? prev : new Set(prev).add(k)));
        pendingScroll.current = null;
        requestAnimationFrame(() => list.current?.scrollToEnd());
        return;
      }
    }
  };
  const expandAll = () => setOpenSteps(new Set(ranges.map((_, k) => k).filter((k) => ranges[k]!.end > ranges[k]!.start)));
  const collapseAll = () => setOpenSteps(new Set());
  const [rawBusy, setRawBusy] = useState(false);
  const withRaw = async (action: (href: string) => void) => {
    setRawBusy(true);
    try {
      const blob = await log.getRaw();
      const href = URL.createObjectURL(blob);
      action(href);
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
    } finally {
      setRawBusy(false);
    }
  };
  const viewRaw = () =>
    void withRaw((href) => {
      window.open(href, "_blank", "noopener");
    });
  const download = () =>
    void withRaw((href) => {
      const a = document.createElement("a");
      a.href = href;
      a.download = downloadName;
      document.body.append(a);
      a.click();
      a.remove();
    });

  const toggle = "inline-flex h-8 items-center rounded-md border px-2 text-xs font-medium";
  const on = "border-blue-700 bg-blue-50 text-blue-900 dark:border-blue-400 dark:bg-blue-950 dark:text-blue-100";
  const off = "border-gray-300 bg-white text-gray-800 hover:bg-gray-50 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-200";

  return (
    <section aria-label="Job log" className="rounded-lg border border-gray-200 dark:border-gray-800">
      <div className="flex flex-wrap items-center gap-2 border-b border-gray-200 p-2 dark:border-gray-800">
        <form
          role="search"
          className="flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            goToMatch(current + 1);
          }}
        >
          <label htmlFor="log-search" className="sr-only">
            Search the log
          </label>
          <input
            id="log-search"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && e.shiftKey) {
                e.preventDefault();
                goToMatch(current - 1);
              }
            }}
            placeholder="Search the whole log"
            aria-invalid={!!queryProblem}
            aria-describedby="log-search-status"
            className="h-8 w-64 rounded-md border border-gray-300 bg-white px-2 font-mono text-sm text-gray-900 dark:border-gray-700 dark:bg-gray-950 dark:text-gray-100"
          />
          <button type="button" aria-pressed={caseSensitive} onClick={() => setCaseSensitive(!caseSensitive)} className={`${toggle} ${caseSensitive ? on : off}`} title="Match case">
            Aa<span className="sr-only"> match case</span>
          </button>
          <button type="button" aria-pressed={regex} onClick={() => setRegex(!regex)} className={`${toggle} ${regex ? on : off}`} title="Regular expression">
            .*<span className="sr-only"> regular expression</span>
          </button>
          <Button size="sm" onClick={() => goToMatch(current - 1)} disabled={!activeSearch?.count} aria-label="Previous match">
            ↑
          </Button>
          <Button size="sm" onClick={() => goToMatch(current + 1)} disabled={!activeSearch?.count} aria-label="Next match">
            ↓
          </Button>
          <span id="log-search-status" role="status" className="min-w-32 text-xs text-gray-800 dark:text-gray-200" data-testid="search-status">
            {queryProblem ? (
              <span className="text-red-700 dark:text-red-400">{queryProblem}</span>
            ) : !query ? null : log.searching || !activeSearch ? (
              "Searching…"
            ) : activeSearch.count === 0 ? (
              "No matches"
            ) : (
              <>
                <span data-testid="match-count" data-count={activeSearch.count}>
                  {nf.format(current + 1)} of {nf.format(activeSearch.count)}
                </span>{" "}
                match{activeSearch.count === 1 ? "" : "es"}
              </>
            )}
          </span>
        </form>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <button type="button" aria-pressed={showTimestamps} onClick={() => setShowTimestamps(!showTimestamps)} className={`${toggle} ${showTimestamps ? on : off}`}>
            Timestamps
          </button>
          <button type="button" aria-pressed={wrap} onClick={() => setWrap(!wrap)} className={`${toggle} ${wrap ? on : off}`}>
            Wrap lines
          </button>
          <Button size="sm" onClick={expandAll}>
            Expand all
          </Button>
          <Button size="sm" onClick={collapseAll}>
            Collapse all
          </Button>
          <Button size="sm" onClick={jumpToEnd} disabled={!snapshot}>
            Jump to end
          </Button>
          <Button size="sm" onClick={viewRaw} disabled={!rawReady || rawBusy}>
            View raw
          </Button>
          <Button size="sm" onClick={download} disabled={!rawReady || rawBusy}>
            Download
          </Button>
        </div>
      </div>

      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-gray-200 px-3 py-1.5 text-xs text-gray-800 dark:border-gray-800 dark:text-gray-200">
        <span
          role="status"
          data-testid="log-status"
          data-done={done || undefined}
          data-lines={lineCount}
          data-bytes={snapshot?.byteLength}
          data-first-byte-at={snapshot ? Math.round(log.firstByteAt) : undefined}
          data-indexed-at={done ? Math.round(log.indexedAt) : undefined}
        >
          {log.error
            ? null
            : !snapshot
              ? "Loading the log…"
              : done
                ? `${nf.format(lineCount)} lines · ${formatBytes(snapshot.byteLength)}`
                : `Loading… ${nf.format(lineCount)} lines · ${formatBytes(snapshot.byteLength)}`}
        </span>
        {ANNOTATION_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            aria-pressed={annotationKind === kind}
            disabled={counts[kind] === 0}
            onClick={() => {
              setAnnotationLimit(100);
              setAnnotationKind(annotationKind === kind ? null : kind);
            }}
            data-testid={`count-${kind}`}
            data-count={counts[kind]}
            className={`rounded px-1.5 py-0.5 font-medium hover:underline disabled:no-underline ${
              kind === "error" ? "text-red-700 dark:text-red-400" : kind === "warning" ? "text-amber-800 dark:text-amber-300" : "text-sky-800 dark:text-sky-300"
            } ${annotationKind === kind ? "bg-gray-100 dark:bg-gray-800" : ""}`}
          >
            {KIND_LABEL[kind]}: {nf.format(counts[kind])}
          </button>
        ))}
      </div>

      {annotationKind ? (
        <div className="max-h-48 overflow-y-auto border-b border-gray-200 dark:border-gray-800">
          <h3 className="sr-only">{KIND_LABEL[annotationKind]}</h3>
          <ul aria-label={KIND_LABEL[annotationKind]} className="divide-y divide-gray-100 text-xs dark:divide-gray-800">
            {annotationTexts.map(({ line, text }) => {
              const k = stepOfLine(ranges, line);
              const s = steps[k];
              const r = ranges[k];
              return (
                <li key={line}>
                  <button
                    type="button"
                    className="flex w-full gap-3 px-3 py-1 text-left hover:bg-gray-50 dark:hover:bg-gray-900"
                    onClick={() => {
                      if (s && r) {
                        const link = { step: s.number, from: line - r.start + 1, to: line - r.start + 1 };
                        setSelection(link);
                        window.history.replaceState(window.history.state, "", formatLineHash(link));
                      }
                      revealLine(line);
                    }}
                  >
                    <span className="w-48 shrink-0 truncate text-gray-700 dark:text-gray-300">
                      {s ? `${s.name}, line ${nf.format(line - (r?.start ?? 0) + 1)}` : `line ${line + 1}`}
                    </span>
                    <span className="truncate font-mono text-gray-900 dark:text-gray-100">{text}</span>
                  </button>
                </li>
              );
            })}
          </ul>
          {counts[annotationKind] > annotationTexts.length && annotationTexts.length >= annotationLimit ? (
            <div className="p-2">
              <Button size="sm" onClick={() => setAnnotationLimit(annotationLimit + 500)}>
                Show more ({nf.format(counts[annotationKind] - annotationTexts.length)} left)
              </Button>
            </div>
          ) : null}
        </div>
      ) : null}

      {linkProblem ? (
        <Alert tone="warning" className="m-2">
          {linkProblem}
        </Alert>
      ) : null}
      {log.error && log.error.status !== 404 ? (
        <Alert tone="danger" className="m-2" title="The log could not be loaded">
          {log.error.message}
        </Alert>
      ) : null}

      <VirtualRows
        ref={list}
        rowCount={model.rowCount}
        renderRow={renderRow}
        onRange={onRange}
        follow={live}
        wrap={wrap}
        label="Log lines"
        className="h-[70vh] min-h-80 rounded-b-lg bg-[#0d1117] text-[#e6edf3]"
      />
    </section>
  );
}
