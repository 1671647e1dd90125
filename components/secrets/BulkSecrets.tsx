"use client";

import { useId, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { browserGitHub } from "@/lib/client/octokit";
import type { BulkResult } from "@/lib/bulk/run-bulk";
import { bulkItemLabel, setSecretsInRepos, type BulkItem, type BulkRepo } from "@/lib/secrets/bulk";
import { parseDotenv } from "@/lib/secrets/dotenv";
import { checkSecretName } from "@/lib/secrets/names";
import { checkSecretValue } from "@/lib/secrets/value";
import { secretKeys, type OrgRepo } from "@/lib/queries/secrets";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { cn } from "@/components/ui/cn";
import { BulkResults } from "@/components/bulk/BulkResults";
import { SecretNameField, SecretValueField, inputClass } from "./fields";
import { RepoPicker } from "./RepoPicker";

type Mode = "one" | "dotenv";

export interface BulkSecretsProps {
  /** Choose target repositories among these (org page)… */
  orgRepos?: readonly OrgRepo[] | undefined;
  orgReposLoading?: boolean;
  /** …or write into these (repo page). */
  fixedRepos?: readonly BulkRepo[];
  /** Which modes to offer. */
  modes?: readonly Mode[];
}

interface Planned {
  secrets: { name: string; value: string }[];
  problems: string[];
  notes: string[];
}

/** One value → many repositories, or a pasted `.env` → one or many repositories, with a result per pair. */
export function BulkSecrets({ orgRepos, orgReposLoading, fixedRepos, modes = ["one", "dotenv"] }: BulkSecretsProps) {
  const queryClient = useQueryClient();
  const dotenvId = useId();
  const [mode, setMode] = useState<Mode>(modes[0] ?? "one");
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const [dotenv, setDotenv] = useState("");
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [touched, setTouched] = useState(false);
  const [problem, setProblem] = useState<string[] | null>(null);
  const [results, setResults] = useState<BulkResult<BulkItem>[] | null>(null);
  const [running, setRunning] = useState(false);
  const abort = useRef<AbortController | null>(null);

  const targets: BulkRepo[] = fixedRepos
    ? [...fixedRepos]
    : (orgRepos ?? [])
        .filter((r) => selected.has(Number(r.id)))
        .map((r) => ({ owner: r.owner.login, repo: r.name }));

  const plan = (): Planned => {
    if (mode === "one") {
      const n = checkSecretName(name);
      const v = checkSecretValue(value);
      return {
        secrets: n.ok && v.ok ? [{ name: n.name, value }] : [],
        problems: [...(n.ok ? [] : [`Name: ${n.message}`]), ...(v.ok ? [] : [`Value: ${v.message}`])],
        notes: [],
      };
    }
    const parsed = parseDotenv(dotenv);
    const problems = parsed.errors.map((e) => `Line ${e.line}: ${e.message}`);
    const secrets: { name: string; value: string }[] = [];
    for (const entry of parsed.entries) {
      const n = checkSecretName(entry.key);
      const v = checkSecretValue(entry.value);
      if (!n.ok) problems.push(`Line ${entry.line}, ${entry.key}: ${n.message}`);
      else if (!v.ok) problems.push(`Line ${entry.line}, ${entry.key}: ${entry.value === "" ? "the value is empty; GitHub secrets cannot be empty." : v.message}`);
      else secrets.push({ name: n.name, value: entry.value });
    }
    if (parsed.entries.length === 0 && problems.length === 0) problems.push("The content has no KEY=value lines.");
    const seen = new Map<string, string>();
    for (const s of secrets) {
      const prev = seen.get(s.name);
      if (prev !== undefined && prev !== s.name) problems.push(`${s.name} appears twice with different case; secret names are case-insensitive.`);
      seen.set(s.name, s.name);
    }
    return { secrets, problems, notes: parsed.notes.map((n) => `Line ${n.line}: ${n.message}`) };
  };

  const preview = mode === "dotenv" && dotenv.trim() ? plan() : null;

  const run = async () => {
    setTouched(true);
    setProblem(null);
    const p = plan();
    const issues = [...p.problems];
    if (targets.length === 0) issues.push("Choose at least one repository.");
    if (issues.length > 0) {
      setProblem(issues);
      return;
    }
    setRunning(true);
    abort.current = new AbortController();
    try {
      const final = await setSecretsInRepos(browserGitHub, p.secrets, targets, setResults, abort.current.signal);
      if (final.every((r) => r.status === "done")) {
        setValue("");
        setDotenv("");
        setTouched(false);
      }
    } finally {
      p.secrets.length = 0;
      setRunning(false);
      abort.current = null;
      await queryClient.invalidateQueries({ queryKey: [...secretKeys.all, "repo"] });
    }
  };

  const tab = (m: Mode, label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={mode === m}
      onClick={() => {
        setMode(m);
        setProblem(null);
      }}
      className={cn(
        "rounded-t-md border-b-2 px-3 py-1.5 text-sm font-medium",
        mode === m ? "border-blue-600 text-gray-900 dark:text-gray-100" : "border-transparent text-gray-700 hover:text-gray-900 dark:text-gray-300",
      )}
    >
      {label}
    </button>
  );

  return (
    <form
      className="space-y-4"
      autoComplete="off"
      onSubmit={(e) => {
        e.preventDefault();
        if (!running) void run();
      }}
    >
      {modes.length > 1 ? (
        <div role="tablist" aria-label="What to set" className="flex gap-1 border-b border-gray-200 dark:border-gray-700">
          {modes.includes("one") ? tab("one", "One secret") : null}
          {modes.includes("dotenv") ? tab("dotenv", "Import .env") : null}
        </div>
      ) : null}

      {mode === "one" ? (
        <div className="grid gap-4 md:grid-cols-2">
          <SecretNameField value={name} onChange={setName} touched={touched} />
          <SecretValueField value={value} onChange={setValue} touched={touched} />
        </div>
      ) : (
        <div>
          <label htmlFor={dotenvId} className="mb-1 block text-sm font-medium">
            .env content
          </label>
          <textarea
            id={dotenvId}
            value={dotenv}
            onChange={(e) => setDotenv(e.target.value)}
            rows={8}
            autoComplete="off"
            spellCheck={false}
            data-1p-ignore
            aria-describedby={`${dotenvId}-hint`}
            placeholder={"# Parsed in your browser, as gh secret set -f does\nexport API_TOKEN=abc123\nCERT=\"-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\""}
            className={cn(inputClass, "font-mono")}
          />
          <p id={`${dotenvId}-hint`} className="mt-1 text-xs text-gray-700 dark:text-gray-300">
            Parsed in your browser as <code>gh secret set -f</code> does: comments, <code>export</code>, single and double quotes (multi-line), <code>$VAR</code> from earlier lines.
          </p>
          {preview ? (
            <div className="mt-2 text-sm" aria-live="polite" data-testid="dotenv-preview">
              <p>
                {preview.secrets.length} secret{preview.secrets.length === 1 ? "" : "s"} ready:{" "}
                <span className="font-mono">{preview.secrets.map((s) => s.name).join(", ") || "none"}</span>
              </p>
              {preview.problems.length ? (
                <ul className="mt-1 list-disc pl-5 text-red-700 dark:text-red-400">
                  {preview.problems.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              ) : null}
              {preview.notes.length ? (
                <ul className="mt-1 list-disc pl-5 text-gray-700 dark:text-gray-300">
                  {preview.notes.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
        </div>
      )}

      {fixedRepos ? null : (
        <RepoPicker repos={orgRepos ?? []} loading={orgReposLoading} selected={selected} onChange={setSelected} label="Target repositories" />
      )}

      {problem ? (
        <Alert tone="danger" title="Nothing was sent" level={3}>
          <ul className="list-disc pl-5">
            {problem.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </Alert>
      ) : null}

      <div className="flex justify-end gap-2">
        {running ? <Button onClick={() => abort.current?.abort()}>Stop</Button> : null}
        <Button type="submit" variant="primary" disabled={running}>
          {running
            ? "Setting…"
            : `Set ${mode === "one" ? "secret" : "secrets"} in ${targets.length} ${targets.length === 1 ? "repository" : "repositories"}`}
        </Button>
      </div>

      {results ? <BulkResults title="Setting secrets" results={results} label={bulkItemLabel} /> : null}
    </form>
  );
}
