/**
 * The dashboard's GitHub route table: the only (method, template) pairs the proxy forwards and
 * the route strings both Octokit clients use. Shared by server and browser code (no server-only).
 */
import type { Endpoints } from "@octokit/types";

export const ROUTES = [
  // navigation
  "GET /user",
  "GET /user/orgs",
  "GET /user/memberships/orgs/{org}",
  "GET /user/repos",
  "GET /orgs/{org}",
  "GET /orgs/{org}/repos",
  "GET /repos/{owner}/{repo}",
  "GET /repos/{owner}/{repo}/branches",
  "GET /repos/{owner}/{repo}/contents/{path}",
  "GET /rate_limit",
  // Actions (seed endpoints)
  "GET /orgs/{org}/actions/permissions",
  "PUT /orgs/{org}/actions/permissions",
  "GET /orgs/{org}/actions/permissions/repositories",
  "PUT /orgs/{org}/actions/permissions/repositories",
  "DELETE /orgs/{org}/actions/permissions/repositories/{repository_id}",
  "PUT /orgs/{org}/actions/permissions/repositories/{repository_id}",
  "GET /orgs/{org}/actions/permissions/selected-actions",
  "PUT /orgs/{org}/actions/permissions/selected-actions",
  "GET /orgs/{org}/actions/runner-groups",
  "POST /orgs/{org}/actions/runner-groups",
  "DELETE /orgs/{org}/actions/runner-groups/{runner_group_id}",
  "GET /orgs/{org}/actions/runner-groups/{runner_group_id}",
  "PATCH /orgs/{org}/actions/runner-groups/{runner_group_id}",
  "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories",
  "PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories",
  "DELETE /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}",
  "PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}",
  "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/runners",
  "PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/runners",
  "DELETE /orgs/{org}/actions/runner-groups/{runner_group_id}/runners/{runner_id}",
  "PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/runners/{runner_id}",
  "GET /orgs/{org}/actions/runners",
  "GET /orgs/{org}/actions/runners/downloads",
  "POST /orgs/{org}/actions/runners/registration-token",
  "POST /orgs/{org}/actions/runners/remove-token",
  "DELETE /orgs/{org}/actions/runners/{runner_id}",
  "GET /orgs/{org}/actions/runners/{runner_id}",
  "GET /orgs/{org}/actions/secrets",
  "GET /orgs/{org}/actions/secrets/public-key",
  "DELETE /orgs/{org}/actions/secrets/{secret_name}",
  "GET /orgs/{org}/actions/secrets/{secret_name}",
  "PUT /orgs/{org}/actions/secrets/{secret_name}",
  "GET /orgs/{org}/actions/secrets/{secret_name}/repositories",
  "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories",
  "DELETE /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}",
  "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}",
  "GET /repos/{owner}/{repo}/actions/artifacts",
  "DELETE /repos/{owner}/{repo}/actions/artifacts/{artifact_id}",
  "GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}",
  "GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}",
  "GET /repos/{owner}/{repo}/actions/jobs/{job_id}",
  "GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs",
  "GET /repos/{owner}/{repo}/actions/permissions",
  "PUT /repos/{owner}/{repo}/actions/permissions",
  "GET /repos/{owner}/{repo}/actions/permissions/selected-actions",
  "PUT /repos/{owner}/{repo}/actions/permissions/selected-actions",
  "GET /repos/{owner}/{repo}/actions/runners",
  "GET /repos/{owner}/{repo}/actions/runners/downloads",
  "POST /repos/{owner}/{repo}/actions/runners/registration-token",
  "POST /repos/{owner}/{repo}/actions/runners/remove-token",
  "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}",
  "GET /repos/{owner}/{repo}/actions/runners/{runner_id}",
  "GET /repos/{owner}/{repo}/actions/runs",
  "DELETE /repos/{owner}/{repo}/actions/runs/{run_id}",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts",
  "POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs",
  "DELETE /repos/{owner}/{repo}/actions/runs/{run_id}/logs",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/logs",
  "POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/timing",
  "GET /repos/{owner}/{repo}/actions/secrets",
  "GET /repos/{owner}/{repo}/actions/secrets/public-key",
  "DELETE /repos/{owner}/{repo}/actions/secrets/{secret_name}",
  "GET /repos/{owner}/{repo}/actions/secrets/{secret_name}",
  "PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}",
  "GET /repos/{owner}/{repo}/actions/workflows",
  "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}",
  "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/disable",
  "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",
  "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/enable",
  "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
  "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/timing",
  // Actions (extras)
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/logs",
  "POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs",
  "POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun",
  "POST /repos/{owner}/{repo}/actions/runs/{run_id}/force-cancel",
  "GET /orgs/{org}/actions/runners/{runner_id}/labels",
  "POST /orgs/{org}/actions/runners/{runner_id}/labels",
  "PUT /orgs/{org}/actions/runners/{runner_id}/labels",
  "DELETE /orgs/{org}/actions/runners/{runner_id}/labels",
  "DELETE /orgs/{org}/actions/runners/{runner_id}/labels/{name}",
  "GET /repos/{owner}/{repo}/actions/runners/{runner_id}/labels",
  "POST /repos/{owner}/{repo}/actions/runners/{runner_id}/labels",
  "PUT /repos/{owner}/{repo}/actions/runners/{runner_id}/labels",
  "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}/labels",
  "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}/labels/{name}",
  "GET /repos/{owner}/{repo}/actions/organization-secrets",
] as const satisfies readonly (keyof Endpoints)[];

