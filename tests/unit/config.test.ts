import { afterEach, describe, expect, it } from "vitest";
import { checkConfig, getConfig, ConfigError, resetConfigForTests } from "@/lib/config";
import { describeScopes, expandScopes, missingScopes, parseScopes } from "@/lib/auth/scopes";

const saved = { ...process.env };
const good = {
  GITHUB_API_URL: "https://ghes.example.com/api/v3/",
  GITHUB_WEB_URL: "https://ghes.example.com",
  GITHUB_CLIENT_ID: "Iv1.abc",
  GITHUB_CLIENT_SECRET: "s3cret",
  SESSION_SECRET: "z".repeat(32),
};

function withEnv(env: Record<string, string | undefined>) {
  for (const k of [
    "GITHUB_API_URL",
    "GITHUB_WEB_URL",
    "GITHUB_CLIENT_ID",
    "GITHUB_CLIENT_SECRET",
    "SESSION_SECRET",
    "APP_URL",
  ])
    delete process.env[k];
  for (const [k, v] of Object.entries(env)) if (v !== undefined) process.env[k] = v;
  resetConfigForTests();
}

afterEach(() => {
  process.env = { ...saved };
  resetConfigForTests();
});

describe("config", () => {
  it("parses a good environment", () => {
    withEnv({ ...good, APP_URL: "https://actions.example.com/" });
    const c = getConfig();
    expect(c.apiUrl).toBe("https://ghes.example.com/api/v3");
    expect(c.apiOrigin).toBe("https://ghes.example.com");
    expect(c.appUrl).toBe("https://actions.example.com");
  });

  it("lists every mistake with a clear message and no secret values", () => {
    withEnv({ GITHUB_API_URL: "ghes.example.com", SESSION_SECRET: "short-secret-value" });
    const r = checkConfig();
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    expect(problems.join("\n")).toMatch(/GITHUB_API_URL must be an http\(s\) URL/);
    expect(problems.join("\n")).toMatch(/GITHUB_WEB_URL is not set/);
    expect(problems.join("\n")).toMatch(/GITHUB_CLIENT_ID is not set/);
    expect(problems.join("\n")).toMatch(/SESSION_SECRET must be at least 32 characters/);
    expect(problems.join("\n")).not.toContain("short-secret-value");
    expect(() => getConfig()).toThrow(ConfigError);
  });

  it("refuses an APP_URL with a path", () => {
    withEnv({ ...good, APP_URL: "https://a.example.com/dash" });
    expect(checkConfig().ok).toBe(false);
  });
});

describe("scopes", () => {
  it("parses and expands", () => {
    expect(parseScopes("repo, admin:org,  ")).toEqual(["repo", "admin:org"]);
    expect(expandScopes(["admin:org"]).has("read:org")).toBe(true);
    expect(missingScopes(["repo"], ["admin:org", "read:org"])).toEqual(["admin:org", "read:org"]);
    expect(missingScopes(["admin:org"], ["read:org"])).toEqual([]);
  });

  it("describes what a token can do", () => {
    const d = Object.fromEntries(describeScopes(["repo"]).map((c) => [c.id, c.allowed]));
    expect(d["repo-admin"]).toBe(true);
    expect(d["org-admin"]).toBe(false);
  });
});
