import { describe, expect, it } from "vitest";
import { safeReturnTo } from "@/lib/auth/return-to";

describe("safeReturnTo", () => {
  it("keeps same-origin paths with query and hash", () => {
    expect(safeReturnTo("/acme/web/actions?status=failure#x")).toBe("/acme/web/actions?status=failure#x");
    expect(safeReturnTo("/")).toBe("/");
    expect(safeReturnTo("/organizations/acme/settings/actions/runners")).toBe(
      "/organizations/acme/settings/actions/runners",
    );
  });

  it.each([
    ["//evil.example/x"],
    ["/\\evil.example"],
    ["\\\\evil.example"],
    ["https://evil.example/"],
    ["javascript:alert(1)"],
    ["evil.example/x"],
    ["/%2F%2Fevil.example"],
    ["/%5cevil.example"],
    ["/a\nb"],
    ["/a\u0000b"],
    ["/a\\b"],
    [""],
    ["   "],
    ["/api/github/user"],
    ["/login"],
    ["/login?returnTo=/x"],
  ])("refuses %j", (v) => {
    expect(safeReturnTo(v)).toBe("/");
  });

  it("refuses non-strings", () => {
    expect(safeReturnTo(undefined)).toBe("/");
    expect(safeReturnTo(null)).toBe("/");
    expect(safeReturnTo(["/x"])).toBe("/");
  });

  it("normalises dot segments", () => {
    expect(safeReturnTo("/a/../b")).toBe("/b");
    expect(safeReturnTo("/a/../../..//evil.example")).toBe("/");
  });
});
