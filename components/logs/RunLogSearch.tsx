"use client";

import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { browserGitHub } from "@/lib/client/octokit";
import { repoHref } from "@/lib/client/switcher";
import { jobQueries } from "@/lib/queries/jobs-detail";
import { archiveName, type StepMatches } from "@/lib/logs/run-archive";
import { runSearchQuery, type RunSearchParams } from "@/lib/logs/run-search-url";
import { compileQuery } from "@/lib/logs/search";
import { nf } from "@/lib/logs/format";
import type { FromRunWorker, ToRunWorker } from "@/lib/logs/run-logs.worker";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ErrorPanel } from "@/components/shell/ErrorPanel";

export interface RunLogSearchProps {
  owner: string;
  repo: string;
  runId: number;
  /** Heading level of the results' job names (default 3). */
  level?: 2 | 3;
  /** The search in the page's URL (`?q=…&case=1&regex=1`): run at once, so a search is a shareable link. */
  initial?: RunSearchParams | undefined;
}

type Status =
  | { kind: "idle" }
  | { kind: "running"; phase: "download" | "search"; bytes: number; filesDone: number; files: number }
  | { kind: "done"; total: number; ms: number }
  | { kind: "error"; status: number; message: string };

/**
 * Search across all jobs of a run: the run's log archive (through the proxy) is unpacked and searched in a
 * worker; matches are listed per job and step, each linking to its line in the job log viewer.
 */
