import { describe, expect, it } from "vitest";
import {
  diagnoseJob,
  groupExclusion,
  reasonDetail,
  reasonTitle,
  workflowAllowed,
  type GroupInfo,
  type QueuedJob,
  type RepoInfo,
  type RunnerInfo,
} from "@/lib/overview/stuck";

let nextId = 1;
function runner(name: string, labels: string[], over: Partial<RunnerInfo> = {}): RunnerInfo {
  return { id: nextId++, name, status: "online", busy: false, labels: ["self-hosted", "Linux", "X64", ...labels], groupId: 1, repo: null, ...over };
}
function group(id: number, name: string, over: Partial<GroupInfo> = {}): GroupInfo {
  return { id, name, visibility: "all", allowsPublicRepositories: true, selectedRepos: [], restrictedToWorkflows: false, selectedWorkflows: [], ...over };
}
const DEFAULT = group(1, "Default");
const SECURE = group(7, "secure", { visibility: "selected", selectedRepos: ["acme/api"], allowsPublicRepositories: false });
const PRIVATE = group(8, "private-builders", { visibility: "private", allowsPublicRepositories: false });
const GROUPS = [DEFAULT, SECURE, PRIVATE];
const web: RepoInfo = { fullName: "acme/web", visibility: "public" };
const api: RepoInfo = { fullName: "acme/api", visibility: "private" };
const job = (labels: string[], over: Partial<QueuedJob> = {}): QueuedJob => ({ id: 1, name: "Build", labels, ...over });

describe("diagnoseJob", () => {
  it("is not stuck when an idle online runner with every label serves the repository", () => {
    expect(diagnoseJob(job(["self-hosted", "linux"]), web, [runner("a", [])], GROUPS)).toBeNull();
  });

  it("matches labels case-insensitively", () => {
    expect(diagnoseJob(job(["SELF-HOSTED", "linux", "GPU"]), web, [runner("a", ["gpu"])], GROUPS)).toBeNull();
  });

  it("no runner with that label: names the labels nobody has", () => {
    const reason = diagnoseJob(job(["self-hosted", "linux", "notary"]), web, [runner("a", ["gpu"])], GROUPS);
    expect(reason).toEqual({ kind: "no-label", labels: ["self-hosted", "linux", "notary"], missing: ["notary"] });
    expect(reasonTitle(reason!)).toBe("No runner with that label");
    expect(reasonDetail(reason!)).toContain("“notary”");
  });

  it("no runner with all the labels when each exists on some runner but never together", () => {
    const reason = diagnoseJob(job(["self-hosted", "gpu", "macOS"]), web, [runner("a", ["gpu"]), runner("m", [], { labels: ["self-hosted", "macOS"] })], GROUPS);
    expect(reason).toMatchObject({ kind: "no-label", missing: [] });
    expect(reasonTitle(reason!)).toBe("No runner with all these labels");
  });

  it("no runner at all: every label is missing", () => {
    expect(diagnoseJob(job(["self-hosted"]), web, [], GROUPS)).toEqual({ kind: "no-label", labels: ["self-hosted"], missing: ["self-hosted"] });
  });

  it("runners offline: the only matching runners are offline", () => {
    const reason = diagnoseJob(job(["gpu"]), web, [runner("g2", ["gpu"], { status: "offline" }), runner("g1", ["gpu"], { status: "offline" })], GROUPS);
    expect(reason).toEqual({ kind: "offline", runners: ["g1", "g2"] });
    expect(reasonTitle(reason!)).toBe("Runners offline");
    expect(reasonDetail(reason!)).toBe("All 2 runners that could take it are offline: g1, g2.");
  });

  it("all busy: the online matching runners are busy (and counts the offline ones)", () => {
    const reason = diagnoseJob(
      job(["gpu"]),
      web,
      [runner("g1", ["gpu"], { busy: true }), runner("g2", ["gpu"], { status: "offline" }), runner("other", [])],
      GROUPS,
    );
    expect(reason).toEqual({ kind: "busy", runners: ["g1"], offline: 1 });
    expect(reasonDetail(reason!)).toBe("The only online runner that could take it is busy: g1 (1 more offline).");
  });

  it("an offline runner in a group that admits the repo and an online one in a group that does not: offline", () => {
    const reason = diagnoseJob(
      job(["gpu"]),
      web,
      [runner("g-off", ["gpu"], { status: "offline" }), runner("g-sec", ["gpu"], { groupId: SECURE.id })],
      GROUPS,
    );
    expect(reason).toEqual({ kind: "offline", runners: ["g-off"] });
  });

  it("the group does not include the repository: selected group without it", () => {
    const reason = diagnoseJob(job(["secure"]), { fullName: "acme/docs", visibility: "private" }, [runner("s1", ["secure"], { groupId: SECURE.id })], GROUPS);
    expect(reason).toEqual({ kind: "group-excludes", groups: [{ id: 7, name: "secure", why: "not-selected" }], runners: 1 });
    expect(reasonTitle(reason!)).toBe("Group does not include the repository");
    expect(reasonDetail(reason!)).toContain("group “secure”: the repository is not one of its selected repositories");
  });

  it("the group admits the selected repository (names compared case-insensitively)", () => {
    expect(diagnoseJob(job(["secure"]), { fullName: "ACME/api", visibility: "private" }, [runner("s1", ["secure"], { groupId: SECURE.id })], GROUPS)).toBeNull();
  });

  it("public repositories: a group that does not allow them, and a private-only group", () => {
    const noPublic = group(9, "no-public", { allowsPublicRepositories: false });
    const privOnly = group(10, "priv-only", { visibility: "private", allowsPublicRepositories: true });
    const reason = diagnoseJob(
      job(["x"]),
      web,
      [runner("a", ["x"], { groupId: 9 }), runner("b", ["x"], { groupId: 10 })],
      [noPublic, privOnly],
    );
    expect(reason).toEqual({
      kind: "group-excludes",
      groups: [
        { id: 9, name: "no-public", why: "no-public" },
        { id: 10, name: "priv-only", why: "private-only" },
      ],
      runners: 2,
    });
    // An internal repository is not public: both groups admit it.
    expect(diagnoseJob(job(["x"]), { fullName: "acme/infra", visibility: "internal" }, [runner("b", ["x"], { groupId: 10 })], [privOnly])).toBeNull();
  });

  it("a group restricted to workflows admits only those (at their ref)", () => {
    const restricted = group(11, "deployers", {
      restrictedToWorkflows: true,
      selectedWorkflows: ["acme/web/.github/workflows/deploy.yml@refs/heads/main"],
    });
    const runners = [runner("d1", ["deploy"], { groupId: 11 })];
    const deployMain = job(["deploy"], { workflowPath: ".github/workflows/deploy.yml", headBranch: "main" });
    expect(diagnoseJob(deployMain, web, runners, [restricted])).toBeNull();
    const ci = job(["deploy"], { workflowPath: ".github/workflows/ci.yml", headBranch: "main" });
    expect(diagnoseJob(ci, web, runners, [restricted])).toMatchObject({ kind: "group-excludes", groups: [{ why: "workflow" }] });
    const otherBranch = job(["deploy"], { workflowPath: ".github/workflows/deploy.yml", headBranch: "dev" });
    expect(diagnoseJob(otherBranch, web, runners, [restricted])).toMatchObject({ kind: "group-excludes" });
    // Unknown workflow: the group is not blamed.
    expect(diagnoseJob(job(["deploy"]), web, runners, [restricted])).toBeNull();
  });

  it("a repository runner serves only its repository, whatever its group", () => {
    const own = runner("web-linux", ["gpu"], { repo: "acme/web", groupId: 1 });
    expect(diagnoseJob(job(["gpu"]), web, [own], GROUPS)).toBeNull();
    expect(diagnoseJob(job(["gpu"]), api, [own], GROUPS)).toMatchObject({ kind: "no-label", missing: ["gpu"] });
  });

  it("a runner in a group that is not listed (e.g. not readable) is not blamed on a group", () => {
    expect(diagnoseJob(job(["x"]), web, [runner("a", ["x"], { groupId: 99 })], GROUPS)).toBeNull();
  });

  it("a selected group whose repository list could not be read is not blamed", () => {
    const unknown = group(12, "unknown", { visibility: "selected", selectedRepos: null });
    expect(diagnoseJob(job(["x"]), api, [runner("a", ["x"], { groupId: 12 })], [unknown])).toBeNull();
  });
});

