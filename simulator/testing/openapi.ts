/**
 * Validates simulator responses (and dashboard request bodies) against GitHub's OpenAPI description of the
 * GHES 3.19 Actions API: the schema of the path, method and status, with ajv.
 *
 * The description is OpenAPI 3.0 (not JSON Schema), so each schema is converted before ajv sees it:
 * - `nullable: true` becomes `type: [t, "null"]` (or `anyOf: [schema, {type: "null"}]` when there is no type),
 *   and `null` joins an `enum` that lacks it;
 * - `oneOf` becomes `anyOf`: GitHub's description uses `oneOf` where branches overlap (a `Validation Error`
 *   with no `errors` matches both the full and the simple variant; a nullable `value` matches three
 *   branches; a file matches the file and the symlink content shapes), so real GitHub answers fail a strict
 *   `oneOf`. A body must still match at least one documented shape;
 * - `example`, `examples`, `x-*`, `discriminator`, `xml`, `externalDocs`, `deprecated`, `readOnly`,
 *   `writeOnly` are dropped.
 * Validators are compiled lazily and cached per (method, template, status).
 *
 * The description is the copy in this folder (CI runs on a clean clone); if it is missing, the shared
 * reference beside the repository (`../shared/ref/`) is used.
 */
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

export const OPENAPI_FILE = "openapi-ghes-3.19-actions.json";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

interface MediaType {
  schema?: JsonObject;
}
interface HeaderObject {
  schema?: JsonObject;
  required?: boolean;
}
interface ResponseObject {
  description?: string;
  content?: Record<string, MediaType>;
  headers?: Record<string, HeaderObject>;
}
interface Operation {
  responses?: Record<string, ResponseObject>;
  requestBody?: { required?: boolean; content?: Record<string, MediaType> };
}
interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, Operation | Json>>;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The project's root: simulator/testing/ → ../.. */
export const REPO_ROOT = path.resolve(HERE, "..", "..");

/**
 * Where the description is read from: the in-repo copy first (gzipped: the JSON is 2.2 MB), then
 * ../shared/ref beside the repository.
 */
export function openApiPath(): string {
  const local = path.join(HERE, `${OPENAPI_FILE}.gz`);
  if (existsSync(local)) return local;
  const shared = path.resolve(REPO_ROOT, "..", "shared", "ref", OPENAPI_FILE);
  if (existsSync(shared)) return shared;
  throw new Error(`OpenAPI description not found at ${local} nor ${shared}`);
}

