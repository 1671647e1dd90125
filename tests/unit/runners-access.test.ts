import { describe, expect, it } from "vitest";
import { orgRoleOf, repoRoleOf, writeAccess } from "@/lib/runners/access";

const org = { kind: "org", org: "acme" } as const;
const repo = { kind: "repo", owner: "acme", repo: "web" } as const;

describe("runner write access", () => {
  it("allows an owner with admin:org, and a repo admin with repo", () => {
    expect(writeAccess(org, { scopes: ["admin:org"], role: orgRoleOf("admin") })).toEqual({ allowed: true });
    expect(writeAccess(repo, { scopes: ["repo"], role: repoRoleOf({ admin: true, push: true }) })).toEqual({ allowed: true });
  });

  it("names the missing scope and the scopes the token has, before the role", () => {
    expect(writeAccess(org, { scopes: ["repo", "workflow"], role: orgRoleOf("member") })).toEqual({
      allowed: false,
      reason: "Needs the admin:org scope: your token has repo, workflow.",
    });
    expect(writeAccess(repo, { scopes: [], role: null })).toEqual({
      allowed: false,
      reason: "Needs the repo scope: your token has no scopes.",
    });
  });

  it("names the role needed and the one held", () => {
    expect(writeAccess(org, { scopes: ["admin:org"], role: orgRoleOf("member") })).toEqual({
      allowed: false,
      reason: "Only organization owners can do this; you are a member.",
    });
    expect(writeAccess(repo, { scopes: ["repo"], role: repoRoleOf({ admin: false, push: true, pull: true }) })).toEqual({
      allowed: false,
      reason: "Only repository admins can do this; you have write access.",
    });
  });

  it("leaves unknown facts to GitHub (fine-grained tokens, an unreadable membership)", () => {
    expect(writeAccess(org, { scopes: null, role: null })).toEqual({ allowed: true });
    expect(writeAccess(repo, { scopes: null, role: repoRoleOf(undefined) })).toEqual({ allowed: true });
  });
});
