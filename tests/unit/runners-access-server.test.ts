// The write gate as the server computes it, against the simulator's memberships, repositories and token scopes.
import { Octokit } from "@octokit/core";
import { describe, expect, it } from "vitest";
import { writeAccessFor } from "@/components/runners/access-server";
import type { GitHubClient } from "@/lib/queries/client";
import { fixedToken } from "@/simulator/store/tokens";
import { TOKENS, withSimulator } from "@/simulator/testing/harness";

const sim = withSimulator();
const client = (token: string): GitHubClient => new Octokit({ baseUrl: `${sim.url}/api/v3`, auth: token });
const org = { kind: "org", org: "acme" } as const;
const gate = (token: string, scope: Parameters<typeof writeAccessFor>[1], sessionScopes: string[] = []) =>
  writeAccessFor(client(token), scope, { value: token, sessionScopes });

describe("the runners pages' write gate", () => {
  it("opens for an owner with admin:org", async () => {
    expect(await gate(TOKENS.mona, org)).toEqual({ allowed: true });
  });

  it("closes for a member, naming the role", async () => {
    expect(await gate(TOKENS.hubot, org)).toEqual({ allowed: false, reason: "Only organization owners can do this; you are a member." });
  });

  it("closes for a token without admin:org, naming the scopes GitHub says it has (not the session's)", async () => {
    // With read:org the membership answers, and its X-OAuth-Scopes win over the session's (stale) list.
    expect(await gate(fixedToken("mona", "ReadOrg"), org, ["admin:org"])).toEqual({
      allowed: false,
      reason: "Needs the admin:org scope: your token has repo, read:org, workflow.",
    });
    // Without read:org it does not: the session's list is all there is.
    expect(await gate(fixedToken("mona", "NoAdminOrg"), org, ["repo", "workflow", "read:user"])).toEqual({
      allowed: false,
      reason: "Needs the admin:org scope: your token has repo, workflow, read:user.",
    });
  });

  it("repository runners: admin opens, write access closes with the role", async () => {
    expect(await gate(TOKENS.hubot, { kind: "repo", owner: "acme", repo: "web" })).toEqual({ allowed: true });
    expect(await gate(fixedToken("kenji"), { kind: "repo", owner: "acme", repo: "api" })).toEqual({
      allowed: false,
      reason: "Only repository admins can do this; you have write access.",
    });
  });
});
