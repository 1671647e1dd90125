import { describe, expect, it } from "vitest";
import {
  createdError,
  filtersFromSearchParams,
  filtersToSearch,
  hasFilters,
  pageCount,
  parseRunQuery,
  resolveRunFilters,
  resolveWorkflow,
  runsRequest,
  searchParamsOf,
  serializeRunQuery,
  validateRunFilters,
} from "@/lib/runs/filters";

describe("parseRunQuery / serializeRunQuery", () => {
  it("reads GitHub's qualifiers", () => {
    expect(
      parseRunQuery(
        "workflow:ci.yml is:failure branch:main actor:mona event:push created:2026-11-01..2026-11-05",
      ),
    ).toEqual({
      filters: {
        workflow: "ci.yml",
        status: "failure",
        branch: "main",
        actor: "mona",
        event: "push",
        created: "2026-11-01..2026-11-05",
      },
      unknown: [],
    });
  });
  it("keeps quoted values, lower-cases statuses, reports unknown words", () => {
    expect(parseRunQuery('workflow:"Deploy to prod" is:SUCCESS hello foo:bar branch:')).toEqual({
      filters: { workflow: "Deploy to prod", status: "success" },
      unknown: ["hello", "foo:bar", "branch:"],
    });
  });
  it("later qualifiers win; empty input is no filters", () => {
    expect(parseRunQuery("branch:a branch:b").filters).toEqual({ branch: "b" });
    expect(parseRunQuery(null)).toEqual({ filters: {}, unknown: [] });
    expect(parseRunQuery("   ")).toEqual({ filters: {}, unknown: [] });
  });
  it("serializes in a stable order and quotes spaces", () => {
    expect(serializeRunQuery({ created: ">=2026-11-01", branch: "feature/login", status: "success" })).toBe(
      "is:success branch:feature/login created:>=2026-11-01",
    );
    expect(serializeRunQuery({ workflow: "Deploy to prod" })).toBe('workflow:"Deploy to prod"');
    expect(serializeRunQuery({ branch: "  " })).toBe("");
  });
  it("round-trips", () => {
    const filters = {
      workflow: "deploy.yml",
      status: "in_progress",
      branch: "release/v1.2",
      actor: "hubot",
      event: "workflow_dispatch",
      created: "2026-11-01..2026-11-05",
    };
    expect(parseRunQuery(serializeRunQuery(filters)).filters).toEqual(filters);
  });
});

describe("URL search params", () => {
  it("round-trips filters and page through the query string", () => {
    const search = filtersToSearch({ branch: "main", created: ">=2026-11-01", page: 3 });
    expect(search).toBe("?query=branch%3Amain+created%3A%3E%3D2026-11-01&page=3");
    const back = filtersFromSearchParams(new URLSearchParams(search));
    expect(back.filters).toEqual({ branch: "main", created: ">=2026-11-01", page: 3 });
  });
  it("page 1 and bad pages are omitted", () => {
    expect(filtersToSearch({ page: 1 })).toBe("");
    expect(filtersFromSearchParams(new URLSearchParams("page=abc")).filters).toEqual({});
    expect(filtersFromSearchParams(new URLSearchParams("page=1")).filters).toEqual({});
  });
  it("reads Next.js searchParams records", () => {
    const params = searchParamsOf({ query: ["is:success", "ignored"], page: "2" });
    expect(filtersFromSearchParams(params).filters).toEqual({ status: "success", page: 2 });
  });
});

