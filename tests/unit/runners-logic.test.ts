import { describe, expect, it } from "vitest";
import {
  allLabels,
  applyRunnerFilters,
  countFilters,
  labelProblem,
  parseRunnerFilters,
  runnerCounts,
  runnerFiltersToQuery,
  sortRunners,
  type RunnerView,
} from "@/lib/runners/filters";
import { jobLogPath, mapLimit, matchBusyJobs, type BusyJob } from "@/lib/runners/busy";
import { configureCommand, countdown, installSteps, removeCommand, shQuote, psQuote } from "@/lib/runners/commands";
import { groupFormProblems, parseWorkflowList, searchRepos, setDiff } from "@/lib/runners/groups";
import { runnersPath, scopeWebUrl } from "@/lib/runners/scope";

const ro = (name: string) => ({ name, type: "read-only" as const });
const cu = (name: string) => ({ name, type: "custom" as const });
const R = (id: number, name: string, status: string, busy: boolean, labels: string[], group?: number, os = "Linux"): RunnerView => ({
  id,
  name,
  status,
  busy,
  os,
  labels: [ro("self-hosted"), ...labels.map(cu)],
  runner_group_id: group,
});

const fleet = [
  R(1, "acme-linux-10", "online", false, ["gpu"], 1),
  R(2, "acme-linux-2", "online", true, ["docker"], 2),
  R(3, "acme-win-01", "offline", false, ["GPU", "large"], 1, "Windows"),
  R(4, "acme-mac-01", "online", true, [], 3, "macOS"),
];

describe("runner filters", () => {
  it("parse ↔ query round-trip, ignoring junk", () => {
    const f = parseRunnerFilters(new URLSearchParams("status=offline&busy=idle&label=gpu&label=large&group=2&q=linux&sort=os&dir=desc&x=1"));
    expect(f).toEqual({ status: "offline", busy: "idle", labels: ["gpu", "large"], group: 2, q: "linux", sort: "os", dir: "desc" });
    expect(parseRunnerFilters(new URLSearchParams(runnerFiltersToQuery(f).slice(1)))).toEqual(f);
    expect(parseRunnerFilters({ status: "weird", group: "abc", sort: "nope", label: "a,b" })).toEqual({ labels: ["a", "b"] });
    expect(runnerFiltersToQuery({})).toBe("");
  });

  it("filters by status, busy, labels (all, case-insensitive), group and name", () => {
    expect(applyRunnerFilters(fleet, { status: "offline" }).map((r) => r.id)).toEqual([3]);
    expect(applyRunnerFilters(fleet, { busy: "busy" }).map((r) => r.id)).toEqual([2, 4]);
    expect(applyRunnerFilters(fleet, { busy: "idle" }).map((r) => r.id)).toEqual([1, 3]);
    expect(applyRunnerFilters(fleet, { labels: ["gpu"] }).map((r) => r.id)).toEqual([1, 3]);
    expect(applyRunnerFilters(fleet, { labels: ["gpu", "large"] }).map((r) => r.id)).toEqual([3]);
    expect(applyRunnerFilters(fleet, { group: 1 }).map((r) => r.id)).toEqual([1, 3]);
    expect(applyRunnerFilters(fleet, { q: "LINUX" }).map((r) => r.id)).toEqual([1, 2]);
  });

  it("sorts naturally by name, and by state/os/group with name as tie-break", () => {
    expect(sortRunners(fleet).map((r) => r.name)).toEqual(["acme-linux-2", "acme-linux-10", "acme-mac-01", "acme-win-01"]);
    expect(sortRunners(fleet, "name", "desc").map((r) => r.id)).toEqual([3, 4, 1, 2]);
    expect(sortRunners(fleet, "state").map((r) => r.id)).toEqual([2, 4, 1, 3]);
    expect(sortRunners(fleet, "os").map((r) => r.os)).toEqual(["Linux", "Linux", "macOS", "Windows"]);
    const names: Record<number, string> = { 1: "Default", 2: "alpha", 3: "zeta" };
    expect(sortRunners(fleet, "group", "asc", (id) => names[id ?? 0] ?? "").map((r) => r.id)).toEqual([2, 1, 3, 4]);
  });

  it("a count's link shows what it counts, in the current order", () => {
    const current = { q: "x", status: "online" as const, sort: "os" as const, dir: "desc" as const };
    expect(countFilters("offline", current)).toEqual({ status: "offline", sort: "os", dir: "desc" });
    expect(countFilters("idle", {})).toEqual({ status: "online", busy: "idle" });
    expect(countFilters("busy", {})).toEqual({ busy: "busy" });
    expect(countFilters("total", current)).toEqual({ sort: "os", dir: "desc" });
    // The filters of a count keep exactly the runners it counts.
    for (const key of ["idle", "busy", "offline"] as const) {
      expect(applyRunnerFilters(fleet, countFilters(key, {})).length).toBe(runnerCounts(fleet)[key]);
    }
  });

  it("counts total, idle, busy, offline; lists labels once", () => {
    expect(runnerCounts(fleet)).toEqual({ total: 4, idle: 1, busy: 2, offline: 1 });
    expect(allLabels(fleet)).toEqual(["docker", "gpu", "large", "self-hosted"]);
  });

  it("checks label names before sending", () => {
    expect(labelProblem("")).toMatch(/Enter/);
    expect(labelProblem("a b")).toMatch(/spaces or commas/);
    expect(labelProblem("a,b")).toMatch(/spaces or commas/);
    expect(labelProblem("x".repeat(257))).toMatch(/256/);
    expect(labelProblem("GPU", fleet[0]!.labels)).toMatch(/already has/);
    expect(labelProblem("fast")).toBeUndefined();
  });
});

