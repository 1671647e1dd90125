/**
 * The runs page's filters, kept in the URL the way GitHub keeps them: one `query` parameter in
 * GitHub's search syntax (`workflow:ci.yml is:failure branch:main actor:mona event:push
 * created:2026-11-01..2026-11-05`) plus `page`. A GitHub link's query string therefore works here
 * unchanged. Pure: parse, validate, serialize, and map to the REST parameters of
 * `GET /repos/{owner}/{repo}/actions/runs`.
 */

export const RUN_STATUS_FILTERS = [
  "queued",
  "in_progress",
  "waiting",
  "requested",
  "pending",
  "completed",
  "success",
  "failure",
  "neutral",
  "cancelled",
  "skipped",
  "timed_out",
  "action_required",
  "stale",
] as const;

export type RunStatusFilter = (typeof RUN_STATUS_FILTERS)[number];

/** Events GitHub lists in its filter menu (any other event name is still accepted). */
export const COMMON_EVENTS = [
  "push",
  "pull_request",
  "pull_request_target",
  "workflow_dispatch",
  "schedule",
  "release",
  "repository_dispatch",
  "workflow_run",
  "workflow_call",
  "merge_group",
  "dynamic",
] as const;

export interface RunFilterState {
  /** A workflow's file name (`ci.yml`) or id. */
  workflow?: string | undefined;
  status?: string | undefined;
  branch?: string | undefined;
  actor?: string | undefined;
  event?: string | undefined;
  /** GitHub's date syntax: `2026-11-01`, `>=2026-11-01`, `2026-11-01..2026-11-05`, `*..2026-11-05`. */
  created?: string | undefined;
  page?: number | undefined;
}

