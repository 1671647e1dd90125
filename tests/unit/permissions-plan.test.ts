import { describe, expect, it } from "vitest";
import { orgDraftFromServer, planOrgSave, planRepoSave, repoDraftFromServer, type OrgServerPolicy } from "@/lib/permissions/plan";
import { repoConstraints } from "@/lib/permissions/policy";

const acme: OrgServerPolicy = {
  enabled: "all",
  selectedIds: [],
  allowed: "selected",
  actions: { github_owned_allowed: true, verified_allowed: true, patterns_allowed: ["acme/*"] },
};

describe("planOrgSave", () => {
  it("sends nothing when the draft matches the server", () => {
    expect(planOrgSave(acme, orgDraftFromServer(acme))).toMatchObject({ changed: false, problems: [] });
  });
  it("sends only the policy when switching to none, and no allowed_actions", () => {
    const plan = planOrgSave(acme, { ...orgDraftFromServer(acme), enabled: "none" });
    expect(plan.policy).toEqual({ enabled_repositories: "none" });
    expect(plan.repositoryIds).toBeUndefined();
    expect(plan.selectedActions).toBeUndefined();
  });
  it("sends the policy, then the whole set, when switching to selected", () => {
    const plan = planOrgSave(acme, { ...orgDraftFromServer(acme), enabled: "selected", selectedIds: [5, 2] });
    expect(plan.policy).toEqual({ enabled_repositories: "selected", allowed_actions: "selected" });
    expect(plan.repositoryIds).toEqual([2, 5]);
  });
  it("sends only the set when the policy stays selected", () => {
    const server: OrgServerPolicy = { ...acme, enabled: "selected", selectedIds: [1, 2] };
    const plan = planOrgSave(server, { ...orgDraftFromServer(server), selectedIds: [2, 1] });
    expect(plan.changed).toBe(false);
    expect(planOrgSave(server, { ...orgDraftFromServer(server), selectedIds: [1] })).toMatchObject({
      policy: undefined,
      repositoryIds: [1],
    });
  });
  it("sends the selected actions only when they changed, with the parsed patterns", () => {
    const draft = orgDraftFromServer(acme);
    const plan = planOrgSave(acme, { ...draft, actions: { ...draft.actions, patternsText: "acme/*\n\nactions/cache@v4\n" } });
    expect(plan.policy).toBeUndefined();
    expect(plan.selectedActions).toEqual({
      github_owned_allowed: true,
      verified_allowed: true,
      patterns_allowed: ["acme/*", "actions/cache@v4"],
    });
  });
  it("stops on invalid patterns and on a missing allowed_actions choice", () => {
    const draft = orgDraftFromServer(acme);
    const bad = planOrgSave(acme, { ...draft, actions: { ...draft.actions, patternsText: "actions/cache" } });
    expect(bad.problems).toHaveLength(1);
    expect(bad.patternProblems[0]?.line).toBe(1);
    const none: OrgServerPolicy = { enabled: "none", selectedIds: [], allowed: undefined, actions: undefined };
    expect(planOrgSave(none, { ...orgDraftFromServer(none), enabled: "all" }).problems).toEqual([
      "Choose which actions and reusable workflows are allowed.",
    ]);
  });
});

describe("planRepoSave", () => {
  const orgSelects = repoConstraints({ access: { enabled: "all", selected: [] }, allowed: "selected" }, 7);
  const server = { enabled: true, allowed: "selected" as const, actions: acme.actions };

  it("refuses to loosen below the org's policy, before sending anything", () => {
    const plan = planRepoSave(server, { ...repoDraftFromServer(server), allowed: "all" }, orgSelects, "acme");
    expect(plan.problems[0]).toMatch(/acme organization's policy does not let this repository allow all actions/);
  });
  it("does not send the org's selected actions as the repository's own", () => {
    const plan = planRepoSave(server, repoDraftFromServer(server), orgSelects, "acme");
    expect(plan.changed).toBe(false);
    const stricter = planRepoSave(server, { ...repoDraftFromServer(server), allowed: "local_only" }, orgSelects, "acme");
    expect(stricter.policy).toEqual({ enabled: true, allowed_actions: "local_only" });
    expect(stricter.selectedActions).toBeUndefined();
  });
  it("cannot enable a repository the org leaves out", () => {
    const leftOut = repoConstraints({ access: { enabled: "selected", selected: [1] }, allowed: "all" }, 7);
    const off = { enabled: false, allowed: undefined, actions: undefined };
    const plan = planRepoSave(off, { ...repoDraftFromServer(off), enabled: true, allowed: "all" }, leftOut, "globex");
    expect(plan.problems[0]).toMatch(/globex organization's policy disables Actions/);
  });
  it("disables without allowed_actions, and a user's repository edits its own list", () => {
    const free = repoConstraints(undefined, 7);
    const all = { enabled: true, allowed: "all" as const, actions: undefined };
    expect(planRepoSave(all, { ...repoDraftFromServer(all), enabled: false }, free, undefined).policy).toEqual({ enabled: false });
    const plan = planRepoSave(
      all,
      { enabled: true, allowed: "selected", actions: { githubOwned: false, verified: false, patternsText: "octo/*" } },
      free,
      undefined,
    );
    expect(plan.policy).toEqual({ enabled: true, allowed_actions: "selected" });
    expect(plan.selectedActions).toEqual({ github_owned_allowed: false, verified_allowed: false, patterns_allowed: ["octo/*"] });
  });
});
