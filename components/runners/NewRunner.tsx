"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { browserGitHub } from "@/lib/client/octokit";
import { groupQueries, runnerQueries, scopedRequest } from "@/lib/queries/runners";
import { OS_NAMES, installSteps } from "@/lib/runners/commands";
import { labelProblem } from "@/lib/runners/filters";
import { runnersPath, scopeLabel, scopeWebUrl, type RunnerScope } from "@/lib/runners/scope";
import { writeErrorText } from "@/lib/runners/write-error";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { LoadingBlock } from "@/components/ui/Skeleton";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { CodeLine } from "./CodeLine";
import { TokenExpiry, useNow, type RunnerToken } from "./RemoveToken";
import { AccessReason, useWriteGate } from "./WriteAccess";

const link = "font-medium text-blue-700 hover:underline dark:text-blue-400";
const field = "rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm dark:border-gray-600 dark:bg-gray-950";

function Tabs({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: { value: string; text: string }[];
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <div role="radiogroup" aria-label={label} className="flex flex-wrap gap-1">
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={o.value === value}
          onClick={() => onChange(o.value)}
          className={
            o.value === value
              ? "rounded-md border border-blue-700 bg-blue-700 px-3 py-1 text-sm font-medium text-white"
              : "rounded-md border border-gray-300 bg-white px-3 py-1 text-sm hover:bg-gray-100 dark:border-gray-600 dark:bg-gray-900 dark:hover:bg-gray-800"
          }
        >
          {o.text}
        </button>
      ))}
    </div>
  );
}

export function NewRunner({ scope, webUrl }: { scope: RunnerScope; webUrl: string }) {
  const gate = useWriteGate();
  const downloads = useQuery(runnerQueries.downloads(browserGitHub, scope));
  const groups = useQuery({
    ...groupQueries.list(browserGitHub, scope.kind === "org" ? scope.org : ""),
    enabled: scope.kind === "org",
  });
  const [os, setOs] = useState("linux");
  const [arch, setArch] = useState("x64");
  const [group, setGroup] = useState("");
  const [labelsText, setLabelsText] = useState("");
  const [token, setToken] = useState<RunnerToken | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const now = useNow(token !== null);

  const list = useMemo(() => downloads.data ?? [], [downloads.data]);
  const oses = [...new Set(list.map((d) => d.os))];
  const archs = list.filter((d) => d.os === os).map((d) => d.architecture);
  const asset = list.find((d) => d.os === os && d.architecture === arch) ?? list.find((d) => d.os === os);
  const labels = labelsText
    .split(",")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const labelErrors = labels.map((l) => labelProblem(l)).filter((p): p is string => p !== undefined);
  const url = scopeWebUrl(scope, webUrl);
  const steps = asset
    ? installSteps(asset, { url, token: token?.token ?? "<registration token>", group: group || undefined, labels })
    : [];

  async function createToken() {
    setPending(true);
    setError(null);
    try {
      setToken(await scopedRequest<RunnerToken>(browserGitHub, scope, "POST", "/actions/runners/registration-token"));
    } catch (e) {
      setError(writeErrorText(e, "create a registration token"));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href={runnersPath(scope)} className={link}>
            Runners of {scopeLabel(scope)}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">New self-hosted runner</h1>
        <p className="mt-1 text-sm text-gray-700 dark:text-gray-300">
          Adding a self-hosted runner requires that you download, configure, and run the GitHub Actions Runner on the
          machine. It registers with <code className="font-mono">{url}</code>.
        </p>
      </div>

      {downloads.error ? (
        <ErrorPanel error={downloads.error} what="the runner downloads" onRetry={() => void downloads.refetch()} />
      ) : downloads.isPending ? (
        <LoadingBlock label="Loading the runner downloads…" />
      ) : (
        <>
          <Card title="Runner image" titleId="image">
            <div className="space-y-3">
              <Tabs
                label="Operating system"
                value={os}
                onChange={(v) => {
                  setOs(v);
                  const first = list.find((d) => d.os === v);
                  if (first && !list.some((d) => d.os === v && d.architecture === arch)) setArch(first.architecture);
                }}
                options={oses.map((o) => ({ value: o, text: OS_NAMES[o] ?? o }))}
              />
              <Tabs
                label="Architecture"
                value={asset?.architecture ?? arch}
                onChange={setArch}
                options={archs.map((a) => ({ value: a, text: a }))}
              />
              {asset ? (
                <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm" data-testid="asset">
                  <dt className="font-medium">File</dt>
                  <dd className="font-mono">{asset.filename}</dd>
                  <dt className="font-medium">URL</dt>
                  <dd className="font-mono break-all">{asset.download_url}</dd>
                  <dt className="font-medium">SHA-256</dt>
                  <dd className="font-mono break-all">{asset.sha256_checksum ?? "not provided by the server"}</dd>
                </dl>
              ) : null}
            </div>
          </Card>

          <Card title="Options" titleId="options">
            <div className="flex flex-wrap gap-4">
              {scope.kind === "org" ? (
                <label className="flex flex-col text-xs font-medium">
                  Runner group
                  <select value={group} onChange={(e) => setGroup(e.target.value)} className={field}>
                    <option value="">Default</option>
                    {(groups.data ?? [])
                      .filter((g) => !g.default)
                      .map((g) => (
                        <option key={g.id} value={g.name}>
                          {g.name}
                        </option>
                      ))}
                  </select>
                </label>
              ) : null}
              <label className="flex flex-col text-xs font-medium">
                Extra labels (comma-separated)
                <input
                  value={labelsText}
                  onChange={(e) => setLabelsText(e.target.value)}
                  className={field}
                  placeholder="gpu, large"
                  aria-invalid={labelErrors.length > 0 ? true : undefined}
                />
              </label>
            </div>
            {labelErrors.length > 0 ? (
              <p className="mt-2 text-sm text-red-700 dark:text-red-400" role="alert">
                {labelErrors[0]}
              </p>
            ) : null}
          </Card>

          <Card title="Registration token" titleId="token">
            <div className="space-y-2">
              <Button variant="primary" onClick={() => void createToken()} disabled={pending} {...gate.control("registration")}>
                {pending ? "Creating…" : token ? "Create a new registration token" : "Create registration token"}
              </Button>
              <AccessReason gate={gate} part="registration" />
              {error ? <Alert tone="danger" role="alert">{error}</Alert> : null}
              {token ? (
                <>
                  <CodeLine label="registration token" command={token.token} testId="registration-token" />
                  <TokenExpiry token={token} now={now} />
                </>
              ) : (
                <p className="text-sm">The configure command needs a token; it is valid for one hour.</p>
              )}
            </div>
          </Card>

          <Card title={os === "win" ? "Commands (PowerShell)" : "Commands"} titleId="commands">
            <ol className="space-y-4">
              {steps.map((s) => (
                <li key={s.id}>
                  <h3 className="mb-1 text-sm font-medium">{s.title}</h3>
                  <CodeLine label={`${s.title.toLowerCase()} command`} command={s.command} testId={`step-${s.id}`} />
                </li>
              ))}
            </ol>
          </Card>
        </>
      )}
    </div>
  );
}