export type RouteKey = (typeof ROUTES)[number];
export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
/** Route params as strings (what the URL carries). */
export type RouteParams = Record<string, string>;

export interface RouteMatch {
  /** The table entry, e.g. "GET /repos/{owner}/{repo}/actions/runs". HEAD matches the GET entry. */
  route: RouteKey;
  method: HttpMethod;
  /** The path template, e.g. "/repos/{owner}/{repo}/actions/runs". */
  template: string;
  params: RouteParams;
}

/** Routes that answer 302 to a signed download URL (logs and artifact archives). */
export const DOWNLOAD_ROUTES: ReadonlySet<RouteKey> = new Set<RouteKey>([
  "GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/logs",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/logs",
  "GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}",
]);

export function isDownloadRoute(route: RouteKey): boolean {
  return DOWNLOAD_ROUTES.has(route);
}

/** Methods that change state upstream. Never retried automatically; CSRF-checked in the proxy. */
export function isWriteMethod(method: string): boolean {
  const m = method.toUpperCase();
  return m !== "GET" && m !== "HEAD" && m !== "OPTIONS";
}

// ---------------------------------------------------------------------------------------------
// Parameter rules

const NUMERIC_PARAMS = new Set([
  "run_id",
  "job_id",
  "artifact_id",
  "runner_id",
  "runner_group_id",
  "repository_id",
  "attempt_number",
]);

const PARAM_RULES: Record<string, RegExp> = {
  owner: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/,
  org: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/,
  repo: /^[A-Za-z0-9_.-]{1,100}$/,
  archive_format: /^zip$/,
  secret_name: /^[A-Za-z_][A-Za-z0-9_]{0,254}$/,
};

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function isSafeText(value: string): boolean {
  if (value === "." || value === "..") return false;
  if (CONTROL.test(value)) return false;
  if (value.includes("/") || value.includes("\\")) return false;
  // double-encoded separators or dots (%2F, %5C, %2E) survive one decode as text: refuse them
  if (/%(?:2f|5c|2e|00)/i.test(value)) return false;
  return true;
}

/**
 * Rules every path segment obeys, whatever the parameter. Checked on the text and on its NFKC form
 * too: full-width dots and slashes (`．．`, `／`, `＼`, `‥`, `％２ｆ`) become `..`, `/`, `\` or `%2f`
 * on a server that normalises Unicode, so they are refused as well.
 */
export function isSafeSegment(value: string): boolean {
  if (value.length === 0 || value.length > 255) return false;
  return isSafeText(value) && isSafeText(value.normalize("NFKC"));
}

function isValidParam(name: string, value: string): boolean {
  if (!isSafeSegment(value)) return false;
  if (NUMERIC_PARAMS.has(name)) return /^[0-9]{1,19}$/.test(value);
  const rule = PARAM_RULES[name];
  return rule ? rule.test(value) : true;
}

// ---------------------------------------------------------------------------------------------
// Compiled table

type Part =
  { kind: "literal"; value: string } | { kind: "param"; name: string } | { kind: "rest"; name: string };

interface Compiled {
  route: RouteKey;
  method: HttpMethod;
  template: string;
  parts: Part[];
  literals: number;
}

/** Parameters that may span several segments (only allowed as the last part of a template). */
const REST_PARAMS = new Set(["path"]);

const COMPILED: Compiled[] = ROUTES.map((route) => {
  const space = route.indexOf(" ");
  const method = route.slice(0, space) as HttpMethod;
  const template = route.slice(space + 1);
  const raw = template.split("/").slice(1);
  const parts: Part[] = raw.map((seg, i) => {
    const m = /^\{([a-z_]+)\}$/.exec(seg);
    if (!m) return { kind: "literal", value: seg };
    const name = m[1]!;
    if (REST_PARAMS.has(name) && i === raw.length - 1) return { kind: "rest", name };
    return { kind: "param", name };
  });
  return { route, method, template, parts, literals: parts.filter((p) => p.kind === "literal").length };
});

