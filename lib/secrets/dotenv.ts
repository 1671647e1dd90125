/**
 * Parses `.env` content the way `gh secret set -f` does (gh uses godotenv's Parse): blank lines and
 * `#` comment lines are skipped; an `export ` prefix is dropped; `KEY=value` or `KEY: value`;
 * unquoted values end at the line's end, lose a ` # comment` and surrounding spaces, and expand
 * `$VAR` / `${VAR}` from keys defined earlier in the file; single-quoted values are literal and may
 * span lines; double-quoted values may span lines, turn `\n` / `\r` into line breaks, drop other
 * backslash escapes and expand variables (`\$` keeps a literal `$`). A later duplicate wins.
 * Runs in the browser: the content is never sent anywhere.
 */

export interface DotenvEntry {
  /** The key as written (the secret name is checked and upper-cased separately). */
  key: string;
  value: string;
  /** 1-based line where the entry starts. */
  line: number;
}

export interface DotenvResult {
  entries: DotenvEntry[];
  /** Problems that stop the import (as gh stops at the first). */
  errors: { line: number; message: string }[];
  /** Things worth knowing that gh accepts silently (duplicates, undefined variables). */
  notes: { line: number; message: string }[];
}

/** Any whitespace, line breaks included (where a statement starts). */
const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
/** Whitespace within a line (godotenv's isSpace: no "\n"), around keys and values. */
const isInlineSpace = (c: string | undefined) => c !== undefined && c !== "\n" && /\s/.test(c);
const isLetterOrNumber = (c: string) => /[\p{L}\p{N}]/u.test(c);

function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") n++;
  return n;
}

const EXPAND = /(\\)?(\$)(\()?\{?([A-Z0-9_]+)?\}?/g;

function expandVariables(v: string, vars: Map<string, string>, missing: Set<string>): string {
  return v.replace(EXPAND, (match: string, escaped: string | undefined, _dollar: string, _paren: string | undefined, name: string | undefined) => {
    if (escaped === "\\") return match.slice(1);
    if (name) {
      const value = vars.get(name);
      if (value === undefined) missing.add(name);
      return value ?? "";
    }
    return match;
  });
}

function expandEscapes(v: string): string {
  const out = v.replace(/\\./g, (m) => (m === "\\n" ? "\n" : m === "\\r" ? "\r" : m));
  return out.replace(/\\([^$])/g, "$1");
}

export function parseDotenv(input: string): DotenvResult {
  const text = input.replace(/\r\n/g, "\n");
  const result: DotenvResult = { entries: [], errors: [], notes: [] };
  const vars = new Map<string, string>();
  const index = new Map<string, number>();
  let pos = 0;

  for (;;) {
    // Statement start: skip spaces, blank lines and comment lines.
    while (pos < text.length) {
      while (pos < text.length && isSpace(text[pos])) pos++;
      if (text[pos] !== "#") break;
      const nl = text.indexOf("\n", pos);
      pos = nl === -1 ? text.length : nl;
    }
    if (pos >= text.length) break;
    const start = pos;
    const line = lineAt(text, start);

    // Key: an optional `export ` prefix, then letters, digits, `.`, `_` up to `=` or `:`.
    if (text.startsWith("export", pos) && isInlineSpace(text[pos + 6])) {
      pos += 6;
      while (pos < text.length && isInlineSpace(text[pos])) pos++;
    }
    const keyStart = pos;
    let keyEnd = -1;
    for (; pos < text.length; pos++) {
      const c = text[pos]!;
      if (isInlineSpace(c)) continue;
      if (c === "=" || c === ":") {
        keyEnd = pos;
        break;
      }
      if (c === "_" || c === "." || isLetterOrNumber(c)) continue;
      result.errors.push({ line: lineAt(text, pos), message: `Unexpected character “${c}” in a variable name.` });
      return result;
    }
    if (keyEnd === -1) {
      result.errors.push({ line, message: "A line has no “=”: expected KEY=value." });
      return result;
    }
    const key = text.slice(keyStart, keyEnd).replace(/\s+$/, "");
    if (key.length === 0) {
      result.errors.push({ line, message: "A line starts with “=”: the variable name is missing." });
      return result;
    }
    pos = keyEnd + 1;
    while (pos < text.length && isInlineSpace(text[pos])) pos++;

    const missing = new Set<string>();
    let value: string;
    const quote = text[pos];
    if (quote === '"' || quote === "'") {
      let end = -1;
      for (let i = pos + 1; i < text.length; i++) {
        if (text[i] !== quote) continue;
        if (text[i - 1] === "\\") continue;
        end = i;
        break;
      }
      if (end === -1) {
        result.errors.push({ line: lineAt(text, pos), message: `The value of ${key} opens a ${quote === '"' ? "double" : "single"} quote that is never closed.` });
        return result;
      }
      let raw = text.slice(pos, end);
      while (raw.startsWith(quote)) raw = raw.slice(1);
      while (raw.endsWith(quote)) raw = raw.slice(0, -1);
      value = quote === '"' ? expandVariables(expandEscapes(raw), vars, missing) : raw;
      pos = end + 1;
    } else {
      let eol = text.indexOf("\n", pos);
      if (eol === -1) eol = text.length;
      const chars = [...text.slice(pos, eol)];
      let endOfVar = chars.length;
      for (let i = chars.length - 1; i > 0; i--) {
        if (chars[i] === "#" && isInlineSpace(chars[i - 1])) {
          endOfVar = i;
          break;
        }
      }
      value = expandVariables(chars.slice(0, endOfVar).join("").replace(/^[^\S\n]+|[^\S\n]+$/g, ""), vars, missing);
      pos = eol;
    }

    for (const name of missing) {
      result.notes.push({ line, message: `${key} refers to $${name}, which is not defined earlier in the file: it was replaced by nothing (as gh does).` });
    }
    const previous = index.get(key);
    if (previous !== undefined) {
      const old = result.entries[previous]!;
      result.notes.push({ line, message: `${key} is defined again (first on line ${old.line}); the last value is used.` });
      result.entries[previous] = { key, value, line };
    } else {
      index.set(key, result.entries.length);
      result.entries.push({ key, value, line });
    }
    vars.set(key, value);
  }
  return result;
}
