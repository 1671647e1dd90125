import { describe, expect, it } from "vitest";
import {
  axisTicks,
  baseJobKey,
  criticalPath,
  jobDependencies,
  jobSpan,
  layoutTimeline,
  liveNow,
  parseWorkflowGraph,
  type TimedJob,
  type WorkflowGraph,
} from "@/lib/runs/timeline";

const CI = `name: CI
on: [push]
jobs:
  lint:
    name: Lint
    runs-on: ubuntu-latest
    steps: [{ run: npm run lint }]
  test:
    name: Test
    needs: lint
    strategy:
      matrix:
        node: [18, 20]
    runs-on: ubuntu-latest
    steps: [{ run: npm test }]
  test-e2e:
    name: Test e2e
    needs: lint
    runs-on: ubuntu-latest
    steps: [{ run: npm run e2e }]
  build:
    needs: [test, test-e2e]
    runs-on: \${{ matrix.os }}
    steps: [{ run: make }]
  release:
    name: Release \${{ matrix.target }}
    needs: build
    strategy: { matrix: { target: [linux, mac] } }
    runs-on: ubuntu-latest
    steps: [{ run: make release }]
  deploy:
    name: Deploy
    needs: release
    uses: acme/workflows/.github/workflows/deploy.yml@main
`;

function graph(): WorkflowGraph {
  const parsed = parseWorkflowGraph(CI);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.graph;
}

const T0 = Date.parse("2026-11-20T10:00:00Z");
const at = (s: number) => new Date(T0 + s * 1000).toISOString().replace(".000Z", "Z");

function job(id: number, name: string, created: number, started: number | null, completed: number | null, extra: Partial<TimedJob> = {}): TimedJob {
  return {
    id,
    name,
    status: completed !== null ? "completed" : started !== null ? "in_progress" : "queued",
    conclusion: completed !== null ? "success" : null,
    created_at: at(created),
    started_at: at(started ?? created),
    completed_at: completed !== null ? at(completed) : null,
    steps: [],
    ...extra,
  };
}

describe("parseWorkflowGraph", () => {
  it("reads job keys, names, needs (string or list), matrix and reusable jobs", () => {
    const g = graph();
    expect(g.jobs.map((j) => j.key)).toEqual(["lint", "test", "test-e2e", "build", "release", "deploy"]);
    expect(g.jobs.find((j) => j.key === "test")).toMatchObject({ name: "Test", needs: ["lint"], matrix: true });
    expect(g.jobs.find((j) => j.key === "build")).toMatchObject({ name: "build", needs: ["test", "test-e2e"], matrix: false });
    expect(g.jobs.find((j) => j.key === "deploy")).toMatchObject({ reusable: true });
  });

  it("says what is wrong instead of throwing", () => {
    expect(parseWorkflowGraph("jobs: [oops")).toMatchObject({ ok: false, message: expect.stringContaining("not valid YAML") as unknown });
    expect(parseWorkflowGraph("name: x\non: push\n")).toEqual({ ok: false, message: "The workflow file has no `jobs:` section." });
  });
});

describe("baseJobKey", () => {
  it("maps exact names, matrix runs, expression names and reusable-workflow jobs to their job key", () => {
    const g = graph();
    expect(baseJobKey("Lint", g)).toBe("lint");
    expect(baseJobKey("Test (18)", g)).toBe("test");
    expect(baseJobKey("Test (20, ubuntu-latest)", g)).toBe("test");
    expect(baseJobKey("Test e2e", g)).toBe("test-e2e");
    expect(baseJobKey("Test e2e (chromium)", g)).toBe("test-e2e");
    expect(baseJobKey("build", g)).toBe("build");
    expect(baseJobKey("Release linux", g)).toBe("release");
    expect(baseJobKey("Deploy / Smoke test", g)).toBe("deploy");
    expect(baseJobKey("Something else", g)).toBeUndefined();
  });
});

describe("jobDependencies and criticalPath", () => {
  const jobs = [
    job(1, "Lint", 0, 5, 30),
    job(2, "Test (18)", 30, 35, 100),
    job(3, "Test (20)", 30, 40, 160),
    job(4, "Test e2e", 30, 32, 120),
    job(5, "build", 160, 170, 200),
    job(6, "Release linux", 200, 201, 230),
    job(7, "Release mac", 200, 210, 260),
  ];

  it("expands needs to every matrix run of the needed job", () => {
    const deps = jobDependencies(jobs, graph());
    expect(deps.get(1)).toEqual([]);
    expect(deps.get(2)).toEqual([1]);
    expect(deps.get(5)).toEqual([2, 3, 4]);
    expect(deps.get(7)).toEqual([5]);
  });

  it("follows, from the job that ended last, the dependency that ended last", () => {
    const deps = jobDependencies(jobs, graph());
    expect(criticalPath(jobs, deps, T0 + 1_000_000)).toEqual([1, 3, 5, 7]);
  });

  it("is the last job alone without dependencies, and empty without jobs", () => {
    expect(criticalPath(jobs, new Map(), T0)).toEqual([7]);
    expect(criticalPath([], new Map(), T0)).toEqual([]);
  });

  it("counts a running job up to now", () => {
    const live = [job(1, "Lint", 0, 5, 30), job(2, "Test (18)", 30, 35, null), job(3, "Test (20)", 30, 40, 90)];
    const deps = jobDependencies(live, graph());
    expect(criticalPath(live, deps, T0 + 120_000)).toEqual([1, 2]);
  });
});

