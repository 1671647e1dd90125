/**
 * ANSI escape sequences → styled text spans (never HTML). Handles SGR (16, 256 and 24-bit colours, bold,
 * dim, italic, underline, inverse reset codes) and OSC 8 hyperlinks, which become links only for http(s).
 * Every other escape sequence and C0 control character (except tab) is dropped, so a log line can never
 * move a cursor, set a title or smuggle markup: the spans are rendered as React text.
 */

export interface AnsiStyle {
  fg?: string | undefined;
  bg?: string | undefined;
  bold?: boolean | undefined;
  dim?: boolean | undefined;
  italic?: boolean | undefined;
  underline?: boolean | undefined;
}

export interface AnsiSpan extends AnsiStyle {
  text: string;
  /** Only ever an http: or https: URL. */
  href?: string | undefined;
}

/** The 16 basic colours (GitHub's dark terminal palette: the log is shown on a dark background). */
export const BASIC_COLORS: readonly string[] = [
  "#484f58", // black
  "#ff7b72", // red
  "#3fb950", // green
  "#d29922", // yellow
  "#58a6ff", // blue
  "#bc8cff", // magenta
  "#39c5cf", // cyan
  "#b1bac4", // white
  "#6e7681", // bright black
  "#ffa198", // bright red
  "#56d364", // bright green
  "#e3b341", // bright yellow
  "#79c0ff", // bright blue
  "#d2a8ff", // bright magenta
  "#56d4dd", // bright cyan
  "#ffffff", // bright white
];

const hex2 = (n: number) => n.toString(16).padStart(2, "0");
const rgb = (r: number, g: number, b: number) => `#${hex2(r)}${hex2(g)}${hex2(b)}`;

/** The xterm 256-colour palette entry `n` (0–255) as #rrggbb. */
export function color256(n: number): string {
  if (n < 16) return BASIC_COLORS[n] ?? BASIC_COLORS[7]!;
  if (n < 232) {
    const i = n - 16;
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    return rgb(level(Math.floor(i / 36)), level(Math.floor(i / 6) % 6), level(i % 6));
  }
  const v = 8 + (n - 232) * 10;
  return rgb(v, v, v);
}

