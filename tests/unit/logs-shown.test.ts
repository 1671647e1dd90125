// The byte-level search (shown.ts, searchIndex) against the obvious per-line reference: decode each line,
// take what the viewer shows (splitLine + stripAnsi), run the query's RegExp over it. Over generated logs
// (ANSI colours, unicode, groups) and over lines built to break byte-level shortcuts.
import { describe, expect, it } from "vitest";
import { LogIndex } from "@/lib/logs/indexer";
import { splitLine } from "@/lib/logs/line";
import { stripAnsi } from "@/lib/logs/ansi";
import { ASCII, SLOW, UTF8, afterTimestamp, appendShown, validUtf8 } from "@/lib/logs/shown";
import { MatchList, compileQuery, planSearch, searchIndex, type SearchOptions } from "@/lib/logs/search";
import { jobLogText, makeSubject } from "./logs-fixture";

const enc = new TextEncoder();
const dec = new TextDecoder("utf-8", { ignoreBOM: true });
const E = "\u001b";

function indexOf(bytes: Uint8Array, pieces = [bytes.length]): LogIndex {
  const ix = new LogIndex();
  let at = 0;
  for (const n of pieces) {
    ix.push(bytes.subarray(at, Math.min(bytes.length, at + n)));
    at += n;
  }
  if (at < bytes.length) ix.push(bytes.subarray(at));
  ix.finish();
  return ix;
}

/** Every match the slow, obvious way: line by line over decoded text. */
function reference(ix: LogIndex, query: string, opts: SearchOptions): [number, number, number][] {
  const q = compileQuery(query, opts);
  if (!q.ok) throw new Error(q.error);
  const out: [number, number, number][] = [];
  for (let i = 0; i < ix.lineCount; i++) {
    const [a, b] = ix.lineRange(i);
    const shown = stripAnsi(splitLine(dec.decode(ix.bytes(a, b))).body);
    q.re.lastIndex = 0;
    for (let m = q.re.exec(shown); m; m = q.re.exec(shown)) {
      if (m[0].length === 0) {
        q.re.lastIndex = m.index + 1;
        continue;
      }
      out.push([i, m.index, m[0].length]);
    }
  }
  return out;
}

function fast(ix: LogIndex, query: string, opts: SearchOptions): [number, number, number][] {
  const q = compileQuery(query, opts);
  if (!q.ok) throw new Error(q.error);
  const out = new MatchList();
  const it = searchIndex(ix, planSearch(query, opts), q.re, out);
  let r = it.next();
  while (!r.done) r = it.next();
  expect(r.value).toBe(ix.lineCount);
  return [...out.lines.toArray()].map((line, k) => [line, out.starts.data[k]!, out.lengths.data[k]!]);
}

const OPTS: SearchOptions[] = [
  { caseSensitive: false, regex: false },
  { caseSensitive: true, regex: false },
  { caseSensitive: false, regex: true },
  { caseSensitive: true, regex: true },
];

