import { describe, expect, it } from "vitest";
import { LogIndex } from "@/lib/logs/indexer";
import { mapSteps } from "@/lib/logs/steps";
import { jobLogText, makeSubject, stepTexts } from "./logs-fixture";

const enc = new TextEncoder();
const dec = new TextDecoder();

function indexOf(text: string, chunkSize = 0): LogIndex {
  const bytes = enc.encode(text);
  const ix = new LogIndex();
  if (!chunkSize) ix.push(bytes);
  else for (let i = 0; i < bytes.length; i += chunkSize) ix.push(bytes.subarray(i, i + chunkSize));
  ix.finish();
  return ix;
}

const lineText = (ix: LogIndex, i: number) => {
  const [a, b] = ix.lineRange(i);
  return dec.decode(ix.bytes(a, b));
};

describe("LogIndex", () => {
  it("indexes lines, skips the BOM, and handles a last line without a newline and CRLF", () => {
    const ix = indexOf("\ufeffone\r\ntwo\n\nthree");
    expect(ix.lineCount).toBe(4);
    expect([0, 1, 2, 3].map((i) => lineText(ix, i))).toEqual(["one", "two", "", "three"]);
  });

  it("gives the same index whatever the chunking (lines and multi-byte characters split across chunks)", () => {
    const text = jobLogText(makeSubject({ failAt: 3 }));
    const whole = indexOf(text).snapshot();
    for (const size of [1, 7, 64, 4093]) {
      const ix = indexOf(text, size);
      expect(ix.snapshot()).toEqual(whole);
      expect(lineText(ix, 30)).toBe(text.slice(1).split("\n")[30]);
    }
    expect(whole.lineCount).toBe(text.split("\n").length - 1);
  });

  it("finds groups, annotations and step markers in one pass", () => {
    const log = [
      "2026-11-20T17:42:40.1234567Z Requested labels: x",
      "2026-11-20T17:42:40.2234567Z ##[group]Operating System",
      "2026-11-20T17:42:40.3234567Z Ubuntu",
      "2026-11-20T17:42:40.4234567Z ##[endgroup]",
      "2026-11-20T17:42:41.0000000Z ##[group]Run npm test",
      "2026-11-20T17:42:41.1000000Z ##[warning]careful",
      "2026-11-20T17:42:41.2000000Z ##[error]broken",
      "2026-11-20T17:42:41.3000000Z ##[notice]fyi",
      "2026-11-20T17:42:42.0000000Z Post job cleanup.",
      "2026-11-20T17:42:43.0000000Z Cleaning up orphan processes",
    ].join("\n");
    const s = indexOf(log).snapshot();
    expect([...s.groupStarts]).toEqual([1, 4]);
    // the second group is closed by nothing: it runs to the end
    expect([...s.groupEnds]).toEqual([3, 10]);
    expect([...s.annotationLines]).toEqual([5, 6, 7]);
    expect([...s.annotationKinds]).toEqual([1, 0, 2]);
    expect([...s.markerLines]).toEqual([4, 8, 9]);
    expect([...s.markerKinds]).toEqual([0, 1, 2]);
    expect(s.markerSeconds[0]).toBe(Date.parse("2026-11-20T17:42:41Z") / 1000);
  });

  it("while a log arrives, its whole lines end at a line's end (what a download of it gets)", () => {
    const ix = new LogIndex();
    const enc = new TextEncoder();
    ix.push(enc.encode("one\ntwo\nthr"));
    expect(ix.completeLines).toBe(2);
    expect(new TextDecoder().decode(ix.bytes(0, ix.completeByteLength))).toBe("one\ntwo\n");
    ix.push(enc.encode("ee\n"));
    expect(ix.completeByteLength).toBe(ix.byteLength);
    ix.push(enc.encode("last"));
    expect(ix.completeByteLength).toBe(14);
    ix.finish();
    // finished, the last line is whole without its newline
    expect(new TextDecoder().decode(ix.bytes(0, ix.completeByteLength))).toBe("one\ntwo\nthree\nlast");
  });

  it("a new group closes the open one (groups do not nest)", () => {
    const s = indexOf("##[group]a\nx\n##[group]b\ny\n##[endgroup]\n").snapshot();
    expect([...s.groupStarts]).toEqual([0, 2]);
    expect([...s.groupEnds]).toEqual([2, 4]);
  });

  it("lines of a 100,000-line log: counts and offsets", () => {
    const s = makeSubject({ logLines: 100_000 });
    const text = jobLogText(s);
    const ix = indexOf(text, 65536);
    expect(ix.lineCount).toBe(100_000);
    const lines = text.slice(1).split("\n");
    for (const i of [0, 1, 12345, 99_999]) expect(lineText(ix, i)).toBe(lines[i]);
  });
});

describe("mapSteps: lines to steps as GitHub lays out a job log", () => {
  for (const [label, failAt] of [
    ["a successful job", undefined],
    ["a job failing at its 4th step (later steps skipped)", 3],
  ] as const) {
    it(`matches each step's own log for ${label}`, () => {
      const subject = makeSubject({ failAt, logLines: 5000 });
      const text = jobLogText(subject);
      const ix = indexOf(text);
      const ranges = mapSteps(subject.job.steps, ix.snapshot());
      const perStep = stepTexts(subject);
      subject.job.steps.forEach((step, k) => {
        const r = ranges[k]!;
        const own = perStep[k]!;
        const expected = own ? own.split("\n").length - 1 : 0;
        expect({ step: step.name, lines: r.end - r.start }).toEqual({ step: step.name, lines: expected });
        if (expected) {
          expect(lineText(ix, r.start)).toBe(own.split("\n")[0]);
          expect(lineText(ix, r.end - 1)).toBe(own.split("\n")[expected - 1]);
        }
      });
    });
  }

  it("ignores `##[group]Run` lines written inside a step (composite actions) before the next step's start", () => {
    const steps = [
      { number: 1, name: "Set up job", status: "completed", conclusion: "success", started_at: "2026-11-20T17:00:00Z", completed_at: "2026-11-20T17:00:01Z" },
      { number: 2, name: "Composite", status: "completed", conclusion: "success", started_at: "2026-11-20T17:00:01Z", completed_at: "2026-11-20T17:00:05Z" },
      { number: 3, name: "Run tests", status: "completed", conclusion: "success", started_at: "2026-11-20T17:00:06Z", completed_at: "2026-11-20T17:00:09Z" },
      { number: 4, name: "Skipped", status: "completed", conclusion: "skipped", started_at: null, completed_at: null },
    ];
    const log = [
      "2026-11-20T17:00:00.1000000Z Requested labels: x",
      "2026-11-20T17:00:01.1000000Z ##[group]Run ./composite",
      "2026-11-20T17:00:02.1000000Z ##[group]Run inner step",
      "2026-11-20T17:00:03.1000000Z inner",
      "2026-11-20T17:00:06.1000000Z ##[group]Run npm test",
      "2026-11-20T17:00:07.1000000Z ok",
    ].join("\n");
    const ranges = mapSteps(steps, indexOf(log).snapshot());
    expect(ranges.map((r) => [r.start, r.end, r.hasLog])).toEqual([
      [0, 1, true],
      [1, 4, true],
      [4, 6, true],
      [0, 0, false],
    ]);
  });
});
