import { describe, expect, it } from "vitest";
import { countRunners, fleetByGroup, fleetByLabel, formatUtilisation, type FleetRunner } from "@/lib/overview/fleet";
import { groupFailures, inRange, parseFailureRange, type FailedRun } from "@/lib/overview/failures";
import { githubUrlFor } from "@/lib/client/paths";
import { buildMatrix, cellState, classify, orgSecretReach } from "@/lib/overview/secrets";

const r = (id: number, status: string, busy: boolean, labels: string[], groupId: number | null = 1): FleetRunner => ({
  id,
  name: `r${id}`,
  status,
  busy,
  labels,
  groupId,
});

describe("fleet", () => {
  const runners = [
    r(1, "online", true, ["self-hosted", "Linux", "gpu"]),
    r(2, "online", false, ["self-hosted", "Linux"]),
    r(3, "offline", false, ["self-hosted", "linux", "gpu"], 5),
    r(4, "online", true, ["self-hosted", "macOS"], 5),
    r(5, "online", false, ["self-hosted", "Windows"], 42),
  ];

  it("counts online, idle, busy, offline and utilisation", () => {
    expect(countRunners(runners)).toEqual({ total: 5, online: 4, idle: 2, busy: 2, offline: 1, utilisation: 0.5 });
    expect(countRunners([])).toEqual({ total: 0, online: 0, idle: 0, busy: 0, offline: 0, utilisation: null });
    expect(countRunners([r(9, "offline", false, [])]).utilisation).toBeNull();
  });

  it("by group: Default first, empty groups kept, runners of unknown groups last", () => {
    const rows = fleetByGroup(runners, [
      { id: 7, name: "zeta" },
      { id: 5, name: "alpha" },
      { id: 1, name: "Default", default: true },
    ]);
    expect(rows.map((row) => [row.name, row.counts.total, row.counts.busy])).toEqual([
      ["Default", 2, 1],
      ["alpha", 2, 1],
      ["zeta", 0, 0],
      ["No group shown", 1, 0],
    ]);
  });

  it("by label: case-insensitive, the common spelling, most runners first", () => {
    const rows = fleetByLabel(runners);
    expect(rows.map((row) => [row.name, row.counts.total, row.counts.online, row.counts.busy])).toEqual([
      ["self-hosted", 5, 4, 2],
      ["Linux", 3, 2, 1],
      ["gpu", 2, 1, 1],
      ["macOS", 1, 1, 1],
      ["Windows", 1, 1, 0],
    ]);
  });

  it("formats utilisation", () => {
    expect(formatUtilisation(2 / 3)).toBe("67 %");
    expect(formatUtilisation(null)).toBe("—");
  });
});

describe("failure range", () => {
  const now = Date.parse("2026-11-22T09:17:30Z");

  it("defaults to the last 24 hours, with a created filter stable within the hour", () => {
    const result = parseFailureRange({}, now);
    expect(result.ok).toBe(true);
    expect(result.range).toMatchObject({ key: "24h", preset: "24h", to: null, label: "the last 24 hours", createdQuery: ">=2026-11-21T09:00:00Z" });
    expect(result.range.from.toISOString()).toBe("2026-11-21T09:17:30.000Z");
    expect(parseFailureRange({}, now + 40 * 60_000).range.createdQuery).toBe(">=2026-11-21T09:00:00Z");
  });

  it("takes a preset", () => {
    expect(parseFailureRange({ range: "7d" }, now).range).toMatchObject({ key: "7d", createdQuery: ">=2026-11-15T09:00:00Z", label: "the last 7 days" });
  });

  it("takes dates (UTC, end day included)", () => {
    const result = parseFailureRange({ from: "2026-11-20", to: "2026-11-21" }, now);
    expect(result.ok).toBe(true);
    expect(result.range).toMatchObject({
      key: "2026-11-20..2026-11-21",
      label: "2026-11-20 to 2026-11-21 (UTC)",
      createdQuery: "2026-11-20T00:00:00Z..2026-11-21T23:59:59Z",
    });
    expect(result.range.to?.toISOString()).toBe("2026-11-22T00:00:00.000Z");
    expect(parseFailureRange({ from: "2026-11-20" }, now).range).toMatchObject({ label: "since 2026-11-20 (UTC)", createdQuery: ">=2026-11-20T00:00:00Z", to: null });
    expect(parseFailureRange({ from: "2026-11-21", to: "2026-11-21" }, now).range.label).toBe("2026-11-21 (UTC)");
  });

  it("refuses bad input with a message, falling back to the default", () => {
    const cases: [Record<string, string>, string][] = [
      [{ range: "2w" }, "is not a range this page knows"],
      [{ from: "yesterday" }, "is not a date"],
      [{ from: "2026-02-30" }, "is not a date"],
      [{ to: "2026-11-20" }, "Give a start date"],
      [{ from: "2026-11-21", to: "2026-11-20" }, "before the start date"],
      [{ from: "2026-12-01" }, "in the future"],
      [{ from: "2026-01-01", to: "2026-11-20" }, "at most 90 days"],
    ];
    for (const [params, message] of cases) {
      const result = parseFailureRange(params, now);
      expect(result.ok, JSON.stringify(params)).toBe(false);
      if (!result.ok) expect(result.error).toContain(message);
      expect(result.range.key).toBe("24h");
    }
  });
});