/** Lines meant to break shortcuts: escapes next to non-ASCII, broken UTF-8, BOMs, odd timestamps. */
function nastyLines(): Uint8Array[] {
  const t = "2026-11-20T17:00:00.1234567Z ";
  const s = (x: string) => enc.encode(x);
  const cat = (...parts: (string | number[])[]) => Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...s(p)] : p)));
  return [
    s(`${t}${E}[32m✓${E}[0m deprecated ok`),
    s(`${t}${E}[✓deprecated`), // CSI final byte is a BMP character: swallowed whole
    s(`${t}${E}✓Deprecated`), // ESC + one character
    s(`${t}${E}[1m😀 dep${E}[0mrecated`), // astral, not swallowed: ordinary UTF-8
    s(`${t}${E}[😀deprecated`), // CSI swallows half a surrogate pair: SLOW
    s(`${t}${E}]8;;javascript:alert(1)${E}\\deprecated link${E}]8;;${E}\\ DEPRECATED`),
    s(`${t}${E}]8;;https://x${"\u0007"}é deprecated${E}]8;;${"\u0007"}`),
    s(`${t}${E}]0;unterminated title deprecated`),
    cat(t, [0xe2, 0x1b, 0x5b, 0x6d, 0x9c, 0x93], " deprecated"), // broken UTF-8 around an escape: SLOW
    cat(t, [0xff, 0xfe], " deprecated ", [0xc3]), // broken UTF-8, nothing removed
    cat([0xef, 0xbb, 0xbf], t, "##[group]deprecated in a group"),
    s(`${t}##[endgroup]`),
    s(`${t}##[error]deprecated: error`),
    s(`${t}##[unknown]deprecated`),
    s(`##[warning]no timestamp, deprecated`),
    s(`2026-11-20T17:00:00.1234567890Z ten digits deprecated`),
    s(`2026-11-20T17:00:00Z deprecated no fraction`),
    s(`2026-11-20T17:00:00.5Zdeprecated no space`),
    s(`${t}tab\tdeprecated\r`),
    s(`${t}bell\u0007dep\u0000recated\u007f!`),
    s(`${t}ÉCOLE école Straße STRASSE ǅ deprecated\u2028deprecated`),
    s(`${t}ſ K k İ i`),
    s(``),
    s(`${t}`),
    s(`${t}${E}`),
    s(`${t}${E}[`),
  ];
}

/** Random lines from fragments that matter to the rules (seeded, so failures repeat). */
function fuzzLines(n: number, seed = 7): Uint8Array[] {
  let x = seed;
  const rnd = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  const frags: (string | number[])[] = [
    "2026-11-20T17:00:00.1Z ", "##[group]", "##[error]", "dep", "recated", "Deprecated", "a", "B", " ", "\t", "\r",
    `${E}[31m`, `${E}[38;5;208m`, `${E}[`, E, `${E}]8;;http://x${E}\\`, `${E}]`, "\u0007", "✓", "é", "😀", "\u2028",
    "\ufeff", [0xe2], [0x9c], [0xc3], [0xf0, 0x9f], [0x80], "\u0000",
  ];
  const lines: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const parts: number[] = [];
    const len = rnd() % 12;
    for (let k = 0; k < len; k++) {
      const f = frags[rnd() % frags.length]!;
      parts.push(...(typeof f === "string" ? enc.encode(f) : f));
    }
    lines.push(Uint8Array.from(parts.filter((b) => b !== 10)));
  }
  return lines;
}

const joinLines = (lines: Uint8Array[]) => {
  const parts: number[] = [];
  for (const l of lines) parts.push(...l, 10);
  return Uint8Array.from(parts);
};

describe("shown bytes", () => {
  it("equal the viewer's shown text for every line they accept; SLOW only where bytes could differ", () => {
    const lines = [...nastyLines(), ...fuzzLines(3000)];
    const kinds = new Set<number>();
    for (const line of lines) {
      const sink = { buf: new Uint8Array(4), pos: 0 };
      const kind = appendShown(line, 0, line.length, sink);
      kinds.add(kind);
      if (kind === SLOW) continue;
      const expected = stripAnsi(splitLine(dec.decode(line)).body);
      expect(dec.decode(sink.buf.subarray(0, sink.pos)), JSON.stringify(dec.decode(line))).toBe(expected);
      // eslint-disable-next-line no-control-regex
      expect(kind === ASCII).toBe(/^[\x00-\x7f]*$/.test(expected));
    }
    expect([...kinds].sort()).toEqual([ASCII, UTF8, SLOW]);
  });

  it("only the two kinds of trap lines are SLOW", () => {
    const nasty = nastyLines();
    const slow = nasty.filter((l) => appendShown(l, 0, l.length, { buf: new Uint8Array(256), pos: 0 }) === SLOW);
    expect(slow.map((l) => [...l.subarray(29, 33)])).toEqual([
      [0x1b, 0x5b, 0xf0, 0x9f],
      [0xe2, 0x1b, 0x5b, 0x6d],
    ]);
  });

  it("reads timestamps exactly as the viewer's regular expression does", () => {
    for (const ts of ["2026-11-20T17:00:00Z", "2026-11-20T17:00:00.1Z ", "2026-11-20T17:00:00.123456789Z", "2026-11-20T17:00:00.1234567890Z", "2026-11-20T17:00:00.Z", "2026-11-20 17:00:00Z", "2026-11-20T17:00:0Z"]) {
      const b = enc.encode(`${ts}x`);
      const m = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z ?/.exec(`${ts}x`);
      expect(afterTimestamp(b, 0, b.length), ts).toBe(m ? m[0].length : 0);
    }
  });

  it("validates UTF-8 as decoders do", () => {
    const fatal = new TextDecoder("utf-8", { fatal: true });
    for (const line of fuzzLines(2000, 99)) {
      let ok = true;
      try {
        fatal.decode(line);
      } catch {
        ok = false;
      }
      expect(validUtf8(line, 0, line.length)).toBe(ok);
    }
  });
});