export const FILTER_KEYS = ["workflow", "status", "branch", "actor", "event", "created"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** `is:` is GitHub's qualifier for status or conclusion. */
const QUALIFIER_TO_KEY: Record<string, FilterKey> = {
  workflow: "workflow",
  is: "status",
  status: "status",
  branch: "branch",
  actor: "actor",
  event: "event",
  created: "created",
};

const KEY_TO_QUALIFIER: Record<FilterKey, string> = {
  workflow: "workflow",
  status: "is",
  branch: "branch",
  actor: "actor",
  event: "event",
  created: "created",
};

export const RUNS_PER_PAGE = 25;

/** Splits `a:b c:"d e"` into tokens, keeping quoted values together. */
function tokenize(query: string): string[] {
  const tokens: string[] = [];
  const re = /(\S+?:"[^"]*"|\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(query))) if (m[1]) tokens.push(m[1]);
  return tokens;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

export interface ParsedRunQuery {
  filters: RunFilterState;
  /** Words that are not a known `qualifier:value` (shown to the user, never sent). */
  unknown: string[];
}

/** Parses GitHub's `query` text. Later qualifiers of the same kind win, as on GitHub. */
export function parseRunQuery(query: string | null | undefined): ParsedRunQuery {
  const filters: RunFilterState = {};
  const unknown: string[] = [];
  for (const token of tokenize(query ?? "")) {
    const colon = token.indexOf(":");
    const key = colon > 0 ? QUALIFIER_TO_KEY[token.slice(0, colon).toLowerCase()] : undefined;
    const value = colon > 0 ? unquote(token.slice(colon + 1)).trim() : "";
    if (!key || value === "") {
      unknown.push(token);
      continue;
    }
    filters[key] = key === "status" ? value.toLowerCase() : value;
  }
  return { filters, unknown };
}

function quoteIfNeeded(value: string): string {
  return /[\s"]/.test(value) ? `"${value.replaceAll('"', "")}"` : value;
}

/** The `query` text for filters, in a stable order (empty string when there are none). */
export function serializeRunQuery(filters: RunFilterState): string {
  const parts: string[] = [];
  for (const key of FILTER_KEYS) {
    const value = filters[key]?.trim();
    if (value) parts.push(`${KEY_TO_QUALIFIER[key]}:${quoteIfNeeded(value)}`);
  }
  return parts.join(" ");
}

type SearchParamsLike = { get(name: string): string | null };

/** Filters from the URL's search params (`query`, `page`). Bad page numbers become page 1. */
export function filtersFromSearchParams(params: SearchParamsLike): ParsedRunQuery {
  const parsed = parseRunQuery(params.get("query"));
  const rawPage = params.get("page");
  const page = rawPage && /^\d+$/.test(rawPage) ? Number(rawPage) : undefined;
  if (page !== undefined && page > 1) parsed.filters.page = page;
  return parsed;
}

/** A Next.js-style `searchParams` record → something with `get`. */
export function searchParamsOf(record: Record<string, string | string[] | undefined>): SearchParamsLike {
  return {
    get(name) {
      const value = record[name];
      return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
    },
  };
}

/** The URL query string (with `?`, or "" when nothing is set) for filters and page. */
export function filtersToSearch(filters: RunFilterState): string {
  const params = new URLSearchParams();
  const query = serializeRunQuery(filters);
  if (query) params.set("query", query);
  if (filters.page && filters.page > 1) params.set("page", String(filters.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

const DATE = String.raw`\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?)?`;
const RANGE = new RegExp(`^(${DATE}|\\*)\\.\\.(${DATE}|\\*)$`);
const COMPARE = new RegExp(`^(>=|<=|>|<)(${DATE})$`);
const SINGLE = new RegExp(`^${DATE}$`);

function validDate(value: string): boolean {
  if (value === "*") return true;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) return false;
  // Reject 2026-02-31 and friends (Date.parse rolls them over).
  const day = value.slice(0, 10);
  return new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
}

/** Why a `created` expression is invalid, or undefined when GitHub would accept it. */
export function createdError(created: string): string | undefined {
  const value = created.trim();
  const range = RANGE.exec(value);
  if (range) {
    const [from, to] = [range[1] ?? "", range[2] ?? ""];
    if (from === "*" && to === "*") return "A date range needs at least one date.";
    if (!validDate(from) || !validDate(to)) return `“${value}” contains a date that does not exist.`;
    if (from !== "*" && to !== "*" && Date.parse(from) > Date.parse(to)) {
      return `The range “${value}” ends before it starts.`;
    }
    return undefined;
  }
  const compare = COMPARE.exec(value);
  if (compare)
    return validDate(compare[2] ?? "") ? undefined : `“${value}” contains a date that does not exist.`;
  if (SINGLE.test(value)) return validDate(value) ? undefined : `“${value}” is a date that does not exist.`;
  return `“${value}” is not a date filter. Use YYYY-MM-DD, >=YYYY-MM-DD, <YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD.`;
}

/** Every problem with the filters, keyed by filter; empty when they can be sent. */
export function validateRunFilters(filters: RunFilterState): Partial<Record<FilterKey, string>> {
  const errors: Partial<Record<FilterKey, string>> = {};
  if (filters.status && !(RUN_STATUS_FILTERS as readonly string[]).includes(filters.status)) {
    errors.status = `“${filters.status}” is not a run status or conclusion. Use one of: ${RUN_STATUS_FILTERS.join(", ")}.`;
  }
  if (filters.created) {
    const message = createdError(filters.created);
    if (message) errors.created = message;
  }
  if (filters.actor && !/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/.test(filters.actor)) {
    errors.actor = `“${filters.actor}” is not a GitHub user name.`;
  }
  if (filters.event && !/^[a-z_]+$/.test(filters.event)) {
    errors.event = `“${filters.event}” is not an event name (e.g. push, pull_request, workflow_dispatch).`;
  }
  return errors;
}

export interface RunsRequest {
  /** Set when the list is one workflow's: use `GET .../workflows/{workflow_id}/runs`. */
  workflow_id?: string;
  params: {
    per_page: number;
    page: number;
    status?: RunStatusFilter;
    branch?: string;
    actor?: string;
    event?: string;
    created?: string;
  };
}

/** The REST request for valid filters (call validateRunFilters first). */
export function runsRequest(filters: RunFilterState, perPage: number = RUNS_PER_PAGE): RunsRequest {
  const params: RunsRequest["params"] = { per_page: perPage, page: filters.page ?? 1 };
  if (filters.status) params.status = filters.status as RunStatusFilter;
  if (filters.branch) params.branch = filters.branch;
  if (filters.actor) params.actor = filters.actor;
  if (filters.event) params.event = filters.event;
  if (filters.created) params.created = filters.created.trim();
  return filters.workflow ? { workflow_id: filters.workflow, params } : { params };
}

/** How many pages `total` results make (GitHub answers at most 1,000 results for a filtered list). */
export function pageCount(total: number, perPage: number = RUNS_PER_PAGE, filtered = false): number {
  const reachable = filtered ? Math.min(total, 1000) : total;
  return Math.max(1, Math.ceil(reachable / perPage));
}

/** Whether any filter is set (page aside). */
export function hasFilters(filters: RunFilterState): boolean {
  return FILTER_KEYS.some((key) => Boolean(filters[key]));
}

export interface WorkflowRef {
  id: number;
  name: string;
  path: string;
}

/**
 * The workflow a `workflow:` value names: its file name (`ci.yml`), path, id, or (as GitHub's own
 * links use) its display name, case-insensitively. Undefined when none matches.
 */
export function resolveWorkflow<W extends WorkflowRef>(
  value: string,
  workflows: readonly W[],
): W | undefined {
  const v = value.trim();
  const lower = v.toLowerCase();
  return (
    workflows.find((w) => w.path.split("/").pop() === v || w.path === v || String(w.id) === v) ??
    workflows.find((w) => w.name.toLowerCase() === lower)
  );
}

export interface ResolvedRunFilters {
  /** What to request, with `workflow` replaced by the workflow's file name. */
  filters: RunFilterState;
  /** Problems per filter (nothing is requested while there are any). */
  errors: Partial<Record<FilterKey, string>>;
  /** Words of the query that are not filters. */
  unknown: string[];
  /** Whether the workflow list is still needed to resolve `workflow:`. */
  waitingForWorkflows: boolean;
}

/**
 * The filters a runs view requests, from the URL's `query` and `page`. On a workflow's own page
 * (`fixedWorkflow`), the workflow is that page's and a `workflow:` qualifier is ignored.
 */
export function resolveRunFilters<W extends WorkflowRef>(
  query: string | null | undefined,
  page: number | undefined,
  workflows: readonly W[] | undefined,
  fixedWorkflow?: string,
): ResolvedRunFilters {
  const parsed = parseRunQuery(query);
  const filters: RunFilterState = { ...parsed.filters };
  if (page && page > 1) filters.page = page;
  const errors = validateRunFilters(filters);
  let waitingForWorkflows = false;
  if (fixedWorkflow !== undefined) {
    filters.workflow = fixedWorkflow;
  } else if (filters.workflow) {
    if (!workflows) waitingForWorkflows = true;
    else {
      const found = resolveWorkflow(filters.workflow, workflows);
      if (found) filters.workflow = found.path.split("/").pop() ?? found.path;
      else errors.workflow = `This repository has no workflow “${filters.workflow}”.`;
    }
  }
  return { filters, errors, unknown: parsed.unknown, waitingForWorkflows };
}