describe("busy matching", () => {
  const job = (id: number, runner_id: number | null, runner_name: string | null): BusyJob => ({
    id,
    run_id: 100 + id,
    name: `job ${id}`,
    owner: "acme",
    repo: "web",
    runner_id,
    runner_name,
    started_at: null,
  });

  it("matches busy runners by id, then by name; ignores idle runners", () => {
    const m = matchBusyJobs(fleet, [job(1, 2, "acme-linux-2"), job(2, null, "ACME-MAC-01"), job(3, 1, "acme-linux-10")]);
    expect(m.get(2)?.id).toBe(1);
    expect(m.get(4)?.id).toBe(2);
    expect(m.has(1)).toBe(false);
    expect(jobLogPath(job(7, 2, null))).toBe("/acme/web/actions/runs/107/job/7");
  });

  it("mapLimit bounds concurrency and stops early", async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    await mapLimit([1, 2, 3, 4, 5, 6, 7, 8], 3, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      seen.push(n);
      inFlight--;
    });
    expect(peak).toBe(3);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const few: number[] = [];
    await mapLimit([1, 2, 3, 4, 5], 1, (n) => Promise.resolve(void few.push(n)), () => few.length >= 2);
    expect(few).toEqual([1, 2]);
  });
});

describe("runner commands", () => {
  const linux = { os: "linux", architecture: "x64", filename: "actions-runner-linux-x64-2.328.0.tar.gz", download_url: "https://example.com/r.tar.gz", sha256_checksum: "abc123" };
  const win = { os: "win", architecture: "x64", filename: "actions-runner-win-x64-2.328.0.zip", download_url: "https://example.com/r.zip", sha256_checksum: "abc123" };

  it("configure: URL, token, group and labels, quoted when needed", () => {
    expect(configureCommand("linux", { url: "https://ghes.example.com/acme", token: "TOK" })).toBe("./config.sh --url https://ghes.example.com/acme --token TOK");
    expect(configureCommand("linux", { url: "https://g/acme", token: "T", group: "prod deployers", labels: ["gpu", " large "] })).toBe(
      "./config.sh --url https://g/acme --token T --runnergroup 'prod deployers' --labels gpu,large",
    );
    expect(configureCommand("win", { url: "https://g/acme", token: "T", group: "it's" })).toBe("./config.cmd --url https://g/acme --token T --runnergroup 'it''s'");
    expect(shQuote("it's")).toBe(`'it'\\''s'`);
    expect(psQuote("plain")).toBe("plain");
  });

  it("install steps: download, verify sha256, extract, configure, run (sh and PowerShell)", () => {
    const s = installSteps(linux, { url: "https://g/acme/web", token: "T" });
    expect(s.map((x) => x.id)).toEqual(["folder", "download", "verify", "extract", "configure", "run"]);
    expect(s[1]!.command).toBe("curl -o actions-runner-linux-x64-2.328.0.tar.gz -L https://example.com/r.tar.gz");
    expect(s[2]!.command).toBe('echo "abc123  actions-runner-linux-x64-2.328.0.tar.gz" | shasum -a 256 -c');
    expect(s[5]!.command).toBe("./run.sh");
    const w = installSteps(win, { url: "https://g/acme", token: "T" });
    expect(w[1]!.command).toContain("Invoke-WebRequest -Uri https://example.com/r.zip");
    expect(w[2]!.command).toContain("Get-FileHash");
    expect(w[2]!.command).toContain("'ABC123'");
    expect(w[4]!.command).toBe("./config.cmd --url https://g/acme --token T");
    expect(w[5]!.command).toBe("./run.cmd");
    expect(installSteps({ ...linux, sha256_checksum: undefined }, { url: "u", token: "t" }).some((x) => x.id === "verify")).toBe(false);
  });

  it("remove command and expiry countdown", () => {
    expect(removeCommand("linux", "R")).toBe("./config.sh remove --token R");
    expect(removeCommand("win", "R")).toBe("./config.cmd remove --token R");
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(countdown("2026-01-01T01:00:00Z", now)).toBe("1:00:00");
    expect(countdown("2026-01-01T00:59:58Z", now)).toBe("59:58");
    expect(countdown("2026-01-01T00:00:05Z", now)).toBe("0:05");
    expect(countdown("2025-12-31T23:00:00Z", now)).toBe("expired");
  });

  it("scope URLs", () => {
    expect(scopeWebUrl({ kind: "org", org: "acme" }, "https://g.example/")).toBe("https://g.example/acme");
    expect(scopeWebUrl({ kind: "repo", owner: "acme", repo: "web" }, "https://g.example")).toBe("https://g.example/acme/web");
    expect(runnersPath({ kind: "org", org: "acme" })).toBe("/organizations/acme/settings/actions/runners");
    expect(runnersPath({ kind: "repo", owner: "acme", repo: "web" })).toBe("/acme/web/settings/actions/runners");
  });
});

