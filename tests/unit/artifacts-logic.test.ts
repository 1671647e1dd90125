import { describe, expect, it } from "vitest";
import {
  expiredIds,
  filterByName,
  formatBytes,
  isExpired,
  overSizeIds,
  parseArtifactSort,
  parseSize,
  sortArtifacts,
  totalBytes,
} from "@/lib/artifacts/artifacts";

const now = Date.parse("2026-11-20T00:00:00Z");
const list = [
  {
    id: 1,
    name: "tfplan",
    size_in_bytes: 2048,
    expired: true,
    created_at: "2026-11-01T00:00:00Z",
    expires_at: "2026-11-06T00:00:00Z",
  },
  {
    id: 2,
    name: "image-digest",
    size_in_bytes: 10,
    expired: false,
    created_at: "2026-11-19T00:00:00Z",
    expires_at: "2026-12-19T00:00:00Z",
  },
  {
    id: 3,
    name: "playwright-report",
    size_in_bytes: 5 * 1024 * 1024,
    expired: false,
    created_at: "2026-11-10T00:00:00Z",
    expires_at: "2026-11-19T12:00:00Z",
  },
  {
    id: 4,
    name: "Playwright-trace",
    size_in_bytes: 2048,
    expired: false,
    created_at: "2026-11-10T00:00:00Z",
    expires_at: null,
  },
];

describe("sizes", () => {
  it("formats bytes", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(1024 * 1024)).toBe("1 MB");
    expect(formatBytes(250 * 1024 * 1024)).toBe("250 MB");
    expect(formatBytes(3.25 * 1024 ** 3)).toBe("3.3 GB");
    expect(formatBytes(-1)).toBe("—");
  });
  it("parses sizes", () => {
    expect(parseSize("50 MB")).toBe(50 * 1024 * 1024);
    expect(parseSize("1.5gb")).toBe(Math.round(1.5 * 1024 ** 3));
    expect(parseSize("200k")).toBe(204800);
    expect(parseSize("1024")).toBe(1024);
    expect(parseSize("10 MiB")).toBe(10 * 1024 * 1024);
    expect(parseSize("lots")).toBeUndefined();
    expect(parseSize("-5 MB")).toBeUndefined();
  });
  it("totals", () => {
    expect(totalBytes(list)).toBe(2048 + 10 + 5 * 1024 * 1024 + 2048);
    expect(totalBytes([])).toBe(0);
  });
});

describe("expiry and selections", () => {
  it("expired by flag or by date", () => {
    expect(isExpired(list[0]!, now)).toBe(true);
    expect(isExpired(list[2]!, now)).toBe(true);
    expect(isExpired(list[1]!, now)).toBe(false);
    expect(isExpired(list[3]!, now)).toBe(false);
    expect(expiredIds(list, now)).toEqual([1, 3]);
  });
  it("over a size (strictly)", () => {
    expect(overSizeIds(list, 2048)).toEqual([3]);
    expect(overSizeIds(list, 0)).toEqual([1, 2, 3, 4]);
  });
  it("name filter", () => {
    expect(filterByName(list, " playwright ").map((a) => a.id)).toEqual([3, 4]);
    expect(filterByName(list, "").length).toBe(4);
  });
});

describe("sorting", () => {
  it("by size and by age, stable on ties", () => {
    expect(sortArtifacts(list, "size-desc").map((a) => a.id)).toEqual([3, 4, 1, 2]);
    expect(sortArtifacts(list, "size-asc").map((a) => a.id)).toEqual([2, 4, 1, 3]);
    expect(sortArtifacts(list, "age-asc").map((a) => a.id)).toEqual([2, 4, 3, 1]);
    expect(sortArtifacts(list, "age-desc").map((a) => a.id)).toEqual([1, 3, 4, 2]);
  });
  it("unknown sort falls back to newest first", () => {
    expect(parseArtifactSort("size-desc")).toBe("size-desc");
    expect(parseArtifactSort("bogus")).toBe("age-asc");
    expect(parseArtifactSort(null)).toBe("age-asc");
  });
});
