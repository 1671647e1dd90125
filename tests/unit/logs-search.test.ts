import { describe, expect, it } from "vitest";
import { LogIndex } from "@/lib/logs/indexer";
import { shownText, splitLine } from "@/lib/logs/line";
import { stripAnsi } from "@/lib/logs/ansi";
import { MatchList, compileQuery, searchBatch } from "@/lib/logs/search";
import { jobLogText, makeSubject } from "./logs-fixture";

function searchAll(text: string, query: string, opts = { caseSensitive: false, regex: false }, batch = 1000) {
  const ix = new LogIndex();
  ix.push(new TextEncoder().encode(text));
  ix.finish();
  const q = compileQuery(query, opts);
  if (!q.ok) throw new Error(q.error);
  const out = new MatchList();
  const dec = new TextDecoder();
  for (let from = 0; from < ix.lineCount; from += batch) {
    const to = Math.min(ix.lineCount, from + batch);
    searchBatch(shownText(dec.decode(ix.linesBytes(from, to))), from, q.re, out);
  }
  return out;
}

/** The obvious, slow way: each line's shown text, every occurrence. */
function naiveCount(text: string, pred: (shown: string) => number) {
  return text
    .replace(/^\ufeff/, "")
    .split("\n")
    .slice(0, -1)
    .reduce((n, line) => n + pred(stripAnsi(splitLine(line).body)), 0);
}

describe("search", () => {
  it("counts every match of a whole generated log, the same in any batch size, exactly as a naive count", () => {
    const text = jobLogText(makeSubject({ logLines: 30_000 }));
    const expected = naiveCount(text, (l) => l.split("deprecated").length - 1);
    expect(expected).toBeGreaterThan(100);
    for (const batch of [1, 777, 32768]) expect(searchAll(text, "deprecated", undefined, batch).count).toBe(expected);
    // case-insensitive by default; case-sensitive on request
    const lower = naiveCount(text, (l) => l.toLowerCase().split("pass").length - 1);
    expect(searchAll(text, "PASS").count).toBe(lower);
    expect(searchAll(text, "PASS", { caseSensitive: true, regex: false }).count).toBe(naiveCount(text, (l) => l.split("PASS").length - 1));
    // timestamps and escape sequences are not searched
    expect(searchAll(text, "2026-11-20T").count).toBe(0);
    expect(searchAll(text, "[0m").count).toBe(0);
  });

  it("columns are columns of the shown text; matches stay within a line", () => {
    const text = "2026-11-20T17:42:40.1Z \u001b[31mab\u001b[0mab\nab\n";
    const m = searchAll(text, "ab");
    expect([...m.lines.toArray()]).toEqual([0, 0, 1]);
    expect([...m.starts.toArray()]).toEqual([0, 2, 0]);
    expect(searchAll("xa\nby\n", "a\\s*b", { caseSensitive: false, regex: true }).count).toBe(0);
  });

  it("regular expressions: valid ones search, bad ones explain", () => {
    expect(searchAll("foo1 foo22\nbar\n", "foo\\d+", { caseSensitive: false, regex: true }).count).toBe(2);
    const bad = compileQuery("(unclosed", { caseSensitive: false, regex: true });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/Not a valid regular expression/);
    expect(compileQuery("a*", { caseSensitive: false, regex: true })).toMatchObject({ ok: false });
    expect(compileQuery("", { caseSensitive: false, regex: false })).toMatchObject({ ok: false });
    // plain text with regex characters is literal
    expect(searchAll("a.b axb (x)\n", "a.b").count).toBe(1);
    expect(searchAll("a.b axb (x)\n", "(x)").count).toBe(1);
  });
});
