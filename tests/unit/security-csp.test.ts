import { describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { NextConfig } from "next";
import {
  API_CSP,
  avatarOrigins,
  newNonce,
  pageCsp,
  reportingEndpoints,
  SECURITY_HEADERS,
} from "@/lib/security/csp";
import { describeViolation, parseCspReport, ViolationLog } from "@/lib/security/csp-reports";

// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const CONTROL = /[\u0000-\u001f]/;

const directives = (csp: string) =>
  new Map(csp.split("; ").map((d) => [d.split(" ")[0] ?? "", d.split(" ").slice(1)]));

const base = {
  nonce: newNonce(),
  dev: false,
  imageOrigins: ["http://127.0.0.1:4010"],
  reportUrl: "http://127.0.0.1:3000/api/csp-report",
  https: false,
};

describe("page Content-Security-Policy", () => {
  it("is nonce-based and strict", () => {
    const d = directives(pageCsp(base));
    expect(d.get("script-src")).toEqual(["'self'", `'nonce-${base.nonce}'`, "'strict-dynamic'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'none'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
    expect(d.get("connect-src")).toEqual(["'self'"]);
    expect(d.get("default-src")).toEqual(["'self'"]);
    expect(d.get("img-src")).toEqual(["'self'", "data:", "http://127.0.0.1:4010"]);
    expect(d.get("report-uri")).toEqual(["http://127.0.0.1:3000/api/csp-report"]);
    expect(d.get("report-to")).toEqual(["csp"]);
    expect(d.has("upgrade-insecure-requests")).toBe(false);
    // nothing allows inline script or eval in production
    expect(pageCsp(base)).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });

  it("allows eval only in development, and upgrades requests only over https", () => {
    expect(directives(pageCsp({ ...base, dev: true })).get("script-src")).toContain("'unsafe-eval'");
    expect(directives(pageCsp({ ...base, https: true })).has("upgrade-insecure-requests")).toBe(true);
  });

  it("gives every request a fresh, well-formed nonce", () => {
    const nonces = new Set(Array.from({ length: 200 }, () => newNonce()));
    expect(nonces.size).toBe(200);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("refuses a nonce or report URL that could smuggle a directive", () => {
    expect(() => pageCsp({ ...base, nonce: "abc'; script-src *" })).toThrow();
    expect(() => pageCsp({ ...base, reportUrl: "http://x/; script-src *" })).toThrow();
    expect(() => reportingEndpoints('http://x/"a')).toThrow();
    // image origins with anything but scheme://host:port are dropped, not pasted
    const d = directives(
      pageCsp({
        ...base,
        imageOrigins: ["https://ok.example", "https://x; script-src *", "*", "javascript:"],
      }),
    );
    expect(d.get("img-src")).toEqual(["'self'", "data:", "https://ok.example"]);
  });
});

describe("avatar origins", () => {
  it("follows the configured server", () => {
    expect(avatarOrigins("http://127.0.0.1:4010/api/v3", "http://127.0.0.1:4010")).toEqual([
      "http://127.0.0.1:4010",
    ]);
    expect(avatarOrigins("https://ghes.example.com/api/v3", "https://ghes.example.com")).toEqual([
      "https://ghes.example.com",
      "https://avatars.ghes.example.com",
    ]);
    expect(avatarOrigins("https://api.github.com", "https://github.com")).toEqual([
      "https://github.com",
      "https://avatars.githubusercontent.com",
      "https://api.github.com",
    ]);
    expect(avatarOrigins(undefined, "not a url")).toEqual([]);
    expect(avatarOrigins("ftp://x.example", undefined)).toEqual([]);
  });
});

describe("static security headers (next.config.js)", () => {
  it("match lib/security/csp.ts for every path, and API responses allow nothing", async () => {
    const url = pathToFileURL(resolve("next.config.js")).href;
    const nextConfig = ((await import(url)) as { default: NextConfig }).default;
    const rules = (await nextConfig.headers?.()) ?? [];
    const all = rules.find((r) => r.source === "/:path*");
    expect(all?.headers).toEqual(SECURITY_HEADERS);
    const api = rules.find((r) => r.source === "/api/:path*");
    expect(api?.headers).toEqual([{ key: "Content-Security-Policy", value: API_CSP }]);
  });
});

describe("CSP reports", () => {
  const now = new Date("2026-11-22T03:00:00Z");

  it("reads report-uri bodies and drops query strings", () => {
    const body = JSON.stringify({
      "csp-report": {
        "document-uri": "http://127.0.0.1:3000/acme/web/actions?branch=secret-ish",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "blocked-uri": "inline",
        "line-number": 12,
        "script-sample": "window.__xss=1\u001b]8;;",
        disposition: "enforce",
      },
    });
    const r = parseCspReport("application/csp-report", body, now);
    expect(r).toEqual({
      ok: true,
      violations: [
        {
          documentUrl: "http://127.0.0.1:3000/acme/web/actions",
          directive: "script-src-elem",
          blockedUrl: "inline",
          sourceFile: "",
          line: 12,
          sample: "window.__xss=1\\u001b]8;;",
          disposition: "enforce",
          receivedAt: now.toISOString(),
        },
      ],
    });
    if (r.ok && r.violations[0]) expect(describeViolation(r.violations[0])).not.toMatch(CONTROL);
  });

  it("reads Reporting API batches and ignores other report types", () => {
    const body = JSON.stringify([
      {
        type: "csp-violation",
        url: "http://a/x",
        body: {
          documentURL: "http://a/x#frag",
          effectiveDirective: "img-src",
          blockedURL: "https://evil.example/p.png?q=1",
          disposition: "enforce",
        },
      },
      { type: "deprecation", body: {} },
      "junk",
    ]);
    const r = parseCspReport("application/reports+json", body, now);
    expect(r.ok && r.violations.map((v) => [v.documentUrl, v.directive, v.blockedUrl])).toEqual([
      ["http://a/x", "img-src", "https://evil.example/p.png"],
    ]);
  });

  it("refuses what is not a report", () => {
    expect(parseCspReport("text/plain", "{}")).toMatchObject({ ok: false, status: 415 });
    expect(parseCspReport("application/csp-report", "{not json")).toMatchObject({ ok: false, status: 400 });
    expect(parseCspReport("application/json", '{"a":1}')).toMatchObject({ ok: false, status: 400 });
    expect(parseCspReport(null, "")).toMatchObject({ ok: false, status: 415 });
  });

  it("caps fields and the log", () => {
    const long = "x".repeat(5000);
    const r = parseCspReport(
      "application/csp-report",
      JSON.stringify({ "csp-report": { "script-sample": long } }),
    );
    expect(r.ok && r.violations[0]?.sample.length).toBe(300);
    const log = new ViolationLog(3);
    for (let i = 0; i < 5; i++)
      log.add({
        documentUrl: String(i),
        directive: "",
        blockedUrl: "",
        sourceFile: "",
        line: null,
        sample: "",
        disposition: "enforce",
        receivedAt: "",
      });
    expect(log.list().violations.map((v) => v.documentUrl)).toEqual(["2", "3", "4"]);
    expect(log.list().dropped).toBe(2);
    log.clear();
    expect(log.list()).toEqual({ violations: [], dropped: 0 });
  });
});
