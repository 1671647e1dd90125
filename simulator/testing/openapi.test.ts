import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  OPENAPI_FILE,
  REPO_ROOT,
  documentedOperations,
  expectValid,
  expectValidError,
  hasOperation,
  isDocumented,
  openApiPath,
  requestSchemaErrors,
  toJsonSchema,
  validateErrorResponse,
  validateResponse,
} from "./openapi.js";

const RUNS = "/repos/{owner}/{repo}/actions/runs";

describe("the OpenAPI description", () => {
  it("is the in-repo copy, with its licence, and lists the seed endpoints", () => {
    expect(openApiPath()).toBe(path.join(REPO_ROOT, "simulator", "testing", `${OPENAPI_FILE}.gz`));
    expect(existsSync(path.join(REPO_ROOT, "simulator", "testing", "openapi-LICENSE.txt"))).toBe(true);
    const seeds = readFileSync(path.join(REPO_ROOT, "simulator", "testing", "seed-endpoints.txt"), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    expect(seeds).toHaveLength(74);
    const ops = new Set(documentedOperations());
    for (const s of seeds) expect(ops.has(s), s).toBe(true);
  });

  it("knows which operations and statuses are documented", () => {
    expect(hasOperation("GET", RUNS)).toBe(true);
    expect(hasOperation("get", `/api/v3${RUNS}`)).toBe(true);
    expect(hasOperation("GET", "/nope")).toBe(false);
    expect(isDocumented("GET", RUNS, 200)).toBe(true);
    expect(isDocumented("GET", RUNS, 404)).toBe(false);
    expect(isDocumented("POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/cancel", 409)).toBe(true);
  });
});

describe("toJsonSchema", () => {
  it("turns nullable into a null type, and into anyOf when there is no type", () => {
    expect(toJsonSchema({ type: "string", nullable: true, example: "x", "x-github": { a: 1 } })).toEqual({
      type: ["string", "null"],
    });
    expect(toJsonSchema({ nullable: true, allOf: [{ type: "object" }] })).toEqual({
      anyOf: [{ allOf: [{ type: "object" }] }, { type: "null" }],
    });
    expect(toJsonSchema({ type: "string", nullable: true, enum: ["a", "b"] })).toEqual({
      type: ["string", "null"],
      enum: ["a", "b", null],
    });
  });

  it("keeps property names that look like keywords and turns oneOf into anyOf", () => {
    expect(
      toJsonSchema({
        type: "object",
        properties: { example: { type: "string" }, "x-id": { type: "integer" } },
        oneOf: [{}],
      }),
    ).toEqual({
      type: "object",
      properties: { example: { type: "string" }, "x-id": { type: "integer" } },
      anyOf: [{}],
    });
  });
});

describe("validateResponse", () => {
  it("accepts a valid body and refuses a wrong one with readable paths", () => {
    expect(validateResponse("GET", RUNS, 200, { total_count: 0, workflow_runs: [] })).toEqual([]);
    const errors = validateResponse("GET", RUNS, 200, { total_count: "1", workflow_runs: [{ id: 1 }] });
    expect(errors.some((e) => e.startsWith("body/total_count must be integer"))).toBe(true);
    expect(errors.some((e) => e.includes("body/workflow_runs/0 must have required property 'node_id'"))).toBe(
      true,
    );
  });

  it("handles nullable fields", () => {
    const key = { key_id: "1", key: "abc" };
    expect(validateResponse("GET", "/repos/{owner}/{repo}/actions/secrets/public-key", 200, key)).toEqual([]);
    const runner = {
      id: 1,
      runner_group_id: 1,
      name: "r",
      os: "linux",
      status: "online",
      busy: false,
      labels: [{ id: 1, name: "self-hosted", type: "read-only" }],
      version: null,
    };
    expect(validateResponse("GET", "/repos/{owner}/{repo}/actions/runners/{runner_id}", 200, runner)).toEqual(
      [],
    );
    expect(
      validateResponse("GET", "/repos/{owner}/{repo}/actions/runners/{runner_id}", 200, {
        ...runner,
        version: "2.330.0",
      }),
    ).toEqual([]);
    expect(
      validateResponse("GET", "/repos/{owner}/{repo}/actions/runners/{runner_id}", 200, {
        ...runner,
        name: null,
      }),
    ).not.toEqual([]);
  });

  it("checks formats (date-time, uri)", () => {
    const artifact = {
      id: 1,
      node_id: "MDg6QXJ0aWZhY3Qx",
      name: "a",
      size_in_bytes: 10,
      url: "http://127.0.0.1:1/api/v3/repos/acme/web/actions/artifacts/1",
      archive_download_url: "http://127.0.0.1:1/api/v3/repos/acme/web/actions/artifacts/1/zip",
      expired: false,
      created_at: "2026-11-20T17:42:40Z",
      expires_at: "2026-12-20T17:42:40Z",
      updated_at: "2026-11-20T17:42:40Z",
      digest: null,
      workflow_run: null,
    };
    const t = "/repos/{owner}/{repo}/actions/artifacts/{artifact_id}";
    expect(validateResponse("GET", t, 200, artifact)).toEqual([]);
    const bad = validateResponse("GET", t, 200, { ...artifact, created_at: "yesterday" });
    expect(bad.join("\n")).toMatch(/body\/created_at must match format "date-time"/);
  });

  it("wants an empty body for a status without content, and refuses undocumented statuses", () => {
    const t = "/orgs/{org}/actions/permissions";
    expect(validateResponse("PUT", t, 204, "")).toEqual([]);
    expect(validateResponse("PUT", t, 204, undefined)).toEqual([]);
    expect(validateResponse("PUT", t, 204, { a: 1 })[0]).toMatch(/documents no content/);
    expect(validateResponse("PUT", t, 200, {})[0]).toMatch(/status 200 is not documented/);
    expect(validateResponse("GET", "/nope", 200, {})[0]).toMatch(/not in the OpenAPI description/);
  });

  it("validates documented headers when present", () => {
    const ok = { total_count: 0, workflow_runs: [] };
    expect(validateResponse("GET", RUNS, 200, ok, { Link: '<http://x/?page=2>; rel="next"' })).toEqual([]);
    expect(
      validateResponse("GET", "/rate_limit", 200, rateLimitBody(), { "x-ratelimit-limit": "abc" }).join(),
    ).toMatch(/header x-ratelimit-limit must be integer/);
    const h = new Headers({
      "X-RateLimit-Limit": "5000",
      "X-RateLimit-Remaining": "4999",
      "X-RateLimit-Reset": "1590701888",
    });
    expect(validateResponse("GET", "/rate_limit", 200, rateLimitBody(), h)).toEqual([]);
  });
});

describe("expectValid", () => {
  it("throws with the operation, the errors and the body", () => {
    expect(() => expectValid("GET", RUNS, 200, { total_count: 0, workflow_runs: [] })).not.toThrow();
    expect(() => expectValid("GET", RUNS, 200, { total_count: "x" })).toThrow(
      /GET \/repos\/\{owner\}\/\{repo\}\/actions\/runs → 200 does not validate[\s\S]*total_count must be integer[\s\S]*body: \{"total_count":"x"\}/,
    );
  });
});

describe("error responses", () => {
  const run = "/repos/{owner}/{repo}/actions/runs/{run_id}";
  it("validate undocumented errors against GitHub's Basic Error and Validation Error", () => {
    expect(
      validateErrorResponse("GET", run, 404, { message: "Not Found", documentation_url: "https://docs" }),
    ).toEqual([]);
    expect(validateErrorResponse("GET", run, 404, { error: "nope" })).not.toEqual([]);
    const secret = "/repos/{owner}/{repo}/actions/secrets/{secret_name}";
    const v = {
      message: "Validation Failed",
      errors: [{ resource: "Secret", field: "name", code: "invalid" }],
      documentation_url: "https://docs",
    };
    expect(validateErrorResponse("PUT", secret, 422, v)).toEqual([]);
    expect(validateErrorResponse("PUT", secret, 422, { message: "Validation Failed" })).not.toEqual([]);
    expect(() => expectValidError("GET", run, 200, {})).toThrow(/not an error/);
  });

  it("use the documented schema when the status is documented", () => {
    const cancel = "/repos/{owner}/{repo}/actions/runs/{run_id}/cancel";
    expect(
      validateErrorResponse("POST", cancel, 409, {
        message: "Cannot cancel a workflow run that is completed.",
        documentation_url: "d",
      }),
    ).toEqual([]);
  });
});

describe("requestSchemaErrors", () => {
  it("validates request bodies", () => {
    const t = "/orgs/{org}/actions/permissions";
    expect(
      requestSchemaErrors("PUT", t, { enabled_repositories: "all", allowed_actions: "selected" }),
    ).toEqual([]);
    expect(requestSchemaErrors("PUT", t, { enabled_repositories: "bogus" }).join()).toMatch(
      /enabled_repositories must be equal to one of/,
    );
    expect(requestSchemaErrors("PUT", t, {}).join()).toMatch(/required property 'enabled_repositories'/);
    const secret = "/orgs/{org}/actions/secrets/{secret_name}";
    expect(
      requestSchemaErrors("PUT", secret, { encrypted_value: "c2VhbGVk", key_id: "1", visibility: "all" }),
    ).toEqual([]);
    expect(requestSchemaErrors("PUT", secret, { encrypted_value: "c2VhbGVk", key_id: "1" }).join()).toMatch(
      /visibility/,
    );
    expect(
      requestSchemaErrors("PUT", secret, {
        encrypted_value: "not base64!",
        key_id: "1",
        visibility: "all",
      }).join(),
    ).toMatch(/encrypted_value must match pattern/);
    expect(
      requestSchemaErrors("POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/cancel", undefined),
    ).toEqual([]);
    expect(
      requestSchemaErrors("POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/cancel", { a: 1 }),
    ).not.toEqual([]);
  });
});

function rateLimitBody() {
  const r = { limit: 5000, used: 1, remaining: 4999, reset: 1590701888 };
  return { resources: { core: r, search: r }, rate: r };
}
