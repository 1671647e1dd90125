/**
 * The line index of a log, built in one pass over its raw bytes as they stream in: line start offsets
 * (Uint32Array), `##[group]`/`##[endgroup]` pairs, annotations (`##[error]`, `##[warning]`, `##[notice]`)
 * and step markers (the first lines of steps in GitHub's job logs, see steps.ts). The bytes are kept as
 * they came, in fixed-size blocks; text is decoded only for the lines asked for.
 * Pure (no DOM, no React): runs in the log worker and in unit tests.
 */

import { SLOW, appendShown, type ByteSink } from "./shown";

export const ANNOTATION_KINDS = ["error", "warning", "notice"] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

export type MarkerKind = "run" | "post" | "complete";

/** A growable typed array of unsigned 32-bit integers. */
export class U32List {
  data: Uint32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Uint32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** A copy holding exactly the values. */
  toArray(): Uint32Array {
    return this.data.slice(0, this.length);
  }
  get(i: number): number {
    return this.data[i] ?? 0;
  }
}

/** A growable array of bytes. */
export class U8List {
  data: Uint8Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Uint8Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint8Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/**
 * The shown text of lines [firstLine, firstLine + lines) as UTF-8, each line followed by "\n" (SLOW lines:
 * just the "\n"); `starts` (from LogIndex.shownStarts) gives each line's offset in `bytes`.
 */
export interface ShownBlock {
  bytes: Uint8Array;
  firstLine: number;
  lines: number;
}

const SHOWN_BLOCK = 1 << 20;

const BLOCK_BITS = 22; // 4 MiB blocks
const BLOCK = 1 << BLOCK_BITS;

const enc = new TextEncoder();
const bytesOf = (s: string) => enc.encode(s);
const GROUP = bytesOf("##[group]");
const ENDGROUP = bytesOf("##[endgroup]");
const ERROR = bytesOf("##[error]");
const WARNING = bytesOf("##[warning]");
const NOTICE = bytesOf("##[notice]");
const RUN = bytesOf("##[group]Run ");
const POST = bytesOf("Post job cleanup.");
const COMPLETE = bytesOf("Cleaning up orphan processes");

export interface IndexSnapshot {
  lineCount: number;
  byteLength: number;
  /** Group header lines and their `##[endgroup]` lines (end = lineCount when never closed). */
  groupStarts: Uint32Array;
  groupEnds: Uint32Array;
  /** Annotation lines in order, and their kinds (index into ANNOTATION_KINDS). */
  annotationLines: Uint32Array;
  annotationKinds: Uint8Array;
  /** Step marker lines, their kinds (0 run, 1 post, 2 complete) and their timestamps (seconds, or -1). */
  markerLines: Uint32Array;
  markerKinds: Uint8Array;
  markerSeconds: Float64Array;
}

export class LogIndex {
  private blocks: Uint8Array[] = [];
  /** Bytes stored. */
  byteLength = 0;
  /** Start offset of every line (line i: [starts[i], starts[i+1] - 1) without its "\n"). */
  readonly starts = new U32List(1 << 16);
  private lineOpen = false;
  /** The bytes of the line being received, when it spans pushes. */
  private pending: number[] = [];
  private groupStarts = new U32List();
  private groupEnds = new U32List();
  private openGroup = -1;
  private annotationLines = new U32List();
  private annotationKinds: number[] = [];
  private markerLines = new U32List();
  private markerKinds: number[] = [];
  private markerSeconds: number[] = [];
  private finished = false;
  /** Shown text (shown.ts) of the complete lines, in blocks of about SHOWN_BLOCK bytes. */
  private shownDone: ShownBlock[] = [];
  private shownSink: ByteSink = { buf: new Uint8Array(SHOWN_BLOCK), pos: 0 };
  private shownFirst = 0;
  /** Offset of each complete line's shown text in its block. */
  readonly shownStarts = new U32List(1 << 16);
  /** Each complete line's ShownKind. */
  readonly shownKinds = new U8List(1 << 16);
  /** The SLOW lines, in order. */
  readonly slowLines = new U32List(16);
  /** Whether the bytes so far end with "\n" (then the last indexed line is complete). */
  private endsWithNewline = false;