describe("runner group form", () => {
  const base = { name: "builders", visibility: "all" as const, allows_public_repositories: false, selected_repository_ids: [], runners: [], restricted_to_workflows: false, selected_workflows: [] };
  it("names: required, unique (case-insensitive), at most 64", () => {
    expect(groupFormProblems({ ...base, name: " " }, []).name).toMatch(/Enter/);
    expect(groupFormProblems(base, ["Builders"]).name).toMatch(/already exists/);
    expect(groupFormProblems({ ...base, name: "x".repeat(65) }, []).name).toMatch(/64/);
    expect(groupFormProblems(base, ["Default"])).toEqual({});
  });
  it("workflow restrictions need valid references", () => {
    expect(groupFormProblems({ ...base, restricted_to_workflows: true }, []).selected_workflows).toMatch(/at least one/);
    expect(groupFormProblems({ ...base, restricted_to_workflows: true, selected_workflows: ["acme/web/ci.yml"] }, []).selected_workflows).toMatch(/Not a workflow/);
    expect(groupFormProblems({ ...base, restricted_to_workflows: true, selected_workflows: ["acme/web/.github/workflows/ci.yml@main"] }, [])).toEqual({});
    expect(parseWorkflowList("a@b, c@d\n\n e@f ")).toEqual(["a@b", "c@d", "e@f"]);
  });
  it("repo search and set differences", () => {
    const repos = [{ full_name: "acme/web" }, { full_name: "acme/api" }, { full_name: "acme/website" }];
    expect(searchRepos(repos, "WEB").map((r) => r.full_name)).toEqual(["acme/web", "acme/website"]);
    expect(searchRepos(repos, "")).toHaveLength(3);
    expect(setDiff([1, 2, 3], [2, 3, 4])).toEqual({ add: [4], remove: [1] });
  });
});
