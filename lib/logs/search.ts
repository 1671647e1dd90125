/**
 * Search over a log's shown text (no timestamps, command prefixes or escape sequences: what the viewer
 * shows), a batch of lines at a time. Matches never span lines; empty matches are not counted.
 */
import { U32List, type ShownBlock } from "./indexer";
import { splitLine } from "./line";
import { stripAnsi } from "./ansi";
import { UTF8 } from "./shown";

export interface SearchOptions {
  caseSensitive: boolean;
  regex: boolean;
}

export type CompiledQuery = { ok: true; re: RegExp } | { ok: false; error: string };

export const MAX_QUERY_LENGTH = 1000;

export function compileQuery(query: string, options: SearchOptions): CompiledQuery {
  if (!query) return { ok: false, error: "Type something to search for." };
  if (query.length > MAX_QUERY_LENGTH) return { ok: false, error: `Search for at most ${MAX_QUERY_LENGTH} characters.` };
  if (query.includes("\n")) return { ok: false, error: "A search matches within one line; remove the line break." };
  // "m": ^ and $ are the start and end of a line
  const flags = options.caseSensitive ? "gm" : "gim";
  if (!options.regex) return { ok: true, re: new RegExp(query.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"), flags) };
  try {
    const re = new RegExp(query, flags);
    if (re.test("")) return { ok: false, error: "This regular expression matches empty text; make it match at least one character." };
    re.lastIndex = 0;
    return { ok: true, re };
  } catch (e) {
    return { ok: false, error: `Not a valid regular expression: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Matches: line (index into the log), start column and length in the shown text, in order. */
export class MatchList {
  readonly lines = new U32List(1024);
  readonly starts = new U32List(1024);
  readonly lengths = new U32List(1024);
  get count(): number {
    return this.lines.length;
  }
  clear() {
    this.lines.length = 0;
    this.starts.length = 0;
    this.lengths.length = 0;
  }
  push(line: number, start: number, length: number) {
    this.lines.push(line);
    this.starts.push(start);
    this.lengths.push(length);
  }
}

/**
 * Finds the matches of `re` (global) in `text`, the shown text of lines `firstLine`, `firstLine + 1`, …
 * joined by "\n", and adds them to `out`.
 */
export function searchBatch(text: string, firstLine: number, re: RegExp, out: MatchList): void {
  re.lastIndex = 0;
  let line = firstLine;
  let lineStart = 0;
  let nextNl = text.indexOf("\n");
  if (nextNl < 0) nextNl = text.length;
  for (;;) {
    const m = re.exec(text);
    if (!m) break;
    const at = m.index;
    const len = m[0].length;
    if (len === 0) {
      re.lastIndex = at + 1;
      continue;
    }
    while (at > nextNl) {
      lineStart = nextNl + 1;
      line++;
      nextNl = text.indexOf("\n", lineStart);
      if (nextNl < 0) nextNl = text.length;
    }
    if (at === nextNl) {
      // a match starting at a line break belongs to no line
      re.lastIndex = at + 1;
      continue;
    }
    if (at + len > nextNl) {
      re.lastIndex = at + 1;
      continue;
    }
    out.push(line, at - lineStart, len);
  }
}

// --- searching a LogIndex's shown text (shown.ts) ------------------------------------------------------

/**
 * How a query is matched over the index's shown bytes: a plain query without letters that change case
 * outside ASCII is matched on the bytes themselves (Horspool; case-insensitive through an ASCII fold
 * table); anything else (regular expressions, case-insensitive non-ASCII) with its RegExp over the decoded
 * text. SLOW lines are always matched one by one against their decoded text.
 */
export type SearchPlan = { kind: "bytes"; needle: Uint8Array; fold: boolean } | { kind: "text" };

export function planSearch(query: string, options: SearchOptions): SearchPlan {
  if (options.regex || /[\ud800-\udfff]/.test(query)) return { kind: "text" };
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(query);
  if (!ascii && !options.caseSensitive) return { kind: "text" };
  return { kind: "bytes", needle: new TextEncoder().encode(options.caseSensitive ? query : query.toLowerCase()), fold: !options.caseSensitive };
}

const IDENTITY = Uint8Array.from({ length: 256 }, (_, i) => i);
const ASCII_FOLD = Uint8Array.from({ length: 256 }, (_, i) => (i >= 0x41 && i <= 0x5a ? i + 32 : i));

/**
 * Calls `found(pos)` for each match of `needle` in `hay` (left to right, not overlapping), comparing
 * bytes through `fold` (the needle is already folded). Boyer-Moore-Horspool: most bytes are skipped.
 */
export function findAll(hay: Uint8Array, needle: Uint8Array, fold: Uint8Array, found: (pos: number) => void): void {
  const m = needle.length;
  const n = hay.length;
  if (m === 0 || n < m) return;
  const shift = new Int32Array(256).fill(m);
  for (let k = 0; k < m - 1; k++) shift[needle[k]!] = m - 1 - k;
  const last = needle[m - 1]!;
  let i = 0;
  while (i <= n - m) {
    const c = fold[hay[i + m - 1]!]!;
    if (c === last) {
      let k = m - 2;
      while (k >= 0 && fold[hay[i + k]!] === needle[k]) k--;
      if (k < 0) {
        found(i);
        i += m;
        continue;
      }
    }
    i += shift[c]!;
  }
}

/** What searchIndex needs of a LogIndex. */
export interface SearchableIndex {
  buildShown(deadline?: number): boolean;
  shownBlocks(): ShownBlock[];
  readonly shownStarts: { data: Uint32Array };
  readonly shownKinds: { data: Uint8Array };
  readonly slowLines: { data: Uint32Array; length: number };
  lineRange(i: number): [number, number];
  bytes(start: number, end: number): Uint8Array;
}

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** The shown text of one line, decoded from its raw bytes (the reference rules; for SLOW lines). */
function slowShown(index: SearchableIndex, line: number): string {
  const [a, b] = index.lineRange(line);
  return stripAnsi(splitLine(utf8.decode(index.bytes(a, b))).body);
}

/**
 * Finds every match of `re` (global) in the shown text of the index's complete lines, adding them to `out`
 * in order. Yields after each block of about 1 MB of shown text, so a caller can stop or let other work
 * run; returns the number of lines searched.
 */
export function* searchIndex(index: SearchableIndex, plan: SearchPlan, re: RegExp, out: MatchList): Generator<void, number> {
  // the shown text of lines that arrived since the last search
  while (!index.buildShown(performance.now() + 20)) yield;
  const blocks = index.shownBlocks();
  const starts = index.shownStarts.data;
  const kinds = index.shownKinds.data;
  const slow = index.slowLines;
  let s = 0;
  let searched = 0;
  const block = new MatchList();
  for (const { bytes, firstLine, lines } of blocks) {
    const endLine = firstLine + lines;
    searched = endLine;
    block.clear();
    if (plan.kind === "bytes") {
      const m = plan.needle.length;
      let j = firstLine;
      findAll(bytes, plan.needle, plan.fold ? ASCII_FOLD : IDENTITY, (pos) => {
        while (j + 1 < endLine && starts[j + 1]! <= pos) j++;
        const lineStart = starts[j]!;
        if (kinds[j] === UTF8) {
          // columns count UTF-16 code units of the shown text
          const col = utf8.decode(bytes.subarray(lineStart, pos)).length;
          block.push(j, col, utf8.decode(bytes.subarray(pos, pos + m)).length);
        } else block.push(j, pos - lineStart, m);
      });
    } else {
      searchBatch(utf8.decode(bytes), firstLine, re, block);
    }
    // SLOW lines of this block (their shown bytes are empty), merged in line order
    let k = 0;
    while (s < slow.length && slow.data[s]! < endLine) {
      const line = slow.data[s++]!;
      if (line < firstLine) continue;
      while (k < block.count && block.lines.data[k]! < line) {
        out.push(block.lines.data[k]!, block.starts.data[k]!, block.lengths.data[k]!);
        k++;
      }
      const text = slowShown(index, line);
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex = m.index + 1;
          continue;
        }
        out.push(line, m.index, m[0].length);
      }
    }
    for (; k < block.count; k++) out.push(block.lines.data[k]!, block.starts.data[k]!, block.lengths.data[k]!);
    yield;
  }
  return searched;
}
