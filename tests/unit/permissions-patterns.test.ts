import { describe, expect, it } from "vitest";
import { MAX_PATTERNS, checkPattern, parsePatternList, samePatterns } from "@/lib/permissions/patterns";

const ok = (p: string) => {
  const r = checkPattern(p);
  if (!r.ok) throw new Error(`${p}: ${r.message}`);
  return r;
};
const bad = (p: string) => {
  const r = checkPattern(p);
  if (r.ok) throw new Error(`${p} was accepted`);
  return r.message;
};

describe("checkPattern: what GitHub documents", () => {
  it("accepts owner wildcards", () => {
    expect(ok("octo-org/*").kind).toBe("owner");
    expect(ok("space-org*/*").kind).toBe("owner");
    expect(ok("monalisa/*").kind).toBe("owner");
  });
  it("accepts actions at a tag, a SHA, or any version", () => {
    expect(ok("actions/javascript-action@v1.0.1").kind).toBe("action");
    expect(ok("actions/javascript-action@a824008085750b8e136effc585c3cd6082bd575f").kind).toBe("action");
    expect(ok("monalisa/octocat@*").kind).toBe("action");
    expect(ok("*/octocat**@*").kind).toBe("action");
    expect(ok("docker/build-push-action@*").kind).toBe("action");
    expect(ok("hashicorp/setup-terraform@v3").kind).toBe("action");
    expect(ok("actions/checkout@releases/v4").kind).toBe("action");
  });
  it("accepts reusable workflows and actions in subdirectories", () => {
    expect(ok("octo-org/another-repo/.github/workflows/workflow.yml@v1").kind).toBe("reusable-workflow");
    expect(ok("github/codeql-action/init@v3").kind).toBe("path");
    expect(ok("octo-org/repo/*").kind).toBe("path");
  });
  it("accepts docker:// images with registry, tag, digest and wildcards", () => {
    expect(ok("docker://alpine:3.20").kind).toBe("docker");
    expect(ok("docker://alpine").kind).toBe("docker");
    expect(ok("docker://ghcr.io/octo-org/tool:1.2.3").kind).toBe("docker");
    expect(ok("docker://registry.example.com:5000/team/image@sha256:" + "a".repeat(64)).kind).toBe("docker");
    expect(ok("docker://ghcr.io/octo-org/*").kind).toBe("docker");
    expect(ok("docker://node:*").kind).toBe("docker");
  });
  it("marks ! patterns as blocks", () => {
    const r = ok("!octo-org/bad-action@*");
    expect(r.blocks).toBe(true);
    expect(ok("octo-org/good@*").blocks).toBe(false);
  });
});

describe("checkPattern: what it refuses, and why", () => {
  it("needs an owner and a repository", () => {
    expect(bad("checkout")).toMatch(/OWNER\/REPOSITORY@REF/);
    expect(bad("/checkout@v4")).toMatch(/Local actions|owner/i);
    expect(bad("actions/@v4")).toMatch(/repository .* missing/i);
  });
  it("needs a ref unless the pattern ends in *", () => {
    expect(bad("actions/checkout")).toMatch(/actions\/checkout@\*/);
    expect(bad("actions/checkout@")).toMatch(/ref after “@” is missing/);
  });
  it("rejects spaces, commas, several @ and refs/ prefixes", () => {
    expect(bad("actions/checkout @v4")).toMatch(/spaces/);
    expect(bad("actions/checkout@v4,actions/cache@v4")).toMatch(/own line/);
    expect(bad("actions/checkout@v4@v5")).toMatch(/only one “@”/);
    expect(bad("actions/checkout@refs/heads/main")).toMatch(/bare tag or branch/);
    expect(bad("actions/checkout@v1..2")).toMatch(/not a valid tag/);
  });
  it("rejects invalid owner and repository names", () => {
    expect(bad("-octo/repo@v1")).toMatch(/not a valid owner/);
    expect(bad("octo.org/repo@v1")).toMatch(/not a valid owner/);
    expect(bad("octo/re$po@v1")).toMatch(/not a valid repository/);
    expect(bad("octo/repo//x@v1")).toMatch(/empty part/);
    expect(bad("octo/repo/../x@v1")).toMatch(/“\.\.”/);
  });
  it("rejects local paths and other schemes", () => {
    expect(bad("./.github/actions/build")).toMatch(/always allowed/);
    expect(bad("https://github.com/actions/checkout@v4")).toMatch(/docker:\/\//);
  });
  it("rejects malformed docker references", () => {
    expect(bad("docker://")).toMatch(/Name an image/);
    expect(bad("docker://Alpine:3")).toMatch(/lowercase/);
    expect(bad("DOCKER://alpine")).toMatch(/lowercase: docker/);
    expect(bad("docker://alpine@sha256:xyz")).toMatch(/digest/);
    expect(bad("docker://alpine:bad/tag")).toMatch(/not a valid/);
    expect(bad("docker://ghcr.io//x")).toMatch(/empty part/);
  });
  it("rejects a lone or doubled !", () => {
    expect(bad("!")).toMatch(/followed by/);
    expect(bad("!!a/b@*")).toMatch(/single/);
  });
});

describe("parsePatternList", () => {
  it("reads one pattern per line, skipping blank lines, with line numbers for problems", () => {
    const r = parsePatternList("acme/*\n\n  docker/build-push-action@*  \nactions/checkout\nACME/*\r\nhashicorp/setup-terraform@v3\n");
    expect(r.patterns).toEqual(["acme/*", "docker/build-push-action@*", "hashicorp/setup-terraform@v3"]);
    expect(r.problems.map((p) => [p.line, p.pattern])).toEqual([
      [4, "actions/checkout"],
      [5, "ACME/*"],
    ]);
    expect(r.problems[1]?.message).toMatch(/line 1/);
  });
  it("refuses more than GitHub's limit", () => {
    const text = Array.from({ length: MAX_PATTERNS + 1 }, (_, i) => `org${i}/*`).join("\n");
    const r = parsePatternList(text);
    expect(r.problems.at(-1)?.message).toMatch(/at most 1000/);
  });
  it("compares lists as sets", () => {
    expect(samePatterns(["a/*", "b/*"], ["b/*", "a/*"])).toBe(true);
    expect(samePatterns(["a/*"], ["a/*", "b/*"])).toBe(false);
  });
});