  /** Number of complete lines, plus the last one once finished (or while it is open). */
  get lineCount(): number {
    return this.starts.length;
  }

  get done(): boolean {
    return this.finished;
  }

  private store(chunk: Uint8Array): void {
    let off = 0;
    while (off < chunk.length) {
      const bi = this.byteLength >>> BLOCK_BITS;
      let block = this.blocks[bi];
      if (!block) {
        block = new Uint8Array(BLOCK);
        this.blocks.push(block);
      }
      const at = this.byteLength & (BLOCK - 1);
      const n = Math.min(BLOCK - at, chunk.length - off);
      block.set(chunk.subarray(off, off + n), at);
      off += n;
      this.byteLength += n;
    }
  }

  /** Adds bytes as they arrive. */
  push(chunk: Uint8Array): void {
    if (this.finished) throw new Error("the log is already complete");
    const base = this.byteLength;
    if (chunk.length === 0) return;
    this.store(chunk);
    this.endsWithNewline = chunk[chunk.length - 1] === 10;
    let pos = 0;
    if (base === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) pos = 3;
    while (pos < chunk.length) {
      if (!this.lineOpen) {
        this.starts.push(base + pos);
        this.lineOpen = true;
        if (this.pending.length) this.pending.length = 0;
      }
      const nl = chunk.indexOf(10, pos);
      const end = nl < 0 ? chunk.length : nl;
      if (nl < 0) {
        // keep the head of an unfinished line (enough to classify it)
        for (let i = pos; i < end && this.pending.length < 96; i++) this.pending.push(chunk[i]!);
        break;
      }
      if (this.pending.length) {
        for (let i = pos; i < end && this.pending.length < 96; i++) this.pending.push(chunk[i]!);
        this.classify(Uint8Array.from(this.pending), 0, this.pending.length);
        this.pending.length = 0;
      } else this.classify(chunk, pos, end);
      this.lineOpen = false;
      pos = nl + 1;
    }
  }

  /** The log is complete: the last line (if it had no "\n") is counted. */
  finish(): void {
    if (this.finished) return;
    if (this.lineOpen && this.pending.length) this.classify(Uint8Array.from(this.pending), 0, this.pending.length);
    this.lineOpen = false;
    this.finished = true;
  }

  /** Adds the shown text of the line just completed, b[start, end). */
  private shown(b: Uint8Array, start: number, end: number): void {
    let sink = this.shownSink;
    if (sink.pos > 0 && sink.pos + (end - start) + 1 > sink.buf.length) {
      this.shownDone.push({ bytes: sink.buf.subarray(0, sink.pos), firstLine: this.shownFirst, lines: this.shownStarts.length - this.shownFirst });
      this.shownFirst = this.shownStarts.length;
      sink = this.shownSink = { buf: new Uint8Array(Math.max(SHOWN_BLOCK, end - start + 1)), pos: 0 };
    }
    const line = this.shownStarts.length;
    this.shownStarts.push(sink.pos);
    const kind = appendShown(b, start, end, sink);
    this.shownKinds.push(kind);
    if (kind === SLOW) this.slowLines.push(line);
    if (sink.pos >= sink.buf.length) {
      const next = new Uint8Array(sink.buf.length + 1);
      next.set(sink.buf);
      sink.buf = next;
    }
    sink.buf[sink.pos++] = 10;
  }

  /** Number of lines whose shown text is known. */
  get shownLineCount(): number {
    return this.shownStarts.length;
  }

  /** Lines received whole (all of them once finished). */
  get completeLines(): number {
    return this.lineOpen && !this.finished ? this.starts.length - 1 : this.starts.length;
  }

