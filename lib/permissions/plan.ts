/**
 * What "Save" sends, worked out from the policy the server reports and the form's draft: the problems
 * that stop it before anything is sent, and the bodies of the writes that are needed (only those).
 */
import { parsePatternList, samePatterns, type PatternProblem } from "./patterns";
import {
  sameIds,
  type AllowedActions,
  type EnabledRepositories,
  type RepoConstraints,
} from "./policy";

export interface SelectedActionsBody {
  github_owned_allowed: boolean;
  verified_allowed: boolean;
  patterns_allowed: string[];
}

export interface SelectedActionsDraft {
  githubOwned: boolean;
  verified: boolean;
  patternsText: string;
}

export const DEFAULT_SELECTED_ACTIONS: SelectedActionsDraft = { githubOwned: true, verified: false, patternsText: "" };

export function draftFromSelectedActions(
  actions: { github_owned_allowed?: boolean; verified_allowed?: boolean; patterns_allowed?: string[] } | undefined,
): SelectedActionsDraft {
  if (!actions) return { ...DEFAULT_SELECTED_ACTIONS };
  return {
    githubOwned: actions.github_owned_allowed ?? true,
    verified: actions.verified_allowed ?? false,
    patternsText: (actions.patterns_allowed ?? []).join("\n"),
  };
}

function selectedActionsChanged(
  server: SelectedActionsBody | undefined,
  draft: SelectedActionsDraft,
  patterns: string[],
): boolean {
  if (!server) return true;
  return (
    server.github_owned_allowed !== draft.githubOwned ||
    server.verified_allowed !== draft.verified ||
    !samePatterns(server.patterns_allowed, patterns)
  );
}

export interface OrgServerPolicy {
  enabled: EnabledRepositories;
  /** The selected repository ids (empty unless `enabled` is "selected"). */
  selectedIds: number[];
  /** Not reported by the server while Actions is disabled for all repositories. */
  allowed: AllowedActions | undefined;
  /** Only when `allowed` is "selected". */
  actions: SelectedActionsBody | undefined;
}

export interface OrgDraft {
  enabled: EnabledRepositories;
  selectedIds: number[];
  allowed: AllowedActions | undefined;
  actions: SelectedActionsDraft;
}

export function orgDraftFromServer(server: OrgServerPolicy): OrgDraft {
  return {
    enabled: server.enabled,
    selectedIds: [...server.selectedIds],
    allowed: server.allowed,
    actions: draftFromSelectedActions(server.actions),
  };
}

export interface OrgPlan {
  /** Stops the save; nothing is sent. */
  problems: string[];
  patternProblems: PatternProblem[];
  policy?: { enabled_repositories: EnabledRepositories; allowed_actions?: AllowedActions } | undefined;
  repositoryIds?: number[] | undefined;
  selectedActions?: SelectedActionsBody | undefined;
  /** Whether anything would be sent at all. */
  changed: boolean;
}

export function planOrgSave(server: OrgServerPolicy, draft: OrgDraft): OrgPlan {
  const problems: string[] = [];
  const active = draft.enabled !== "none";
  const { patterns, problems: patternProblems } =
    active && draft.allowed === "selected" ? parsePatternList(draft.actions.patternsText) : { patterns: [], problems: [] };
  if (active && draft.allowed === undefined) {
    problems.push("Choose which actions and reusable workflows are allowed.");
  }
  if (patternProblems.length) {
    problems.push(
      `Fix the ${patternProblems.length === 1 ? "pattern" : `${patternProblems.length} patterns`} marked below; nothing is sent until every pattern is valid.`,
    );
  }
  const policyChanged = draft.enabled !== server.enabled || (active && draft.allowed !== server.allowed);
  const policy = policyChanged
    ? {
        enabled_repositories: draft.enabled,
        ...(active && draft.allowed !== undefined ? { allowed_actions: draft.allowed } : {}),
      }
    : undefined;
  const repositoryIds =
    draft.enabled === "selected" && (server.enabled !== "selected" || !sameIds(draft.selectedIds, server.selectedIds))
      ? [...draft.selectedIds].sort((a, b) => a - b)
      : undefined;
  const wantsActions = active && draft.allowed === "selected";
  const selectedActions =
    wantsActions && (server.allowed !== "selected" || selectedActionsChanged(server.actions, draft.actions, patterns))
      ? { github_owned_allowed: draft.actions.githubOwned, verified_allowed: draft.actions.verified, patterns_allowed: patterns }
      : undefined;
  return {
    problems,
    patternProblems,
    policy,
    repositoryIds,
    selectedActions,
    changed: policy !== undefined || repositoryIds !== undefined || selectedActions !== undefined,
  };
}

export interface RepoServerPolicy {
  enabled: boolean;
  allowed: AllowedActions | undefined;
  actions: SelectedActionsBody | undefined;
}

export interface RepoDraft {
  enabled: boolean;
  allowed: AllowedActions | undefined;
  actions: SelectedActionsDraft;
}

export function repoDraftFromServer(server: RepoServerPolicy): RepoDraft {
  return { enabled: server.enabled, allowed: server.allowed, actions: draftFromSelectedActions(server.actions) };
}

export interface RepoPlan {
  problems: string[];
  patternProblems: PatternProblem[];
  policy?: { enabled: boolean; allowed_actions?: AllowedActions } | undefined;
  selectedActions?: SelectedActionsBody | undefined;
  changed: boolean;
}

export function planRepoSave(
  server: RepoServerPolicy,
  draft: RepoDraft,
  constraints: RepoConstraints,
  orgName: string | undefined,
): RepoPlan {
  const problems: string[] = [];
  const editsActions = draft.enabled && draft.allowed === "selected" && !constraints.selectedActionsFromOrg;
  const { patterns, problems: patternProblems } = editsActions
    ? parsePatternList(draft.actions.patternsText)
    : { patterns: [], problems: [] };
  if (draft.enabled && constraints.disabledByOrg && !server.enabled) {
    problems.push(`The ${orgName ?? "organization"} organization's policy disables Actions for this repository; only it can enable them.`);
  }
  if (draft.enabled && draft.allowed === undefined) {
    problems.push("Choose which actions and reusable workflows are allowed.");
  }
  if (draft.enabled && draft.allowed !== undefined && !constraints.allowedOptions.includes(draft.allowed)) {
    const short = (a: AllowedActions) =>
      a === "all" ? "all actions" : a === "selected" ? "selected actions" : `only ${orgName ?? "the organization"}'s own actions`;
    problems.push(
      `The ${orgName ?? "organization"} organization's policy does not let this repository allow ${short(draft.allowed)}: choose ${constraints.allowedOptions.map(short).join(" or ")}.`,
    );
  }
  if (patternProblems.length) {
    problems.push(
      `Fix the ${patternProblems.length === 1 ? "pattern" : `${patternProblems.length} patterns`} marked below; nothing is sent until every pattern is valid.`,
    );
  }
  const policyChanged = draft.enabled !== server.enabled || (draft.enabled && draft.allowed !== server.allowed);
  const policy = policyChanged
    ? { enabled: draft.enabled, ...(draft.enabled && draft.allowed !== undefined ? { allowed_actions: draft.allowed } : {}) }
    : undefined;
  const selectedActions =
    editsActions && (server.allowed !== "selected" || selectedActionsChanged(server.actions, draft.actions, patterns))
      ? { github_owned_allowed: draft.actions.githubOwned, verified_allowed: draft.actions.verified, patterns_allowed: patterns }
      : undefined;
  return {
    problems,
    patternProblems,
    policy,
    selectedActions,
    changed: policy !== undefined || selectedActions !== undefined,
  };
}
