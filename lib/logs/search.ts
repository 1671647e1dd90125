/**
 * Search over a log's shown text (no timestamps, command prefixes or escape sequences: what the viewer
 * shows), a batch of lines at a time. Matches never span lines; empty matches are not counted.
 */
import { U32List } from "./indexer";

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
  const flags = options.caseSensitive ? "g" : "gi";
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