describe("createdError", () => {
  it("accepts GitHub's date syntax", () => {
    for (const ok of [
      "2026-11-01",
      ">=2026-11-01",
      ">2026-11-01",
      "<=2026-11-05",
      "<2026-11-05",
      "2026-11-01..2026-11-05",
      "*..2026-11-05",
      "2026-11-01..*",
      "2026-11-01T10:00:00Z..2026-11-01T12:00:00Z",
    ]) {
      expect(createdError(ok), ok).toBeUndefined();
    }
  });
  it("rejects what would not work, with a reason", () => {
    expect(createdError("yesterday")).toMatch(/not a date filter/);
    expect(createdError("2026-02-31")).toMatch(/does not exist/);
    expect(createdError(">=2026-13-01")).toMatch(/does not exist/);
    expect(createdError("2026-11-05..2026-11-01")).toMatch(/ends before it starts/);
    expect(createdError("*..*")).toMatch(/at least one date/);
    expect(createdError("2026-11-01...2026-11-05")).toBeDefined();
  });
});

describe("validateRunFilters", () => {
  it("flags bad statuses, dates, actors, events", () => {
    expect(validateRunFilters({ status: "broken", created: "soon", actor: "-x", event: "Push!" })).toEqual({
      status: expect.stringMatching(/not a run status/) as unknown,
      created: expect.stringMatching(/not a date filter/) as unknown,
      actor: expect.stringMatching(/not a GitHub user name/) as unknown,
      event: expect.stringMatching(/not an event name/) as unknown,
    });
    expect(
      validateRunFilters({ status: "timed_out", actor: "dependabot[bot]", event: "pull_request" }),
    ).toEqual({});
  });
});

describe("runsRequest", () => {
  it("maps filters to REST parameters", () => {
    expect(runsRequest({ status: "success", branch: "main", created: " >=2026-11-01 ", page: 2 })).toEqual({
      params: { per_page: 25, page: 2, status: "success", branch: "main", created: ">=2026-11-01" },
    });
    expect(runsRequest({ workflow: "ci.yml" }, 10)).toEqual({
      workflow_id: "ci.yml",
      params: { per_page: 10, page: 1 },
    });
  });
  it("pageCount caps filtered searches at 1,000 results", () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(26)).toBe(2);
    expect(pageCount(5000, 25, true)).toBe(40);
    expect(pageCount(5000, 25, false)).toBe(200);
  });
  it("hasFilters ignores the page", () => {
    expect(hasFilters({ page: 3 })).toBe(false);
    expect(hasFilters({ event: "push" })).toBe(true);
  });
});

describe("resolveWorkflow", () => {
  const list = [
    { id: 7, name: "CI", path: ".github/workflows/ci.yml" },
    { id: 8, name: "Deploy", path: ".github/workflows/deploy.yml" },
  ];
  it("by file, path, id or name", () => {
    expect(resolveWorkflow("ci.yml", list)?.id).toBe(7);
    expect(resolveWorkflow(".github/workflows/deploy.yml", list)?.id).toBe(8);
    expect(resolveWorkflow("8", list)?.id).toBe(8);
    expect(resolveWorkflow("deploy", list)?.id).toBe(8);
    expect(resolveWorkflow("nope.yml", list)).toBeUndefined();
  });
});

describe("resolveRunFilters", () => {
  const list = [
    { id: 7, name: "CI", path: ".github/workflows/ci.yml" },
    { id: 8, name: "Deploy", path: ".github/workflows/deploy.yml" },
  ];
  it("resolves workflow names to files and keeps the page", () => {
    expect(resolveRunFilters("workflow:Deploy is:success", 2, list)).toEqual({
      filters: { workflow: "deploy.yml", status: "success", page: 2 },
      errors: {},
      unknown: [],
      waitingForWorkflows: false,
    });
  });
  it("waits for the workflow list, reports unknown workflows", () => {
    expect(resolveRunFilters("workflow:ci.yml", undefined, undefined).waitingForWorkflows).toBe(true);
    expect(resolveRunFilters("workflow:nope.yml", undefined, list).errors.workflow).toMatch(
      /no workflow “nope.yml”/,
    );
  });
  it("a workflow page's workflow wins over the query's", () => {
    expect(
      resolveRunFilters("workflow:ci.yml branch:main", undefined, undefined, "deploy.yml").filters,
    ).toEqual({
      workflow: "deploy.yml",
      branch: "main",
    });
  });
});