describe("groupFailures", () => {
  const run = (id: number, repo: string, workflowId: number, createdAt: string): FailedRun => ({
    id,
    repo,
    workflowId,
    workflowName: `wf${workflowId}`,
    title: `run ${id}`,
    runNumber: id,
    runAttempt: 1,
    branch: "main",
    event: "push",
    actor: "mona",
    createdAt,
    updatedAt: createdAt,
  });
  const range = { from: new Date("2026-11-21T00:00:00Z"), to: null };

  it("groups by repository and workflow, newest first, within the range, without duplicates", () => {
    const runs = [
      run(1, "acme/web", 10, "2026-11-21T08:00:00Z"),
      run(2, "acme/api", 20, "2026-11-21T12:00:00Z"),
      run(3, "acme/web", 11, "2026-11-21T10:00:00Z"),
      run(4, "acme/web", 10, "2026-11-21T09:00:00Z"),
      run(5, "acme/web", 10, "2026-11-20T23:59:59Z"),
      run(4, "acme/web", 10, "2026-11-21T09:00:00Z"),
    ];
    const groups = groupFailures(runs, range);
    expect(groups.map((g) => [g.repo, g.count, g.latest])).toEqual([
      ["acme/api", 1, "2026-11-21T12:00:00Z"],
      ["acme/web", 3, "2026-11-21T10:00:00Z"],
    ]);
    expect(groups[1]!.workflows.map((w) => [w.workflowId, w.runs.map((x) => x.id)])).toEqual([
      [11, [3]],
      [10, [4, 1]],
    ]);
  });

  it("an end date excludes what came after", () => {
    expect(inRange({ createdAt: "2026-11-22T00:00:00Z" }, { from: range.from, to: new Date("2026-11-22T00:00:00Z") })).toBe(false);
    expect(inRange({ createdAt: "2026-11-21T23:59:59Z" }, { from: range.from, to: new Date("2026-11-22T00:00:00Z") })).toBe(true);
  });
});

describe("secrets inventory", () => {
  const repos = [
    { fullName: "acme/web", visibility: "public" as const },
    { fullName: "acme/api", visibility: "private" as const },
    { fullName: "acme/infra", visibility: "internal" as const },
  ];

  it("reach: all, private (private and internal), selected (the list)", () => {
    expect(orgSecretReach({ visibility: "all" }, repos, null)).toEqual({ count: 3, repos: null });
    expect(orgSecretReach({ visibility: "private" }, repos, null)).toEqual({ count: 2, repos: null });
    expect(orgSecretReach({ visibility: "selected" }, repos, ["acme/web", "acme/api"])).toEqual({ count: 2, repos: ["acme/api", "acme/web"] });
    expect(orgSecretReach({ visibility: "selected" }, repos, null)).toEqual({ count: null, repos: null });
  });

  it("classifies names: common (half or more), stray (one, or up to 5 %), other", () => {
    expect(classify(5, 10)).toBe("common");
    expect(classify(4, 10)).toBe("other");
    expect(classify(1, 10)).toBe("stray");
    expect(classify(15, 300)).toBe("stray");
    expect(classify(16, 300)).toBe("other");
    expect(classify(1, 1)).toBe("stray");
    expect(classify(1, 2)).toBe("stray");
  });

  it("the matrix: missing where a common name is absent, stray where a rare one is present, overrides of org secrets", () => {
    const matrix = buildMatrix(
      [
        { repo: "acme/a", names: ["CODECOV_TOKEN", "NPM_TOKEN"] },
        { repo: "acme/b", names: ["CODECOV_TOKEN"] },
        { repo: "acme/c", names: ["CODECOV_TOKEN", "OLD_KEY"] },
        { repo: "acme/d", names: [] },
        { repo: "acme/e", names: null },
      ],
      ["NPM_TOKEN", "SLACK"],
    );
    expect(matrix.read).toBe(4);
    expect(matrix.columns).toEqual([
      { name: "CODECOV_TOKEN", count: 3, kind: "common", overridesOrg: false },
      { name: "NPM_TOKEN", count: 1, kind: "stray", overridesOrg: true },
      { name: "OLD_KEY", count: 1, kind: "stray", overridesOrg: false },
    ]);
    const [codecov, npm, old] = matrix.columns as [never, never, never];
    const row = (repo: string) => matrix.rows.find((x) => x.repo === repo)!;
    expect(cellState(codecov, row("acme/d").names)).toBe("missing");
    expect(cellState(codecov, row("acme/a").names)).toBe("present");
    expect(cellState(npm, row("acme/a").names)).toBe("override");
    expect(cellState(old, row("acme/c").names)).toBe("stray");
    expect(cellState(old, row("acme/b").names)).toBe("absent");
    expect(cellState(codecov, row("acme/e").names)).toBe("absent");
    expect(matrix.rows.map((x) => [x.repo, x.flagged])).toEqual([
      ["acme/a", 1],
      ["acme/b", 0],
      ["acme/c", 1],
      ["acme/d", 1],
      ["acme/e", 0],
    ]);
  });
});

describe("Open on GitHub from the overview", () => {
  it("opens the org's page (GitHub has no org-wide Actions page)", () => {
    expect(githubUrlFor("/organizations/acme/actions", "https://ghes.example.com")).toBe("https://ghes.example.com/acme");
    expect(githubUrlFor("/organizations/acme/settings/actions", "https://ghes.example.com")).toBe(
      "https://ghes.example.com/organizations/acme/settings/actions",
    );
  });
});