describe("search over shown bytes", () => {
  it("finds exactly the reference's matches in a generated log (ANSI, unicode, groups), in any chunking", () => {
    const text = jobLogText(makeSubject({ logLines: 20_000, failAt: 3 }));
    const bytes = enc.encode(text);
    const ix = indexOf(bytes, [1, 2, 3, 4096, 65_536, 999_999]);
    const queries = ["deprecated", "DEPRECATED", "✓", "◆ chunk", "pass", "Run ", "Details for batch", "[0m", "2026-11-20T", "ms (cache", "→ node_modules/react/"];
    for (const query of queries) {
      for (const opts of OPTS) {
        const expected = reference(ix, opts.regex ? query.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&") : query, opts);
        expect(fast(ix, opts.regex ? query.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&") : query, opts), `${query} ${JSON.stringify(opts)}`).toEqual(expected);
      }
    }
    expect(reference(ix, "deprecated", OPTS[0]!).length).toBeGreaterThan(100);
    for (const re of ["dep\\w+ed", "^Run ", "\\d+ms$", "(?<=\\()\\d+", "✓.*tests"]) {
      expect(fast(ix, re, { caseSensitive: false, regex: true }), re).toEqual(reference(ix, re, { caseSensitive: false, regex: true }));
    }
  });

  it("finds exactly the reference's matches in lines built to break byte-level shortcuts", () => {
    const bytes = joinLines([...nastyLines(), ...fuzzLines(3000, 3)]);
    const ix = indexOf(bytes, [7, 100, 1000]);
    expect(ix.buildShown()).toBe(true);
    expect(ix.slowLines.length).toBeGreaterThan(2);
    for (const query of ["deprecated", "Deprecated", "dep", "é", "É", "😀", "✓d", "ecole", "straße", "k", "a\tB", "recated😀"]) {
      for (const opts of OPTS) {
        const q = opts.regex ? query.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&") : query;
        expect(fast(ix, q, opts), `${query} ${JSON.stringify(opts)}`).toEqual(reference(ix, q, opts));
      }
    }
  });

  it("searches what has arrived while a log streams in", () => {
    const text = jobLogText(makeSubject({ logLines: 5000 }));
    const bytes = enc.encode(text);
    const ix = new LogIndex();
    ix.push(bytes.subarray(0, Math.floor(bytes.length / 2)));
    const out = new MatchList();
    const q = compileQuery("deprecated", OPTS[0]!);
    if (!q.ok) throw new Error(q.error);
    const it = searchIndex(ix, planSearch("deprecated", OPTS[0]!), q.re, out);
    let r = it.next();
    while (!r.done) r = it.next();
    expect(r.value).toBeGreaterThan(0);
    expect(r.value).toBeLessThanOrEqual(ix.lineCount);
    expect(out.count).toBe(reference(ix, "deprecated", OPTS[0]!).filter(([line]) => line < r.value).length);
  });
});
