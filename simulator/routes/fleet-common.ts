// Small helpers shared by the fleet routes (runners, runner groups, secrets, permissions).
import type { SimContext } from "../context.js";
import { DOCS, GhError, notFound } from "../http/errors.js";
import { findOrg, findRepo, requireScope } from "../http/access.js";
import type { Org, Repo } from "../store/types.js";

export const ACTIONS_DOCS = `${DOCS}/actions`;

/** 400 as GitHub answers a body that is not JSON. */
export async function readJson(c: SimContext, required: boolean): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === "") {
    if (required) throw new GhError(400, "Problems parsing JSON", { documentation_url: DOCS });
    return {};
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new GhError(400, "Problems parsing JSON", { documentation_url: DOCS });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new GhError(400, "Body should be a JSON object", { documentation_url: DOCS });
  }
  return value as Record<string, unknown>;
}

/** 422 with GitHub's "Validation Error Simple" body (errors are strings). */
export function unprocessable(message: string, errors?: string[]): GhError {
  return new GhError(422, message, { ...(errors ? { errors } : {}), documentation_url: ACTIONS_DOCS });
}

/** GitHub's schema-validation 422: `Invalid request.\n\n<detail>` */
export function invalidBody(detail: string): GhError {
  return new GhError(422, `Invalid request.\n\n${detail}`, { documentation_url: ACTIONS_DOCS });
}

export function conflict(message: string): GhError {
  return new GhError(409, message, { documentation_url: ACTIONS_DOCS });
}

/** A positive integer path parameter, or 404 as GitHub answers a route that does not match. */
export function intParam(value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value)) throw notFound();
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw notFound();
  return n;
}

export function requireField(body: Record<string, unknown>, name: string): unknown {
  if (!(name in body) || body[name] === undefined) throw invalidBody(`"${name}" wasn't supplied.`);
  return body[name];
}

export function stringField(body: Record<string, unknown>, name: string, required: boolean): string | undefined {
  const v = required ? requireField(body, name) : body[name];
  if (v === undefined || (v === null && !required)) return undefined;
  if (typeof v !== "string") throw invalidBody(`For '${name}', ${JSON.stringify(v)} is not a string.`);
  return v;
}

export function boolField(body: Record<string, unknown>, name: string): boolean | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "boolean") throw invalidBody(`For '${name}', ${JSON.stringify(v)} is not a boolean.`);
  return v;
}

export function enumField<T extends string>(body: Record<string, unknown>, name: string, values: readonly T[], required: boolean): T | undefined {
  const v = stringField(body, name, required);
  if (v === undefined) return undefined;
  if (!(values as readonly string[]).includes(v)) {
    throw invalidBody(`For '${name}', ${JSON.stringify(v)} is not one of ${values.map((x) => JSON.stringify(x)).join(", ")}.`);
  }
  return v as T;
}

export function intArrayField(body: Record<string, unknown>, name: string, required: boolean, allowStrings = false): number[] | undefined {
  const v = required ? requireField(body, name) : body[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalidBody(`For '${name}', ${JSON.stringify(v)} is not an array.`);
  return v.map((x) => {
    if (typeof x === "number" && Number.isInteger(x)) return x;
    if (allowStrings && typeof x === "string" && /^\d+$/.test(x)) return Number(x);
    throw invalidBody(`For '${name}', ${JSON.stringify(x)} is not an integer.`);
  });
}

export function stringArrayField(body: Record<string, unknown>, name: string, required: boolean): string[] | undefined {
  const v = required ? requireField(body, name) : body[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalidBody(`For '${name}', ${JSON.stringify(v)} is not an array.`);
  return v.map((x) => {
    if (typeof x !== "string") throw invalidBody(`For '${name}', ${JSON.stringify(x)} is not a string.`);
    return x;
  });
}

/** Org endpoints of the Actions admin API: `admin:org` and an org owner. */
export function ownerOrg(c: SimContext, login: string): Org {
  requireScope(c, "admin:org");
  return findOrg(c, login, "owner");
}

/** Repo admin endpoints: `repo` and admin rights on the repository. */
export function adminRepo(c: SimContext, owner: string, name: string): Repo {
  requireScope(c, "repo");
  return findRepo(c, owner, name, "admin");
}

export function orgRepos(c: SimContext, org: Org): Repo[] {
  return [...c.get("sim").state.repos.values()]
    .filter((r) => r.ownerType === "Organization" && r.owner.toLowerCase() === org.login.toLowerCase())
    .sort((a, b) => a.id - b.id);
}

/** Ids must name repositories of the org, else 422 as GitHub refuses unknown repositories. */
export function orgRepoIds(c: SimContext, org: Org, ids: number[], field = "selected_repository_ids"): number[] {
  const known = new Set(orgRepos(c, org).map((r) => r.id));
  const bad = ids.filter((id) => !known.has(id));
  if (bad.length) throw invalidBody(`For '${field}', repository ${bad.join(", ")} does not exist in ${org.login}.`);
  return [...new Set(ids)];
}

/** A repository of `org` by id (path parameter), or 404. */
export function orgRepoById(c: SimContext, org: Org, idRaw: string | undefined): Repo {
  const id = intParam(idRaw);
  const repo = c.get("sim").state.repos.get(id);
  if (!repo || repo.ownerType !== "Organization" || repo.owner.toLowerCase() !== org.login.toLowerCase()) throw notFound();
  return repo;
}

export const noContent = (c: SimContext) => c.body(null, 204);
