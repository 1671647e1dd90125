import { describe, expect, it } from "vitest";
import {
  filterRepos,
  isTightening,
  nameSome,
  reposGainingActions,
  reposLosingActions,
  repoConstraints,
  sameIds,
  toggleId,
  type RepoAccess,
} from "@/lib/permissions/policy";

const repos = [
  { id: 3, full_name: "acme/web" },
  { id: 1, full_name: "acme/api" },
  { id: 2, full_name: "acme/infra" },
  { id: 4, full_name: "acme/docs" },
];
const all: RepoAccess = { enabled: "all", selected: [] };
const none: RepoAccess = { enabled: "none", selected: [1, 2] };
const sel = (...ids: number[]): RepoAccess => ({ enabled: "selected", selected: ids });
const names = (list: { full_name: string }[]) => list.map((r) => r.full_name);

describe("how many repositories lose Actions", () => {
  it("all → none: every repository", () => {
    expect(names(reposLosingActions(repos, all, none))).toEqual(["acme/api", "acme/docs", "acme/infra", "acme/web"]);
  });
  it("all → selected: the ones left out", () => {
    expect(names(reposLosingActions(repos, all, sel(1, 3)))).toEqual(["acme/docs", "acme/infra"]);
  });
  it("selected → none: only the selected ones (the others had no Actions already)", () => {
    expect(names(reposLosingActions(repos, sel(1, 2), none))).toEqual(["acme/api", "acme/infra"]);
  });
  it("selected → selected: the ones removed from the set", () => {
    expect(names(reposLosingActions(repos, sel(1, 2, 3), sel(3, 4)))).toEqual(["acme/api", "acme/infra"]);
    expect(reposLosingActions(repos, sel(1), sel(1, 2))).toEqual([]);
  });
  it("none → anything, or anything → all: nobody", () => {
    expect(reposLosingActions(repos, none, sel(1))).toEqual([]);
    expect(reposLosingActions(repos, none, all)).toEqual([]);
    expect(reposLosingActions(repos, sel(1), all)).toEqual([]);
  });
  it("ignores selected ids that are not repositories of the org", () => {
    expect(names(reposLosingActions(repos, sel(1, 99), none))).toEqual(["acme/api"]);
  });
  it("the gains are the mirror image", () => {
    expect(names(reposGainingActions(repos, sel(1), sel(1, 2, 4)))).toEqual(["acme/docs", "acme/infra"]);
  });
});

describe("what the org leaves a repository", () => {
  it("a user's repository decides everything", () => {
    expect(repoConstraints(undefined, 1)).toEqual({
      disabledByOrg: false,
      allowedOptions: ["all", "selected", "local_only"],
      selectedActionsFromOrg: false,
    });
  });
  it("an org with selected actions takes away 'all' and owns the list", () => {
    const c = repoConstraints({ access: all, allowed: "selected" }, 1);
    expect(c.allowedOptions).toEqual(["selected", "local_only"]);
    expect(c.selectedActionsFromOrg).toBe(true);
    expect(c.disabledByOrg).toBe(false);
  });
  it("local_only leaves only local_only", () => {
    expect(repoConstraints({ access: all, allowed: "local_only" }, 1).allowedOptions).toEqual(["local_only"]);
  });
  it("an org that does not select the repository disables it", () => {
    expect(repoConstraints({ access: sel(2), allowed: "all" }, 1).disabledByOrg).toBe(true);
    expect(repoConstraints({ access: sel(1), allowed: "all" }, 1).disabledByOrg).toBe(false);
    expect(repoConstraints({ access: none, allowed: undefined }, 1).disabledByOrg).toBe(true);
  });
});

describe("small helpers", () => {
  it("tightening", () => {
    expect(isTightening("all", "selected")).toBe(true);
    expect(isTightening("selected", "local_only")).toBe(true);
    expect(isTightening("local_only", "all")).toBe(false);
    expect(isTightening(undefined, "local_only")).toBe(false);
  });
  it("names some", () => {
    expect(nameSome(["a"])).toBe("a");
    expect(nameSome(["a", "b", "c"])).toBe("a, b and c");
    expect(nameSome(["a", "b", "c", "d"], 2)).toBe("a, b and 2 more");
  });
  it("ids and filters", () => {
    expect(toggleId([1, 2], 2, false)).toEqual([1]);
    expect(toggleId([1], 2, true)).toEqual([1, 2]);
    expect(toggleId([1, 2], 2, true)).toEqual([1, 2]);
    expect(sameIds([1, 2], [2, 1])).toBe(true);
    expect(sameIds([1, 2], [2, 3])).toBe(false);
    expect(names(filterRepos(repos, "ACME in"))).toEqual(["acme/infra"]);
  });
});

import { runSteps } from "@/lib/permissions/steps";
import { writeFailure } from "@/lib/client/write-failure";
import { apiError } from "./api-error-fixture";

describe("runSteps", () => {
  it("stops at the first failure and says what was applied, what failed and what was not sent", async () => {
    const sent: string[] = [];
    const step = (label: string, fail?: Error) => ({
      label,
      run: async () => {
        sent.push(label);
        await Promise.resolve();
        if (fail) throw fail;
      },
    });
    const conflict = apiError(409, "must be selected", "not_applied");
    const report = await runSteps([step("policy"), step("repositories", conflict), step("actions")]);
    expect(sent).toEqual(["policy", "repositories"]);
    expect(report).toEqual({
      applied: ["policy"],
      failed: { label: "repositories", message: "must be selected (HTTP 409).", outcome: "not_applied" },
      notSent: ["actions"],
    });
  });
  it("a 5xx or a lost connection leaves the outcome unknown", () => {
    expect(writeFailure(apiError(502, "bad gateway", "unknown"), "PUT").outcome).toBe("unknown");
    expect(writeFailure(apiError(0, "offline"), "PUT")).toEqual({ message: "offline.", status: 0, outcome: "unknown" });
    expect(writeFailure(apiError(503, "no answer"), "PUT").outcome).toBe("unknown");
    expect(writeFailure(new Error("x"), "PUT").outcome).toBe("unknown");
    expect(writeFailure(apiError(422, "no."), "PUT")).toEqual({ message: "no (HTTP 422).", status: 422, outcome: "not_applied" });
  });
  it("reports everything applied when nothing fails", async () => {
    expect(await runSteps([{ label: "a", run: () => Promise.resolve() }])).toEqual({ applied: ["a"], notSent: [] });
  });
});