describe("jobSpan", () => {
  it("tells the queued part from the running part", () => {
    expect(jobSpan(job(1, "a", 0, 10, 70), T0 + 999_000)).toEqual({
      queuedAt: T0,
      startedAt: T0 + 10_000,
      endedAt: T0 + 70_000,
      queueEnd: T0 + 10_000,
    });
  });

  it("has no running part while queued (GitHub sends started_at = created_at) and grows to now", () => {
    const queued = job(1, "a", 0, null, null);
    expect(jobSpan(queued, T0 + 50_000)).toEqual({ queuedAt: T0, startedAt: undefined, endedAt: undefined, queueEnd: T0 + 50_000 });
    expect(jobSpan(job(2, "b", 0, 10, null), T0 + 50_000).endedAt).toBe(T0 + 50_000);
  });

  it("treats skipped jobs and jobs cancelled in the queue as never run", () => {
    const skipped = job(1, "a", 0, 0, 0, { conclusion: "skipped" });
    expect(jobSpan(skipped, T0 + 5_000).startedAt).toBeUndefined();
    const cancelled = job(2, "b", 0, 0, 40, {
      conclusion: "cancelled",
      steps: [{ name: "Set up job", number: 1, status: "completed", conclusion: "cancelled", started_at: null, completed_at: null }],
    });
    expect(jobSpan(cancelled, T0 + 99_000)).toMatchObject({ startedAt: undefined, queueEnd: T0 + 40_000 });
  });
});

describe("layoutTimeline", () => {
  it("puts every job and step on one axis from the run's start to the last end", () => {
    const jobs = [
      job(1, "Lint", 0, 10, 50, {
        steps: [
          { name: "Set up job", number: 1, status: "completed", conclusion: "success", started_at: at(10), completed_at: at(20) },
          { name: "Lint", number: 2, status: "completed", conclusion: "success", started_at: at(20), completed_at: at(50) },
          { name: "Post", number: 3, status: "completed", conclusion: "skipped", started_at: null, completed_at: null },
        ],
      }),
      job(2, "Test (18)", 50, 60, 100),
    ];
    const layout = layoutTimeline({ jobs, deps: jobDependencies(jobs, graph()), runStartedAt: at(0), now: T0 + 1e9 });
    expect(layout.start).toBe(T0);
    expect(layout.end).toBe(T0 + 100_000);
    const [lint, test] = layout.jobs;
    expect(lint!.queued).toEqual({ left: 0, width: 10 });
    expect(lint!.run).toEqual({ left: 10, width: 40 });
    expect(lint!.steps[1]!.run).toEqual({ left: 20, width: 30 });
    expect(lint!.steps[2]!.run).toBeUndefined();
    expect(test!.queued).toEqual({ left: 50, width: 10 });
    expect(test!.run).toEqual({ left: 60, width: 40 });
    expect(test!.needs).toEqual(["Lint"]);
    expect(layout.jobs.map((j) => j.critical)).toEqual([true, true]);
    expect(lint!.queuedMs).toBe(10_000);
    expect(test!.runMs).toBe(40_000);
  });

  it("marks nothing critical when the workflow file could not be read", () => {
    const layout = layoutTimeline({ jobs: [job(1, "Lint", 0, 1, 2)], now: T0 });
    expect(layout.jobs[0]!.critical).toBe(false);
  });

  it("handles an empty run", () => {
    const layout = layoutTimeline({ jobs: [], runStartedAt: at(0), now: T0 + 5000 });
    expect(layout.jobs).toEqual([]);
    expect(layout.durationMs).toBe(0);
  });
});

describe("axisTicks and liveNow", () => {
  it("picks a round step", () => {
    expect(axisTicks(0)).toEqual([{ left: 0, seconds: 0 }]);
    expect(axisTicks(300_000).map((t) => t.seconds)).toEqual([0, 60, 120, 180, 240, 300]);
    expect(axisTicks(45_000).map((t) => t.seconds)).toEqual([0, 10, 20, 30, 40]);
  });

  it("never goes back behind what the data says", () => {
    const jobs = [job(1, "a", 0, 10, null)];
    expect(liveNow(T0 + 5_000, jobs)).toBe(T0 + 10_000);
    expect(liveNow(T0 + 50_000, jobs, [at(60)])).toBe(T0 + 60_000);
  });
});

describe("workflowFilePath", () => {
  it("keeps repository workflow files and drops refs and dynamic runs", async () => {
    const { workflowFilePath } = await import("@/lib/runs/timeline");
    expect(workflowFilePath(".github/workflows/ci.yml")).toBe(".github/workflows/ci.yml");
    expect(workflowFilePath(".github/workflows/deploy.yaml@refs/heads/main")).toBe(".github/workflows/deploy.yaml");
    expect(workflowFilePath("dynamic/pages/pages-build-deployment")).toBeNull();
    expect(workflowFilePath("")).toBeNull();
    expect(workflowFilePath(null)).toBeNull();
  });
});