  /** Bytes of the lines received whole: a download of a log still arriving ends at a line's end, never inside one. */
  get completeByteLength(): number {
    return this.lineOpen && !this.finished ? this.starts.get(this.starts.length - 1) : this.byteLength;
  }

  /** Whether every complete line's shown text is known (see buildShown). */
  get shownCaughtUp(): boolean {
    return this.shownStarts.length >= this.completeLines;
  }

  /**
   * Works out the shown text (for search) of complete lines not done yet, until `deadline`
   * (performance.now()); returns whether it caught up. Kept apart from `push` so that indexing a
   * streaming log is not slowed by it: the worker runs it between chunks and before a search.
   */
  buildShown(deadline = Infinity): boolean {
    const to = this.completeLines;
    const starts = this.starts;
    const lastEnd = this.byteLength - (this.endsWithNewline ? 1 : 0);
    for (let i = this.shownStarts.length; i < to; i++) {
      // (a trailing "\r" is left in: it is a control character, not shown)
      const a = starts.data[i]!;
      const b = i + 1 < starts.length ? starts.data[i + 1]! - 1 : lastEnd;
      const bi = a >>> BLOCK_BITS;
      if (b === a || bi === (b - 1) >>> BLOCK_BITS) {
        const at = a & (BLOCK - 1);
        this.shown(this.blocks[bi] ?? new Uint8Array(0), at, at + (b - a));
      } else this.shown(this.bytes(a, b), 0, b - a);
      if ((i & 1023) === 1023 && performance.now() > deadline) return this.shownCaughtUp;
    }
    return true;
  }

  /** The shown text of the complete lines so far, in blocks (the last one still growing: a view). */
  shownBlocks(): ShownBlock[] {
    const sink = this.shownSink;
    const open = this.shownStarts.length - this.shownFirst;
    return open > 0 ? [...this.shownDone, { bytes: sink.buf.subarray(0, sink.pos), firstLine: this.shownFirst, lines: open }] : [...this.shownDone];
  }

  private classify(b: Uint8Array, start: number, end: number): void {
    const line = this.starts.length - 1;
    let p = start;
    /** Where the timestamp is (its time is read only for step markers). */
    let stamp = -1;
    // 2026-11-20T17:42:40.1234567Z
    if (end - p >= 20 && b[p + 4] === 0x2d && b[p + 7] === 0x2d && b[p + 10] === 0x54) {
      let z = p + 19;
      const limit = Math.min(end, p + 32);
      while (z < limit && b[z] !== 0x5a) z++;
      if (z < limit) {
        stamp = p;
        p = z + 1;
        if (b[p] === 0x20) p++;
      }
    }

    if (b[p] === 0x23 && b[p + 1] === 0x23 && b[p + 2] === 0x5b) {
      if (has(b, p, end, GROUP)) {
        if (this.openGroup >= 0) this.groupEnds.push(line); // groups do not nest: a new one closes the last
        this.groupStarts.push(line);
        this.openGroup = line;
        if (has(b, p, end, RUN)) this.marker(line, 0, stamp < 0 ? -1 : secondsOf(b, stamp));
      } else if (has(b, p, end, ENDGROUP)) {
        if (this.openGroup >= 0) {
          this.groupEnds.push(line);
          this.openGroup = -1;
        }
      } else if (has(b, p, end, ERROR)) this.annotation(line, 0);
      else if (has(b, p, end, WARNING)) this.annotation(line, 1);
      else if (has(b, p, end, NOTICE)) this.annotation(line, 2);
    } else if (b[p] === 0x50 && has(b, p, end, POST)) this.marker(line, 1, stamp < 0 ? -1 : secondsOf(b, stamp));
    else if (b[p] === 0x43 && has(b, p, end, COMPLETE)) this.marker(line, 2, stamp < 0 ? -1 : secondsOf(b, stamp));
  }