let doc: OpenApiDoc | null = null;
function loadDoc(): OpenApiDoc {
  if (!doc) {
    const file = openApiPath();
    const bytes = readFileSync(file);
    doc = JSON.parse((file.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8")) as OpenApiDoc;
  }
  return doc;
}

let ajvInstance: Ajv | null = null;
function ajv(): Ajv {
  if (ajvInstance) return ajvInstance;
  const a = new Ajv({ strict: false, allErrors: true, validateFormats: true, logger: false });
  addFormats(a);
  // OpenAPI formats that JSON Schema does not know: typed hints, not string formats.
  a.addFormat("int32", {
    type: "number",
    validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  });
  a.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
  a.addFormat("float", { type: "number", validate: () => true });
  a.addFormat("double", { type: "number", validate: () => true });
  a.addFormat("timestamp", { type: "number", validate: (n: number) => Number.isInteger(n) });
  a.addFormat("binary", true);
  a.addFormat("byte", true);
  a.addFormat("password", true);
  a.addFormat("repo.nwo", true);
  ajvInstance = a;
  return a;
}

const DROP = new Set([
  "example",
  "examples",
  "discriminator",
  "xml",
  "externalDocs",
  "deprecated",
  "readOnly",
  "writeOnly",
  "nullable",
]);

/** OpenAPI 3.0 schema → JSON Schema ajv understands (see the header comment). Pure; exported for tests. */
export function toJsonSchema(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== "object") return schema;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(schema)) {
    if (DROP.has(k) || k.startsWith("x-")) continue;
    if (k === "properties" || k === "patternProperties") {
      // Keys here are property names, not keywords: keep every one (even "example" or "x-foo").
      const props: JsonObject = {};
      for (const [name, sub] of Object.entries((v ?? {}) as JsonObject)) props[name] = toJsonSchema(sub);
      out[k] = props;
      continue;
    }
    out[k === "oneOf" ? "anyOf" : k] = toJsonSchema(v);
  }
  if (schema.nullable === true) {
    const t = out.type;
    if (typeof t === "string") out.type = t === "null" ? t : [t, "null"];
    else if (Array.isArray(t)) out.type = t.includes("null") ? t : [...t, "null"];
    else {
      // No type (allOf/anyOf/oneOf/enum only): allow null beside whatever the schema says.
      const inner = { ...out };
      for (const key of Object.keys(out)) delete out[key];
      if (typeof inner.description === "string") out.description = inner.description;
      out.anyOf = [inner, { type: "null" }];
      return out;
    }
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}

function normaliseTemplate(template: string): string {
  let t = template.trim();
  if (t.startsWith("/api/v3/")) t = t.slice("/api/v3".length);
  const q = t.indexOf("?");
  if (q >= 0) t = t.slice(0, q);
  return t;
}

function operation(method: string, template: string): { op: Operation | null; error: string | null } {
  const paths = loadDoc().paths;
  const t = normaliseTemplate(template);
  const item = paths[t];
  if (!item)
    return { op: null, error: `${method.toUpperCase()} ${t}: path is not in the OpenAPI description` };
  const op = item[method.toLowerCase()];
  if (!op || typeof op !== "object" || Array.isArray(op) || !("responses" in op)) {
    return { op: null, error: `${method.toUpperCase()} ${t}: method is not in the OpenAPI description` };
  }
  return { op, error: null };
}

/** The JSON media type of a response or request body: application/json, else the first one that is JSON-like. */
function jsonMedia(content: Record<string, MediaType> | undefined): MediaType | null {
  if (!content) return null;
  if (content["application/json"]) return content["application/json"];
  const key = Object.keys(content).find((k) => /json|vnd\.github/.test(k));
  return key ? (content[key] ?? null) : null;
}

interface CompiledResponse {
  /** null when the status documents no content: the body must be empty. */
  body: ValidateFunction | null;
  headers: { name: string; required: boolean; schema: JsonObject; validate: ValidateFunction }[];
}

const responseCache = new Map<string, CompiledResponse | string>();
const requestCache = new Map<string, ValidateFunction | null | string>();

function compileResponse(method: string, template: string, status: number): CompiledResponse | string {
  const key = `${method.toUpperCase()} ${normaliseTemplate(template)} ${status}`;
  const cached = responseCache.get(key);
  if (cached !== undefined) return cached;
  const { op, error } = operation(method, template);
  let result: CompiledResponse | string;
  if (!op) result = error ?? "unknown operation";
  else {
    const responses = op.responses ?? {};
    const res = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (!res) {
      result = `${key.slice(0, key.lastIndexOf(" "))}: status ${status} is not documented (documented: ${Object.keys(responses).join(", ")})`;
    } else {
      const media = jsonMedia(res.content);
      const body = media?.schema ? ajv().compile(toJsonSchema(media.schema) as object) : null;
      const headers: CompiledResponse["headers"] = [];
      for (const [name, h] of Object.entries(res.headers ?? {})) {
        if (!h.schema) continue;
        const schema = toJsonSchema(h.schema) as JsonObject;
        headers.push({
          name: name.toLowerCase(),
          required: h.required === true,
          schema,
          validate: ajv().compile(schema),
        });
      }
      // Documented content with no schema: anything goes, but keep "no content" strict.
      result = {
        body:
          body ??
          (res.content && Object.keys(res.content).length && !media?.schema ? ajv().compile({}) : null),
        headers,
      };
    }
  }
  responseCache.set(key, result);
  return result;
}

function formatErrors(errors: ErrorObject[] | null | undefined, where: string): string[] {
  if (!errors?.length) return [`${where}: invalid`];
  // anyOf reports every branch's failures; keep them but put the most specific (deepest) first.
  const sorted = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of sorted) {
    const params =
      e.keyword === "additionalProperties"
        ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})`
        : e.keyword === "enum"
          ? ` (${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)})`
          : "";
    const line = `${where}${e.instancePath || ""} ${e.message ?? e.keyword}${params} [schema ${e.schemaPath}]`;
    if (!seen.has(line)) {
      seen.add(line);
      out.push(line);
    }
  }
  return out;
}

function isEmptyBody(body: unknown): boolean {
  return (
    body === undefined || body === null || body === "" || (body instanceof Uint8Array && body.length === 0)
  );
}

export type HeadersLike = Headers | Record<string, string | string[] | number | undefined> | undefined;

function headerGetter(headers: HeadersLike): (name: string) => string | undefined {
  if (!headers) return () => undefined;
  if (typeof (headers as Headers).get === "function" && typeof (headers as Headers).forEach === "function") {
    return (name) => (headers as Headers).get(name) ?? undefined;
  }
  const lower = new Map<string, string>();
  for (const [k, v] of Object.entries(headers as Record<string, string | string[] | number | undefined>)) {
    if (v === undefined) continue;
    lower.set(k.toLowerCase(), Array.isArray(v) ? v.join(", ") : String(v));
  }
  return (name) => lower.get(name.toLowerCase());
}

/** A header's text as the schema's type wants it ("5000" → 5000 for integer headers). */
function coerceHeader(value: string, schema: JsonObject): unknown {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if ((types.includes("integer") || types.includes("number")) && /^-?\d+(\.\d+)?$/.test(value.trim()))
    return Number(value);
  if (types.includes("boolean") && (value === "true" || value === "false")) return value === "true";
  return value;
}

/** Whether the description documents this status for this operation. */
export function isDocumented(method: string, template: string, status: number): boolean {
  return typeof compileResponse(method, template, status) !== "string";
}

/** Whether the description has this path and method at all. */
export function hasOperation(method: string, template: string): boolean {
  return operation(method, template).op !== null;
}

/** Every "METHOD /template" the description documents. */
export function documentedOperations(): string[] {
  const out: string[] = [];
  for (const [p, item] of Object.entries(loadDoc().paths)) {
    for (const [m, op] of Object.entries(item)) {
      if (op && typeof op === "object" && !Array.isArray(op) && "responses" in op)
        out.push(`${m.toUpperCase()} ${p}`);
    }
  }
  return out;
}

/**
 * Errors (empty when valid) of a response against the description: the status must be documented, the
 * body must match its JSON schema (or be empty when the status documents no content), and documented
 * headers that are present must match theirs (required ones must be present).
 */
export function validateResponse(
  method: string,
  template: string,
  status: number,
  body: unknown,
  headers?: HeadersLike,
): string[] {
  const compiled = compileResponse(method, template, status);
  if (typeof compiled === "string") return [compiled];
  const errors: string[] = [];
  if (compiled.body === null) {
    if (!isEmptyBody(body)) {
      const shown = typeof body === "string" ? body.slice(0, 80) : JSON.stringify(body)?.slice(0, 80);
      errors.push(`body: status ${status} documents no content, got ${shown}`);
    }
  } else if (!compiled.body(body)) {
    errors.push(...formatErrors(compiled.body.errors, "body"));
  }
  const get = headerGetter(headers);
  if (headers) {
    for (const h of compiled.headers) {
      const raw = get(h.name);
      if (raw === undefined) {
        if (h.required) errors.push(`header ${h.name}: required but missing`);
        continue;
      }
      if (!h.validate(coerceHeader(raw, h.schema)))
        errors.push(...formatErrors(h.validate.errors, `header ${h.name}`));
    }
  }
  return errors;
}

export class OpenApiValidationError extends Error {
  constructor(
    public readonly where: string,
    public readonly errors: string[],
    body: unknown,
  ) {
    const shown = (() => {
      try {
        const s = typeof body === "string" ? body : JSON.stringify(body);
        return s === undefined ? "(none)" : s.length > 600 ? `${s.slice(0, 600)}…` : s;
      } catch {
        return String(body);
      }
    })();
    super(
      `${where} does not validate against the OpenAPI description:\n` +
        errors
          .slice(0, 25)
          .map((e) => `  - ${e}`)
          .join("\n") +
        (errors.length > 25 ? `\n  … and ${errors.length - 25} more` : "") +
        `\n  body: ${shown}`,
    );
    this.name = "OpenApiValidationError";
  }
}

/** Throws an OpenApiValidationError listing every problem, for Vitest. */
export function expectValid(
  method: string,
  template: string,
  status: number,
  body: unknown,
  headers?: HeadersLike,
): void {
  const errors = validateResponse(method, template, status, body, headers);
  if (errors.length)
    throw new OpenApiValidationError(
      `${method.toUpperCase()} ${normaliseTemplate(template)} → ${status}`,
      errors,
      body,
    );
}

/**
 * GitHub's error bodies for statuses an operation does not document (most Actions endpoints document only
 * their success): `Basic Error` (message, documentation_url, ...) and, for 422, `Validation Error`.
 * Both schemas are taken from the description itself.
 */
let errorValidators: { basic: ValidateFunction; validation: ValidateFunction } | null = null;
function errorSchemas(): { basic: ValidateFunction; validation: ValidateFunction } {
  if (errorValidators) return errorValidators;
  const paths = loadDoc().paths;
  const pick = (p: string, m: string, s: string): JsonObject => {
    const op = paths[p]?.[m] as Operation | undefined;
    const schema = op?.responses?.[s]?.content?.["application/json"]?.schema;
    if (!schema) throw new Error(`error schema ${m} ${p} ${s} missing from the description`);
    return schema;
  };
  const basic = { ...(toJsonSchema(pick("/orgs/{org}", "get", "404")) as JsonObject), required: ["message"] };
  errorValidators = {
    basic: ajv().compile(basic),
    validation: ajv().compile(toJsonSchema(pick("/orgs/{org}", "patch", "422")) as object),
  };
  return errorValidators;
}

/**
 * Errors of an error response: when the operation documents the status, as validateResponse; otherwise
 * (4xx/5xx GitHub answers on every endpoint: 401, 403, 404, 409, 422, ...) the body must be GitHub's
 * Basic Error (Validation Error for 422).
 */
export function validateErrorResponse(
  method: string,
  template: string,
  status: number,
  body: unknown,
  headers?: HeadersLike,
): string[] {
  if (status < 400) return [`status ${status} is not an error`];
  if (!hasOperation(method, template)) return [operation(method, template).error ?? "unknown operation"];
  if (isDocumented(method, template, status))
    return validateResponse(method, template, status, body, headers);
  const v = status === 422 ? errorSchemas().validation : errorSchemas().basic;
  return v(body) ? [] : formatErrors(v.errors, "body");
}

export function expectValidError(
  method: string,
  template: string,
  status: number,
  body: unknown,
  headers?: HeadersLike,
): void {
  const errors = validateErrorResponse(method, template, status, body, headers);
  if (errors.length)
    throw new OpenApiValidationError(
      `${method.toUpperCase()} ${normaliseTemplate(template)} → ${status}`,
      errors,
      body,
    );
}

function compileRequest(method: string, template: string): ValidateFunction | null | string {
  const key = `${method.toUpperCase()} ${normaliseTemplate(template)}`;
  const cached = requestCache.get(key);
  if (cached !== undefined) return cached;
  const { op, error } = operation(method, template);
  let result: ValidateFunction | null | string;
  if (!op) result = error ?? "unknown operation";
  else {
    const media = jsonMedia(op.requestBody?.content);
    result = media?.schema ? ajv().compile(toJsonSchema(media.schema) as object) : null;
  }
  requestCache.set(key, result);
  return result;
}

/**
 * Errors (empty when valid) of a request body against the operation's documented JSON request body.
 * An operation without a request body accepts only an absent/empty body.
 */
export function requestSchemaErrors(method: string, template: string, body: unknown): string[] {
  const v = compileRequest(method, template);
  if (typeof v === "string") return [v];
  if (v === null) {
    return isEmptyBody(body) || (typeof body === "object" && body !== null && Object.keys(body).length === 0)
      ? []
      : [`body: ${method.toUpperCase()} ${normaliseTemplate(template)} documents no request body`];
  }
  const op = operation(method, template).op;
  if (body === undefined && op?.requestBody?.required !== true) return [];
  return v(body) ? [] : formatErrors(v.errors, "request body");
}