/** An OSC 8 target that may become a link: absolute http(s) URLs only. */
export function safeHref(target: string): string | undefined {
  if (!/^https?:\/\//i.test(target)) return undefined;
  try {
    const url = new URL(target);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const MAX_PARAMS = 32;

const sgrNumber = (p: string | undefined) => (p === undefined || p === "" ? 0 : Math.min(Number(p), 1_000_000));

/**
 * SGR parameters as the `;` form applySgr reads. ITU T.416's colon form puts a colour's parts in one parameter:
 * `38:5:n`, `38:2:r:g:b`, or `38:2:<colour space>:r:g:b` (often with the space left empty, `38:2::r:g:b`);
 * splitting on `:` as if it were `;` would read the empty colour space as the red value. Other colon groups
 * (`4:3`, a curly underline) keep their meaning where there is one, and are dropped where there is not.
 */
function sgrParams(paramText: string): number[] {
  const out: number[] = [];
  for (const group of paramText.split(";")) {
    if (!group.includes(":")) {
      out.push(sgrNumber(group));
      continue;
    }
    const sub = group.split(":");
    const head = sgrNumber(sub[0]);
    if (head === 38 || head === 48 || head === 58) {
      const mode = sgrNumber(sub[1]);
      if (mode === 5) out.push(head, 5, sgrNumber(sub[2]));
      else if (mode === 2) out.push(head, 2, ...(sub.length >= 6 ? sub.slice(3, 6) : sub.slice(2, 5)).map(sgrNumber));
    } else if (head === 4) out.push(sgrNumber(sub[1]) === 0 ? 24 : 4);
    if (out.length >= MAX_PARAMS) break;
  }
  return out.slice(0, MAX_PARAMS);
}

function applySgr(params: number[], style: AnsiStyle): AnsiStyle {
  let s: AnsiStyle = { ...style };
  if (params.length === 0) params = [0];
  for (let i = 0; i < params.length; i++) {
    const p = params[i] ?? 0;
    if (p === 0) s = {};
    else if (p === 1) s.bold = true;
    else if (p === 2) s.dim = true;
    else if (p === 3) s.italic = true;
    else if (p === 4) s.underline = true;
    else if (p === 21 || p === 22) {
      s.bold = undefined;
      s.dim = undefined;
    } else if (p === 23) s.italic = undefined;
    else if (p === 24) s.underline = undefined;
    else if (p >= 30 && p <= 37) s.fg = BASIC_COLORS[p - 30];
    else if (p >= 90 && p <= 97) s.fg = BASIC_COLORS[p - 90 + 8];
    else if (p === 39) s.fg = undefined;
    else if (p >= 40 && p <= 47) s.bg = BASIC_COLORS[p - 40];
    else if (p >= 100 && p <= 107) s.bg = BASIC_COLORS[p - 100 + 8];
    else if (p === 49) s.bg = undefined;
    else if (p === 38 || p === 48 || p === 58) {
      const mode = params[i + 1];
      let color: string | undefined;
      if (mode === 5) {
        const n = params[i + 2];
        if (n !== undefined && n >= 0 && n <= 255) color = color256(n);
        i += 2;
      } else if (mode === 2) {
        const [r, g, b] = [params[i + 2], params[i + 3], params[i + 4]];
        if ([r, g, b].every((v) => v !== undefined && v >= 0 && v <= 255)) color = rgb(r!, g!, b!);
        i += 4;
      } else {
        // an unknown colour mode: the rest of this sequence cannot be interpreted safely
        break;
      }
      // 58 (underline colour) is read past, not shown
      if (color) {
        if (p === 38) s.fg = color;
        else if (p === 48) s.bg = color;
      }
    }
    // anything else (blink, inverse, fonts, ...) is ignored
  }
  return s;
}

const sameStyle = (a: AnsiStyle, b: AnsiStyle) =>
  a.fg === b.fg && a.bg === b.bg && !a.bold === !b.bold && !a.dim === !b.dim && !a.italic === !b.italic && !a.underline === !b.underline;

/** Parses one log line (no newline) into spans. Adjacent text with the same style and link is merged. */
export function parseAnsi(line: string): AnsiSpan[] {
  const spans: AnsiSpan[] = [];
  let style: AnsiStyle = {};
  let href: string | undefined;
  let text = "";
  const flush = () => {
    if (!text) return;
    const last = spans[spans.length - 1];
    if (last && last.href === href && sameStyle(last, style)) last.text += text;
    else spans.push({ text, ...style, ...(href ? { href } : {}) });
    text = "";
  };
  const n = line.length;
  let i = 0;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === 0x1b) {
      const next = line.charCodeAt(i + 1);
      if (next === 0x5b /* [ */) {
        // CSI: parameters 0x30–0x3f, intermediates 0x20–0x2f, final 0x40–0x7e
        let j = i + 2;
        while (j < n && line.charCodeAt(j) >= 0x30 && line.charCodeAt(j) <= 0x3f) j++;
        const paramText = line.slice(i + 2, j);
        while (j < n && line.charCodeAt(j) >= 0x20 && line.charCodeAt(j) <= 0x2f) j++;
        if (j >= n) {
          i = n; // unterminated: drop the rest of the sequence
          break;
        }
        const final = line.charCodeAt(j);
        if (final === 0x6d /* m */ && /^[\d;:]*$/.test(paramText)) {
          flush();
          style = applySgr(sgrParams(paramText), style);
        }
        i = j + 1;
        continue;
      }
      if (next === 0x5d /* ] */) {
        // OSC: up to BEL or ST (ESC \)
        let j = i + 2;
        let end = -1;
        let after = -1;
        while (j < n) {
          const d = line.charCodeAt(j);
          if (d === 0x07) {
            end = j;
            after = j + 1;
            break;
          }
          if (d === 0x1b && line.charCodeAt(j + 1) === 0x5c) {
            end = j;
            after = j + 2;
            break;
          }
          j++;
        }
        if (end < 0) {
          i = n; // unterminated OSC: drop it
          break;
        }
        const body = line.slice(i + 2, end);
        if (body.startsWith("8;")) {
          flush();
          const semi = body.indexOf(";", 2);
          const target = semi < 0 ? "" : body.slice(semi + 1);
          href = target ? safeHref(target) : undefined;
        }
        i = after;
        continue;
      }
      // any other escape: ESC + one character
      i += i + 1 < n ? 2 : 1;
      continue;
    }
    if (c < 0x20 && c !== 0x09) {
      i++; // C0 control characters (other than tab) are not shown
      continue;
    }
    if (c === 0x7f) {
      i++;
      continue;
    }
    // copy a run of plain characters at once
    let j = i + 1;
    while (j < n) {
      const d = line.charCodeAt(j);
      if (d === 0x1b || (d < 0x20 && d !== 0x09) || d === 0x7f) break;
      j++;
    }
    text += line.slice(i, j);
    i = j;
  }
  flush();
  return spans;
}

/**
 * Everything `parseAnsi` drops, as one regular expression that also works over many lines joined by "\n"
 * (an unterminated sequence ends at the end of its line). `text.replace(ANSI_RE, "")` equals the spans' text.
 */
// eslint-disable-next-line no-control-regex
export const ANSI_RE = /\x1b\[[0-?]*[ -/]*[^\n]?|\x1b\](?:[^\x07\n]*?(?:\x07|\x1b\\)|[^\n]*)|\x1b[^\n]?|[\x00-\x08\x0b-\x1f\x7f]/g;

/** The text `parseAnsi` shows for a line (the spans' text joined). */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_RE, "");
}