function matchOne(c: Compiled, segments: readonly string[]): RouteParams | null {
  const params: RouteParams = {};
  const last = c.parts[c.parts.length - 1];
  if (last?.kind === "rest") {
    if (segments.length < c.parts.length) return null;
  } else if (segments.length !== c.parts.length) {
    return null;
  }
  for (let i = 0; i < c.parts.length; i++) {
    const part = c.parts[i]!;
    const seg = segments[i]!;
    if (part.kind === "literal") {
      if (seg !== part.value) return null;
    } else if (part.kind === "param") {
      if (!isValidParam(part.name, seg)) return null;
      params[part.name] = seg;
    } else {
      // A file path may arrive as several segments or, as Octokit sends it, as one with encoded slashes.
      const rest = segments.slice(i).flatMap((s) => s.split("/"));
      if (!rest.every(isSafeSegment)) return null;
      params[part.name] = rest.join("/");
    }
  }
  return params;
}

/**
 * Match an incoming request (method + already-decoded path segments, without the proxy prefix)
 * against the route table. Returns null for anything not in the table or with an invalid param.
 */
export function matchRoute(method: string, segments: readonly string[]): RouteMatch | null {
  const m = method.toUpperCase();
  const lookup = m === "HEAD" ? "GET" : m;
  if (segments.length === 0 || segments.length > 64) return null;
  // Every part checks its own segment (literals by equality, params by their rules, `{path}` by piece).
  if (!segments.every((s) => typeof s === "string")) return null;
  let best: { c: Compiled; params: RouteParams } | null = null;
  for (const c of COMPILED) {
    if (c.method !== lookup) continue;
    const params = matchOne(c, segments);
    if (params && (!best || c.literals > best.c.literals)) best = { c, params };
  }
  if (!best) return null;
  return { route: best.c.route, method: m as HttpMethod, template: best.c.template, params: best.params };
}

/** Split "/repos/a/b?x=1" (or "repos/a/b") into decoded path segments; null when undecodable. */
export function pathToSegments(path: string): string[] | null {
  const p = path.split("?")[0]!.split("#")[0]!;
  const raw = p.replace(/^\/+/, "").split("/");
  try {
    return raw.map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
}

/**
 * Build an upstream path from a template ("/repos/{owner}/{repo}" or "GET /repos/{owner}/{repo}")
 * and params. Each param is validated and encoded with encodeURIComponent; `{path}` is encoded
 * segment by segment. Throws on a missing or invalid param.
 */
export function buildPath(template: string, params: Readonly<Record<string, string | number>>): string {
  const t = template.includes(" ") ? template.slice(template.indexOf(" ") + 1) : template;
  return t.replace(/\{([a-z_]+)\}/g, (_all, name: string) => {
    const raw = params[name];
    if (raw === undefined) throw new Error(`buildPath: missing parameter "${name}" for ${t}`);
    const value = String(raw);
    if (REST_PARAMS.has(name)) {
      const segs = value.split("/");
      if (!segs.every(isSafeSegment)) throw new Error(`buildPath: invalid parameter "${name}"`);
      return segs.map(encodeURIComponent).join("/");
    }
    if (!isValidParam(name, value)) throw new Error(`buildPath: invalid parameter "${name}"`);
    return encodeURIComponent(value);
  });
}

// ---------------------------------------------------------------------------------------------
// Query parameters

/** Query parameters the dashboard sends; anything else is dropped by the proxy. */
export const QUERY_PARAMS: ReadonlySet<string> = new Set([
  "per_page",
  "page",
  "actor",
  "branch",
  "event",
  "status",
  "created",
  "exclude_pull_requests",
  "check_suite_id",
  "head_sha",
  "filter",
  "ref",
  "name",
  "visibility",
  "affiliation",
  "type",
  "sort",
  "direction",
  "since",
  "protected",
]);

/** Keep only allowlisted, well-formed query params and re-encode them. Returns "" or "?a=b&...". */
export function sanitizeQuery(search: URLSearchParams | string): string {
  const input = typeof search === "string" ? new URLSearchParams(search) : search;
  const out = new URLSearchParams();
  for (const [k, v] of input) {
    if (!QUERY_PARAMS.has(k)) continue;
    if (v.length > 512 || CONTROL.test(v)) continue;
    out.append(k, v);
  }
  const s = out.toString();
  return s ? `?${s}` : "";
}