describe("workflowAllowed and groupExclusion", () => {
  it("accepts a branch name, refs/heads/, a tag or the sha as the ref, and an entry without a ref", () => {
    const j = job([], { workflowPath: ".github/workflows/d.yml", headBranch: "main", headSha: "abc123" });
    expect(workflowAllowed(["acme/web/.github/workflows/d.yml@main"], "acme/web", j)).toBe(true);
    expect(workflowAllowed(["acme/web/.github/workflows/d.yml@refs/heads/main"], "acme/web", j)).toBe(true);
    expect(workflowAllowed(["acme/web/.github/workflows/d.yml@abc123"], "acme/web", j)).toBe(true);
    expect(workflowAllowed(["acme/web/.github/workflows/d.yml"], "acme/web", j)).toBe(true);
    expect(workflowAllowed(["acme/api/.github/workflows/d.yml@main"], "acme/web", j)).toBe(false);
    expect(workflowAllowed([], "acme/web", job([]))).toBeNull();
  });

  it("checks public access before the selected list", () => {
    expect(groupExclusion(SECURE, { fullName: "acme/api", visibility: "public" }, job([]))).toBe("no-public");
    expect(groupExclusion(SECURE, api, job([]))).toBeNull();
  });
});

describe("reasonDetail", () => {
  it("shortens long runner lists", () => {
    expect(reasonDetail({ kind: "offline", runners: ["a", "b", "c", "d", "e"] })).toBe("All 5 runners that could take it are offline: a, b, c and 2 more.");
    expect(reasonDetail({ kind: "busy", runners: ["a", "b"], offline: 0 })).toBe("All 2 online runners that could take it are busy: a, b.");
    expect(reasonDetail({ kind: "group-excludes", groups: [{ id: 1, name: "g", why: "workflow" }], runners: 1 })).toBe(
      "1 runner has these labels, but group “g”: it only runs selected workflows, not this one.",
    );
  });
});
