/**
 * A raw log line's bytes → the UTF-8 bytes of the text the viewer shows for it (what search matches
 * against), at byte level, with no decoding: the same result as `stripAnsi(splitLine(decode(line)).body)`
 * (line.ts, ansi.ts) — a leading BOM, the timestamp, the command prefix (`##[group]`…), escape sequences
 * and control characters removed.
 *
 * Exact for every line it accepts. The few lines where working on bytes could differ from working on the
 * decoded text are refused (SLOW) and searched the slow way: an escape sequence swallowing a character
 * outside the BMP (a JavaScript regular expression takes only half of its surrogate pair), or invalid
 * UTF-8 in a line where bytes are removed (removing them could join the pieces of a broken sequence).
 */

/** Shown bytes are all ASCII (byte columns are text columns). */
export const ASCII = 0;
/** Shown bytes hold non-ASCII UTF-8 (text columns are found by decoding). */
export const UTF8 = 1;
/** Not converted: search this line from its decoded text. */
export const SLOW = 2;
export type ShownKind = typeof ASCII | typeof UTF8 | typeof SLOW;

const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;

const TS_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

/** End of `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z ?` at b[p], or p when there is none. */
export function afterTimestamp(b: Uint8Array, p: number, end: number): number {
  if (end - p < 20) return p;
  if (b[p + 4] !== 0x2d || b[p + 7] !== 0x2d || b[p + 10] !== 0x54 || b[p + 13] !== 0x3a || b[p + 16] !== 0x3a) return p;
  for (let k = 0; k < TS_DIGITS.length; k++) if (!isDigit(b[p + TS_DIGITS[k]!])) return p;
  let q = p + 19;
  if (b[q] === 0x2e) {
    let k = q + 1;
    while (k < end && isDigit(b[k])) k++;
    const digits = k - q - 1;
    if (digits < 1 || digits > 9 || k >= end || b[k] !== 0x5a) return p;
    q = k + 1;
  } else if (q < end && b[q] === 0x5a) q++;
  else return p;
  if (q < end && b[q] === 0x20) q++;
  return q;
}

const COMMANDS = ["group", "endgroup", "error", "warning", "notice", "debug", "command", "section"].map((w) =>
  Uint8Array.from(w, (ch) => ch.charCodeAt(0)),
);

/** End of `^##\[(group|endgroup|error|warning|notice|debug|command|section)\]` at b[p], or p. */
export function afterCommand(b: Uint8Array, p: number, end: number): number {
  if (end - p < 5 || b[p] !== 0x23 || b[p + 1] !== 0x23 || b[p + 2] !== 0x5b) return p;
  next: for (const w of COMMANDS) {
    const q = p + 3;
    if (q + w.length >= end) continue;
    for (let k = 0; k < w.length; k++) if (b[q + k] !== w[k]) continue next;
    if (b[q + w.length] === 0x5d) return q + w.length + 1;
  }
  return p;
}

/** Length of the valid UTF-8 sequence of a BMP character at b[i] (2 or 3), or 0 (invalid, or outside the BMP). */
function bmpCharLength(b: Uint8Array, i: number, end: number): number {
  const c = b[i]!;
  const c1 = i + 1 < end ? b[i + 1]! : 0;
  if (c >= 0xc2 && c <= 0xdf) return (c1 & 0xc0) === 0x80 ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const c2 = i + 2 < end ? b[i + 2]! : 0;
    const lo = c === 0xe0 ? 0xa0 : 0x80;
    const hi = c === 0xed ? 0x9f : 0xbf;
    return c1 >= lo && c1 <= hi && (c2 & 0xc0) === 0x80 ? 3 : 0;
  }
  return 0;
}

/** Whether b[start, end) is valid UTF-8. */
export function validUtf8(b: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = bmpCharLength(b, i, end);
    if (n) {
      i += n;
      continue;
    }
    // four bytes: F0 90-BF, F1-F3 80-BF, F4 80-8F, then two continuation bytes
    const c1 = i + 1 < end ? b[i + 1]! : 0;
    const c2 = i + 2 < end ? b[i + 2]! : 0;
    const c3 = i + 3 < end ? b[i + 3]! : 0;
    const lo = c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xf4 ? 0x8f : 0xbf;
    if (c < 0xf0 || c > 0xf4 || c1 < lo || c1 > hi || (c2 & 0xc0) !== 0x80 || (c3 & 0xc0) !== 0x80) return false;
    i += 4;
  }
  return true;
}

/** A growable byte buffer the shown bytes are written to. */
export interface ByteSink {
  buf: Uint8Array;
  pos: number;
}

export function ensure(sink: ByteSink, more: number): void {
  if (sink.pos + more <= sink.buf.length) return;
  const next = new Uint8Array(Math.max(sink.buf.length * 2, sink.pos + more));
  next.set(sink.buf.subarray(0, sink.pos));
  sink.buf = next;
}

/**
 * Appends the shown bytes of the raw line b[start, end) (no "\n") to `sink` and returns its kind. For a
 * SLOW line nothing is written.
 */
export function appendShown(b: Uint8Array, start: number, end: number, sink: ByteSink): ShownKind {
  let p = start;
  if (end - p >= 3 && b[p] === 0xef && b[p + 1] === 0xbb && b[p + 2] === 0xbf) p += 3;
  p = afterTimestamp(b, p, end);
  if (b[p] === 0x23) p = afterCommand(b, p, end);
  ensure(sink, end - p);
  const out = sink.buf;
  const begin = sink.pos;
  let o = begin;
  let high = false;
  let removed = false;
  let i = p;
  while (i < end) {
    const c = b[i]!;
    if (c >= 0x20 && c < 0x7f) {
      out[o++] = c;
      i++;
      continue;
    }
    if (c >= 0x80) {
      high = true;
      out[o++] = c;
      i++;
      continue;
    }
    if (c === 0x09) {
      out[o++] = c;
      i++;
      continue;
    }
    removed = true;
    if (c !== 0x1b) {
      i++; // a control character
      continue;
    }
    const n = i + 1 < end ? b[i + 1]! : -1;
    let j: number;
    if (n === 0x5b) {
      // CSI: parameters, intermediates, then any one character
      j = i + 2;
      while (j < end && b[j]! >= 0x30 && b[j]! <= 0x3f) j++;
      while (j < end && b[j]! >= 0x20 && b[j]! <= 0x2f) j++;
    } else if (n === 0x5d) {
      // OSC: up to BEL or ESC \ (dropped whole), else the rest of the line
      let k = i + 2;
      j = end;
      for (; k < end; k++) {
        if (b[k] === 0x07) {
          j = k + 1;
          break;
        }
        if (b[k] === 0x1b && k + 1 < end && b[k + 1] === 0x5c) {
          j = k + 2;
          break;
        }
      }
      i = j;
      continue;
    } else j = i + 1; // ESC + any one character
    if (j < end) {
      if (b[j]! < 0x80) j++;
      else {
        const len = bmpCharLength(b, j, end);
        if (!len) {
          sink.pos = begin;
          return SLOW;
        }
        j += len;
      }
    }
    i = j;
  }
  if (high && removed && !validUtf8(b, p, end)) {
    sink.pos = begin;
    return SLOW;
  }
  sink.pos = o;
  return high ? UTF8 : ASCII;
}
