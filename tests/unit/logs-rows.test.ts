import { describe, expect, it } from "vitest";
import { RowModel, groupHiding } from "@/lib/logs/rows";
import { formatLineHash, parseLineHash } from "@/lib/logs/hash";
import { MAX_SCROLL_PX, scrollGeometry, scrollRowCount, scrollTopFor, topRowFor } from "@/lib/logs/virtual";
import type { StepRange } from "@/lib/logs/steps";

const steps: StepRange[] = [
  { number: 1, start: 0, end: 10, hasLog: true },
  { number: 2, start: 10, end: 1_000_010, hasLog: true },
  { number: 3, start: 0, end: 0, hasLog: false },
];
// groups: lines 2..5 (endgroup at 5) in step 1; 20..30 in step 2; one unclosed at 1_000_000
const groupStarts = Uint32Array.from([2, 20, 1_000_000]);
const groupEnds = Uint32Array.from([5, 30, 1_000_010]);

describe("RowModel", () => {
  it("closed steps are one row each", () => {
    const m = new RowModel({ steps, openSteps: new Set(), groupStarts, groupEnds, openGroups: new Set() });
    expect(m.rowCount).toBe(3);
    expect([0, 1, 2].map((r) => m.rowAt(r))).toEqual([
      { kind: "step", step: 0 },
      { kind: "step", step: 1 },
      { kind: "step", step: 2 },
    ]);
    expect(m.rowOfLine(3)).toBe(-1);
  });

  it("folded groups hide their insides and endgroup line; open groups hide only the endgroup line", () => {
    const folded = new RowModel({ steps, openSteps: new Set([0]), groupStarts, groupEnds, openGroups: new Set() });
    // step row, lines 0,1,2(header), 6..9 → 1 + 3 + 4 = 8, plus 2 step rows
    expect(folded.rowCount).toBe(10);
    expect(folded.rowAt(3)).toEqual({ kind: "line", line: 2 });
    expect(folded.rowAt(4)).toEqual({ kind: "line", line: 6 });
    expect(folded.rowOfLine(4)).toBe(-1);
    expect(folded.rowOfLine(6)).toBe(4);
    const open = new RowModel({ steps, openSteps: new Set([0]), groupStarts, groupEnds, openGroups: new Set([2]) });
    expect(open.rowCount).toBe(1 + 9 + 2);
    expect(open.rowOfLine(4)).toBe(5);
    expect(open.rowOfLine(5)).toBe(-1); // ##[endgroup]
    expect(groupHiding(groupStarts, groupEnds, 4)).toBe(0);
    expect(groupHiding(groupStarts, groupEnds, 2)).toBe(-1);
    expect(groupHiding(groupStarts, groupEnds, 6)).toBe(-1);
  });

  it("a million-line step: rows map to lines both ways", () => {
    const m = new RowModel({ steps, openSteps: new Set([1]), groupStarts, groupEnds, openGroups: new Set() });
    // step 1 row, step 2 row, lines 10..20, 31..1_000_000 , step 3 row
    expect(m.rowCount).toBe(1 + 1 + 11 + (1_000_001 - 31) + 1);
    const last = m.rowOfLine(1_000_000);
    expect(m.rowAt(last)).toEqual({ kind: "line", line: 1_000_000 });
    expect(m.rowAt(m.rowCount - 1)).toEqual({ kind: "step", step: 2 });
    expect(m.rowOfStep(2)).toBe(m.rowCount - 1);
    expect(m.rowOfLine(1_000_005)).toBe(-1); // inside the unclosed, folded group
  });
});

describe("line links", () => {
  it("parses GitHub's #step:n:line and ranges", () => {
    expect(parseLineHash("#step:3:10")).toEqual({ step: 3, from: 10, to: 10 });
    expect(parseLineHash("#step:3:20-10")).toEqual({ step: 3, from: 10, to: 20 });
    expect(parseLineHash("#step:3:0")).toBeNull();
    expect(parseLineHash("#step:x:1")).toBeNull();
    expect(parseLineHash("#logs")).toBeNull();
    expect(formatLineHash({ step: 2, from: 5, to: 9 })).toBe("#step:2:5-9");
    expect(formatLineHash({ step: 2, from: 5, to: 5 })).toBe("#step:2:5");
  });
});

describe("scaled scroll range", () => {
  it("is exact for short lists and capped for a million rows, mapping both ways", () => {
    const small = scrollGeometry(1000, 20, 600);
    expect(small.scaled).toBe(false);
    expect(topRowFor(200, small)).toBeCloseTo(10);
    expect(scrollTopFor(10, small)).toBeCloseTo(200);
    const big = scrollGeometry(1_000_000, 20, 600);
    expect(big.scaled).toBe(true);
    expect(big.contentHeight).toBe(MAX_SCROLL_PX);
    expect(big.contentHeight).toBeLessThan(16_000_000);
    expect(topRowFor(big.maxScroll, big)).toBe(big.maxTop);
    expect(big.maxTop).toBe(1_000_000 - 30);
    expect(topRowFor(scrollTopFor(123_456, big), big)).toBeCloseTo(123_456, 3);
  });
});

describe("scroll range of rows taller than counted", () => {
  it("adds the measured overflow when rows fit the viewport by count but not on screen", () => {
    // 30 rows of 20 px fit 630 px by count; 9 step headers of 25 px make them 645 px
    const rows = scrollRowCount(30, 20, 630, 645);
    expect(rows).toBe(33);
    expect(scrollGeometry(rows, 20, 630).maxTop).toBeGreaterThan(0);
  });
  it("leaves the count alone when the rows fit on screen, or already scroll by count", () => {
    expect(scrollRowCount(30, 20, 630, 600)).toBe(30);
    expect(scrollRowCount(30, 20, 630, 631)).toBe(30);
    expect(scrollRowCount(1000, 20, 630, 700)).toBe(1000);
  });
});