  private annotation(line: number, kind: number) {
    this.annotationLines.push(line);
    this.annotationKinds.push(kind);
  }

  private marker(line: number, kind: number, seconds: number) {
    this.markerLines.push(line);
    this.markerKinds.push(kind);
    this.markerSeconds.push(seconds);
  }

  /** [start, end) byte range of line i, without its "\n" (and "\r"). */
  lineRange(i: number): [number, number] {
    const start = this.starts.get(i);
    let end = i + 1 < this.starts.length ? this.starts.get(i + 1) - 1 : this.byteLength - (this.endsWithNewline ? 1 : 0);
    if (end > start && this.byteAt(end - 1) === 13) end--;
    return [start, Math.max(start, end)];
  }

  private byteAt(off: number): number {
    return this.blocks[off >>> BLOCK_BITS]?.[off & (BLOCK - 1)] ?? 0;
  }

  /** The raw bytes [start, end) (a view when they sit in one block, else a copy). */
  bytes(start: number, end: number): Uint8Array {
    const b0 = start >>> BLOCK_BITS;
    const b1 = Math.max(start, end - 1) >>> BLOCK_BITS;
    if (b0 === b1) {
      const block = this.blocks[b0];
      if (!block) return new Uint8Array(0);
      return block.subarray(start & (BLOCK - 1), (start & (BLOCK - 1)) + (end - start));
    }
    const out = new Uint8Array(end - start);
    let off = start;
    while (off < end) {
      const block = this.blocks[off >>> BLOCK_BITS]!;
      const at = off & (BLOCK - 1);
      const n = Math.min(BLOCK - at, end - off);
      out.set(block.subarray(at, at + n), off - start);
      off += n;
    }
    return out;
  }

  /** Bytes of lines [from, to) including their newlines (except the last line's, if it has none). */
  linesBytes(from: number, to: number): Uint8Array {
    if (to <= from) return new Uint8Array(0);
    const start = this.starts.get(from);
    const end = to < this.starts.length ? this.starts.get(to) : this.byteLength;
    return this.bytes(start, end);
  }

  snapshot(): IndexSnapshot {
    const groupEnds = this.groupEnds.toArray();
    const groupStarts = this.groupStarts.toArray();
    let ends = groupEnds;
    if (groupStarts.length > groupEnds.length) {
      ends = new Uint32Array(groupStarts.length);
      ends.set(groupEnds);
      ends[groupStarts.length - 1] = this.lineCount;
    }
    return {
      lineCount: this.lineCount,
      byteLength: this.byteLength,
      groupStarts,
      groupEnds: ends,
      annotationLines: this.annotationLines.toArray(),
      annotationKinds: Uint8Array.from(this.annotationKinds),
      markerLines: this.markerLines.toArray(),
      markerKinds: Uint8Array.from(this.markerKinds),
      markerSeconds: Float64Array.from(this.markerSeconds),
    };
  }
}

function has(b: Uint8Array, p: number, end: number, word: Uint8Array): boolean {
  if (end - p < word.length) return false;
  for (let i = 0; i < word.length; i++) if (b[p + i] !== word[i]) return false;
  return true;
}

const d = (b: Uint8Array, i: number) => (b[i] ?? 48) - 48;

/** Seconds since the epoch of `YYYY-MM-DDTHH:MM:SS` at b[p]. */
function secondsOf(b: Uint8Array, p: number): number {
  const year = d(b, p) * 1000 + d(b, p + 1) * 100 + d(b, p + 2) * 10 + d(b, p + 3);
  const month = d(b, p + 5) * 10 + d(b, p + 6);
  const day = d(b, p + 8) * 10 + d(b, p + 9);
  const h = d(b, p + 11) * 10 + d(b, p + 12);
  const m = d(b, p + 14) * 10 + d(b, p + 15);
  const s = d(b, p + 17) * 10 + d(b, p + 18);
  return Date.UTC(year, month - 1, day, h, m, s) / 1000;
}
