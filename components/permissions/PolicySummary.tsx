import type { AllowedActions, EnabledRepositories } from "@/lib/permissions/policy";
import { allowedLabel, countRepos, enabledLabel } from "@/lib/permissions/policy";
import type { SelectedActionsBody } from "@/lib/permissions/plan";

/** The policy in force, as the server reports it (a definition list; the same words as the form). */
export function PolicySummary({
  owner,
  enabled,
  selectedCount,
  allowed,
  actions,
  testId,
  actionsOnly = false,
}: {
  owner: string;
  /** An org's enabled_repositories, or a repository's enabled flag. */
  enabled: EnabledRepositories | boolean;
  selectedCount?: number | undefined;
  allowed: AllowedActions | undefined;
  actions: SelectedActionsBody | undefined;
  testId: string;
  /** Only the selected actions (GitHub-made, verified, patterns). */
  actionsOnly?: boolean;
}) {
  const on = typeof enabled === "boolean" ? enabled : enabled !== "none";
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm" data-testid={testId}>
      {actionsOnly ? null : (
        <>
          <dt className="font-medium">{typeof enabled === "boolean" ? "GitHub Actions" : "Repositories"}</dt>
          <dd>
            {typeof enabled === "boolean"
              ? enabled
                ? "Enabled"
                : "Disabled"
              : `${enabledLabel(enabled)}${enabled === "selected" && selectedCount !== undefined ? ` (${countRepos(selectedCount)})` : ""}`}
          </dd>
          <dt className="font-medium">Allowed actions</dt>
          <dd>{on ? (allowed ? allowedLabel(allowed, owner) : "Not reported") : "Not applicable (Actions is disabled)"}</dd>
        </>
      )}
      {on && allowed === "selected" && actions ? (
        <>
          <dt className="font-medium">Created by GitHub</dt>
          <dd>{actions.github_owned_allowed ? "Allowed" : "Not allowed"}</dd>
          <dt className="font-medium">Verified creators</dt>
          <dd>{actions.verified_allowed ? "Allowed" : "Not allowed"}</dd>
          <dt className="font-medium">Patterns</dt>
          <dd>
            {actions.patterns_allowed.length === 0 ? (
              "None"
            ) : (
              <ul className="space-y-0.5">
                {actions.patterns_allowed.map((p) => (
                  <li key={p}>
                    <code className="font-mono">{p}</code>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </>
      ) : null}
    </dl>
  );
}