export function RunLogSearch({ owner, repo, runId, level = 3, initial }: RunLogSearchProps) {
  const jobs = useQuery(jobQueries.ofRun(browserGitHub, owner, repo, runId));
  const worker = useRef<Worker | null>(null);
  const nextId = useRef(1);
  const activeId = useRef(0);
  const [query, setQuery] = useState(initial?.q ?? "");
  const [caseSensitive, setCaseSensitive] = useState(initial?.caseSensitive ?? false);
  const [regex, setRegex] = useState(initial?.regex ?? false);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [results, setResults] = useState<StepMatches[]>([]);

  useEffect(() => {
    const w = new Worker(new URL("../../lib/logs/run-logs.worker.ts", import.meta.url), { type: "module" });
    worker.current = w;
    w.onmessage = (e: MessageEvent<FromRunWorker>) => {
      const msg = e.data;
      if (msg.id !== activeId.current) return;
      if (msg.type === "progress") setStatus({ kind: "running", phase: msg.phase, bytes: msg.bytes, filesDone: msg.filesDone, files: msg.files });
      else if (msg.type === "step") setResults((r) => [...r, msg.result]);
      else if (msg.type === "done") setStatus({ kind: "done", total: msg.total, ms: msg.ms });
      else setStatus({ kind: "error", status: msg.status, message: msg.message });
    };
    return () => w.terminate();
  }, []);

  const jobIds = useMemo(() => {
    const map = new Map<string, number>();
    for (const j of jobs.data ?? []) map.set(archiveName(j.name), Number(j.id));
    return map;
  }, [jobs.data]);

  const submit = (fromUrl = false) => {
    const q = compileQuery(query, { caseSensitive, regex });
    if (!q.ok) {
      setProblem(q.error);
      return;
    }
    setProblem(null);
    // the search into the URL, so the results are a link (no navigation: Next.js keeps up with replaceState)
    if (!fromUrl) window.history.replaceState(window.history.state, "", `?${runSearchQuery({ q: query, caseSensitive, regex })}`);
    const id = nextId.current++;
    activeId.current = id;
    setResults([]);
    setStatus({ kind: "running", phase: "download", bytes: 0, filesDone: 0, files: 0 });
    const msg: ToRunWorker = {
      type: "search",
      id,
      url: `/api/github/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/actions/runs/${runId}/logs`,
      query,
      options: { caseSensitive, regex },
      jobs: (jobs.data ?? []).map((j) => ({ name: j.name, steps: j.steps ?? [] })),
    };
    worker.current?.postMessage(msg);
  };

  // The URL's search, once the jobs are known (job-level archive files need their steps).
  const ranInitial = useRef(false);
  const jobsSettled = !jobs.isPending;
  useEffect(() => {
    if (ranInitial.current || !jobsSettled || !initial?.q) return;
    ranInitial.current = true;
    submit(true);
    // submit reads the current state, which is the URL's until the user types
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobsSettled]);

  const byJob = useMemo(() => {
    const groups = new Map<string, StepMatches[]>();
    for (const r of results) groups.set(r.job, [...(groups.get(r.job) ?? []), r]);
    return [...groups.entries()];
  }, [results]);

  const H = level === 2 ? "h2" : "h3";
  const runBase = `${repoHref(`${owner}/${repo}`)}/actions/runs/${runId}`;
  const toggle = "inline-flex h-9 items-center rounded-md border px-2 text-xs font-medium";
  const on = "border-blue-700 bg-blue-50 text-blue-900 dark:border-blue-400 dark:bg-blue-950 dark:text-blue-100";
  const off = "border-gray-300 bg-white text-gray-800 hover:bg-gray-50 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-200";

  return (
    <section aria-label="Search the logs of every job" className="space-y-3">
      <form
        role="search"
        className="flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label htmlFor="run-log-search" className="text-sm font-medium">
          Search all job logs
        </label>
        <input
          id="run-log-search"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-invalid={!!problem}
          aria-describedby="run-log-search-status"
          className="h-9 w-72 rounded-md border border-gray-300 bg-white px-2 font-mono text-sm text-gray-900 dark:border-gray-700 dark:bg-gray-950 dark:text-gray-100"
        />
        <button type="button" aria-pressed={caseSensitive} onClick={() => setCaseSensitive(!caseSensitive)} className={`${toggle} ${caseSensitive ? on : off}`}>
          Match case
        </button>
        <button type="button" aria-pressed={regex} onClick={() => setRegex(!regex)} className={`${toggle} ${regex ? on : off}`}>
          Regex
        </button>
        <Button type="submit" variant="primary" disabled={status.kind === "running" && status.phase === "download"}>
          Search
        </Button>
      </form>
      <div id="run-log-search-status" role="status" className="text-sm text-gray-800 dark:text-gray-200" data-testid="run-search-status">
        {problem ? (
          <span className="text-red-700 dark:text-red-400">{problem}</span>
        ) : status.kind === "running" ? (
          status.phase === "download" ? (
            `Downloading the run's logs… ${nf.format(Math.round(status.bytes / 1024 / 1024))} MB`
          ) : (
            `Searching… ${status.filesDone} of ${status.files} log files`
          )
        ) : status.kind === "done" ? (
          <span data-testid="run-search-total" data-count={status.total}>
            {status.total === 0
              ? "No matches in any job."
              : `${nf.format(status.total)} match${status.total === 1 ? "" : "es"} in ${byJob.length} job${byJob.length === 1 ? "" : "s"} (${Math.round(status.ms)} ms)`}
          </span>
        ) : null}
      </div>
      {status.kind === "error" ? (
        status.status === 404 ? (
          <Alert tone="info">This run has no logs (it has not started yet, or its logs were deleted).</Alert>
        ) : (
          <ErrorPanel error={{ body: { error: { status: status.status, message: status.message } } }} what="the run's logs" level={3} />
        )
      ) : null}
      {jobs.error ? <ErrorPanel error={jobs.error} what="the run's jobs (needed to link matches)" level={3} /> : null}
      {byJob.map(([job, steps]) => {
        const jobId = jobIds.get(job);
        const count = steps.reduce((n, s) => n + s.count, 0);
        return (
          <div key={job} className="rounded-lg border border-gray-200 dark:border-gray-800" data-testid="run-search-job">
            <H className="border-b border-gray-200 px-3 py-2 text-sm font-semibold dark:border-gray-800">
              {jobId ? (
                <Link href={`${runBase}/job/${jobId}`} className="text-blue-700 underline dark:text-blue-400">
                  {job}
                </Link>
              ) : (
                job
              )}{" "}
              <span className="font-normal text-gray-700 dark:text-gray-300">· {nf.format(count)} matches</span>
            </H>
            <ul className="divide-y divide-gray-100 dark:divide-gray-800">
              {steps.map((s) => (
                <li key={s.step} className="px-3 py-2 text-sm">
                  <p className="font-medium">
                    Step {s.step}: {s.stepName}{" "}
                    <span className="font-normal text-gray-700 dark:text-gray-300" data-testid="run-search-step-count" data-count={s.count}>
                      · {nf.format(s.count)} match{s.count === 1 ? "" : "es"}
                      {s.count > s.samples.length ? ` (first ${s.samples.length} lines listed)` : ""}
                    </span>
                  </p>
                  <ul className="mt-1 space-y-0.5">
                    {s.samples.map((m) => (
                      <li key={m.line} className="flex gap-2 font-mono text-xs">
                        {jobId ? (
                          <Link
                            href={`${runBase}/job/${jobId}#step:${s.step}:${m.line}`}
                            className="w-20 shrink-0 text-right text-blue-700 hover:underline dark:text-blue-400"
                            aria-label={`${job}, step ${s.step}, line ${m.line}`}
                          >
                            line {m.line}
                          </Link>
                        ) : (
                          <span className="w-20 shrink-0 text-right">line {m.line}</span>
                        )}
                        <span className="min-w-0 truncate whitespace-pre text-gray-900 dark:text-gray-100">
                          {m.text.slice(0, m.start)}
                          <mark className="rounded-sm bg-yellow-200 text-black">{m.text.slice(m.start, m.start + m.length)}</mark>
                          {m.text.slice(m.start + m.length)}
                        </span>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
