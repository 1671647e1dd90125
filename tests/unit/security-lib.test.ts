// The small rules behind the proxy's hardening (each case failed before its fix).
import { describe, expect, it } from "vitest";
import { isSafeSegment, matchRoute } from "@/lib/github/routes";
import { isAcceptValue, isContentTypeValue, isIfNoneMatchValue } from "@/lib/github/request-headers";

describe("path segments: full-width and compatibility forms of dots and slashes", () => {
  it("refuses segments a Unicode-normalising server would read as `.`, `..`, `/`, `\\` or `%2f`", () => {
    for (const s of ["．．", "．", "‥", "／", "＼", "a／b", "ci.yml／..", "％２ｆ", "％2e"]) expect(isSafeSegment(s), s).toBe(false);
    expect(matchRoute("GET", ["repos", "acme", "web", "actions", "workflows", "．．"])).toBeNull();
    expect(matchRoute("GET", ["repos", "acme", "web", "contents", ".github", "‥", "x"])).toBeNull();
  });

  it("keeps ordinary Unicode names", () => {
    for (const s of ["ci.yml", "déploiement.yml", "数据.yml", "a..b", "gpu-Ａ"]) expect(isSafeSegment(s), s).toBe(true);
  });
});

describe("forwarded header values", () => {
  it("Accept: media ranges only", () => {
    for (const v of ["application/vnd.github+json", "application/vnd.github.raw", "text/plain; charset=utf-8", "application/json, */*;q=0.8"])
      expect(isAcceptValue(v), v).toBe(true);
    for (const v of ["application/json%0d%0aX-Injected: 1", "x".repeat(400), "json", "a/b; c", "a/b,", ""]) expect(isAcceptValue(v), v).toBe(false);
  });

  it("If-None-Match: entity tags or *", () => {
    for (const v of ['W/"abc"', '"abc"', '"a", W/"b"', "*"]) expect(isIfNoneMatchValue(v), v).toBe(true);
    for (const v of ['"x"%0d%0aX-Injected: 1', "abc", 'W/"a" "b"', '"a"b"']) expect(isIfNoneMatchValue(v), v).toBe(false);
  });

  it("Content-Type: one media type", () => {
    expect(isContentTypeValue("application/json; charset=utf-8")).toBe(true);
    expect(isContentTypeValue("application/json, text/html")).toBe(false);
    expect(isContentTypeValue("application/json%0d%0aX: 1")).toBe(false);
  });
});
