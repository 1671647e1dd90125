"use client";

import { useId } from "react";
import type { PatternProblem } from "@/lib/permissions/patterns";
import type { SelectedActionsDraft } from "@/lib/permissions/plan";

const input =
  "w-full rounded-md border border-gray-300 bg-white px-3 py-2 font-mono text-sm dark:border-gray-600 dark:bg-gray-950";

/** The "select non-{owner} actions" options: GitHub-owned, verified creators, and the patterns, one per line. */
export function SelectedActionsEditor({
  owner,
  draft,
  onChange,
  problems,
  disabled,
}: {
  owner: string;
  draft: SelectedActionsDraft;
  onChange: (next: SelectedActionsDraft) => void;
  problems: readonly PatternProblem[];
  disabled?: boolean;
}) {
  const id = useId();
  const helpId = `${id}-help`;
  const problemsId = `${id}-problems`;
  return (
    <fieldset className="space-y-3 rounded-md border border-gray-200 p-3 dark:border-gray-700" disabled={disabled}>
      <legend className="px-1 text-sm font-semibold">Non-{owner} actions and reusable workflows to allow</legend>
      <p className="text-sm text-gray-700 dark:text-gray-300">
        Actions and reusable workflows in {owner}&apos;s own repositories are always allowed.
      </p>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-0.5"
          checked={draft.githubOwned}
          onChange={(e) => onChange({ ...draft, githubOwned: e.target.checked })}
        />
        <span>
          <span className="font-medium">Allow actions created by GitHub</span>
          <span className="block text-gray-700 dark:text-gray-300">
            The <code className="font-mono">actions</code> and <code className="font-mono">github</code> organizations.
          </span>
        </span>
      </label>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-0.5"
          checked={draft.verified}
          onChange={(e) => onChange({ ...draft, verified: e.target.checked })}
        />
        <span>
          <span className="font-medium">Allow Marketplace actions by verified creators</span>
          <span className="block text-gray-700 dark:text-gray-300">
            On GitHub Enterprise Server this needs GitHub Connect with Actions enabled.
          </span>
        </span>
      </label>
      <div>
        <label htmlFor={id} className="mb-1 block text-sm font-medium">
          Allow specified actions and reusable workflows (one per line)
        </label>
        <p id={helpId} className="mb-2 text-xs text-gray-700 dark:text-gray-300">
          <code className="font-mono">OWNER/*</code>, <code className="font-mono">OWNER/REPO@v2</code>,{" "}
          <code className="font-mono">OWNER/REPO@*</code>, a full commit SHA after <code className="font-mono">@</code>,{" "}
          <code className="font-mono">OWNER/REPO/.github/workflows/file.yml@v1</code>,{" "}
          <code className="font-mono">docker://IMAGE:TAG</code>; <code className="font-mono">*</code> is a wildcard and
          a leading <code className="font-mono">!</code> blocks. GitHub applies this list to public repositories, and to
          private ones in an enterprise.
        </p>
        <textarea
          id={id}
          rows={Math.min(12, Math.max(4, draft.patternsText.split("\n").length + 1))}
          value={draft.patternsText}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          aria-describedby={problems.length ? `${helpId} ${problemsId}` : helpId}
          aria-invalid={problems.length > 0}
          onChange={(e) => onChange({ ...draft, patternsText: e.target.value })}
          className={input}
        />
        {problems.length ? (
          <div id={problemsId} className="mt-2 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-950 dark:border-red-700 dark:bg-red-950/60 dark:text-red-100">
            <p className="font-semibold">
              {problems.length === 1 ? "1 pattern needs fixing" : `${problems.length} patterns need fixing`} before saving:
            </p>
            <ul className="mt-1 list-disc space-y-1 pl-5" data-testid="pattern-problems">
              {problems.map((p) => (
                <li key={`${p.line}-${p.pattern}`}>
                  {p.pattern ? (
                    <>
                      Line {p.line}, <code className="font-mono">{p.pattern}</code>:{" "}
                    </>
                  ) : null}
                  {p.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </fieldset>
  );
}

/** The selected actions as a read-only list (for a repository whose org sets them). */
export function SelectedActionsView({
  githubOwned,
  verified,
  patterns,
}: {
  githubOwned: boolean;
  verified: boolean | undefined;
  patterns: readonly string[];
}) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm" data-testid="selected-actions-view">
      <dt className="font-medium">Actions created by GitHub</dt>
      <dd>{githubOwned ? "Allowed" : "Not allowed"}</dd>
      <dt className="font-medium">Verified creators</dt>
      <dd>{verified === undefined ? "Not reported" : verified ? "Allowed" : "Not allowed"}</dd>
      <dt className="font-medium">Patterns</dt>
      <dd>
        {patterns.length === 0 ? (
          "None"
        ) : (
          <ul className="space-y-0.5">
            {patterns.map((p) => (
              <li key={p}>
                <code className="font-mono">{p}</code>
              </li>
            ))}
          </ul>
        )}
      </dd>
    </dl>
  );
}
