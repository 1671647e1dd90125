"use client";

import { memo, type CSSProperties, type MouseEvent, type ReactNode } from "react";
import { parseAnsi, type AnsiSpan } from "@/lib/logs/ansi";
import { splitLine, type LineCommand } from "@/lib/logs/line";
import { readable, textOn } from "@/lib/logs/contrast";

export interface Highlight {
  start: number;
  end: number;
  current: boolean;
}

export interface LogLineProps {
  raw: string | undefined;
  /** 1-based line number within its step. */
  number: number;
  stepNumber: number;
  selected: boolean;
  highlights: readonly Highlight[];
  showTimestamp: boolean;
  formatTime: (ts: string) => string;
  wrap: boolean;
  /** For `##[group]` lines: whether the group is open, and how to toggle it. */
  group?: { open: boolean; onToggle: () => void } | undefined;
  onNumberClick: (e: MouseEvent<HTMLAnchorElement>) => void;
}

// The log area is dark in both colour schemes (as on GitHub): ANSI colours are made for dark terminals.
const COMMAND_CLASS: Partial<Record<LineCommand, string>> = {
  error: "bg-[#2d1618]",
  warning: "bg-[#2b2111]",
  notice: "bg-[#0c2135]",
};
const COMMAND_LABEL: Partial<Record<LineCommand, { text: string; className: string }>> = {
  error: { text: "Error:", className: "font-semibold text-[#ff7b72]" },
  warning: { text: "Warning:", className: "font-semibold text-[#e3b341]" },
  notice: { text: "Notice:", className: "font-semibold text-[#79c0ff]" },
  debug: { text: "Debug:", className: "font-semibold text-[#d2a8ff]" },
};

/** Inline styles for a span: the log's own colours, kept readable on the log's dark background. */
function spanStyle(s: AnsiSpan): CSSProperties | undefined {
  if (!s.fg && !s.bg && !s.bold && !s.italic && !s.underline) return undefined;
  const color = s.bg ? readable(s.fg ?? textOn(s.bg), s.bg, 4.6) : s.fg ? readable(s.fg, undefined, 5.6) : undefined;
  return {
    color,
    backgroundColor: s.bg,
    fontWeight: s.bold ? 700 : undefined,
    fontStyle: s.italic ? "italic" : undefined,
    textDecoration: s.underline ? "underline" : undefined,
  };
}

/** Spans with the search highlights cut in; text only (React escapes it), links only for http(s). */
function renderSpans(spans: AnsiSpan[], highlights: readonly Highlight[]): ReactNode[] {
  const out: ReactNode[] = [];
  let pos = 0;
  let key = 0;
  for (const s of spans) {
    const start = pos;
    const end = pos + s.text.length;
    pos = end;
    const pieces: ReactNode[] = [];
    let cursor = start;
    for (const h of highlights) {
      if (h.end <= cursor || h.start >= end) continue;
      const a = Math.max(h.start, cursor);
      const b = Math.min(h.end, end);
      if (a > cursor) pieces.push(s.text.slice(cursor - start, a - start));
      pieces.push(
        <mark
          key={`m${key++}`}
          data-current={h.current || undefined}
          className={h.current ? "rounded-sm bg-[#ffa657] text-black" : "rounded-sm bg-[#f2cc60] text-black"}
        >
          {s.text.slice(a - start, b - start)}
        </mark>,
      );
      cursor = b;
    }
    if (cursor < end) pieces.push(s.text.slice(cursor - start));
    const style = spanStyle(s);
    if (s.href) {
      out.push(
        <a key={key++} href={s.href} target="_blank" rel="noopener noreferrer nofollow" className="underline" style={style}>
          {pieces}
        </a>,
      );
    } else if (style) {
      out.push(
        <span key={key++} style={style}>
          {pieces}
        </span>,
      );
    } else out.push(...pieces);
  }
  return out;
}

/**
 * A `##[group]` line: the toggle is a button beside the title, named by it, not around it, because the title
 * may hold links (OSC 8) and a link inside a button is nested interactive content. A click on the title
 * (outside its links) folds too, as on GitHub; keyboard users have the button.
 */
function GroupHeader({ id, open, onToggle, children }: { id: string; open: boolean; onToggle: () => void; children: ReactNode }) {
  return (
    <>
      <button
        type="button"
        onClick={onToggle}
        aria-expanded={open}
        aria-labelledby={id}
        className="mr-1 inline-block w-3 text-[#e6edf3] hover:text-[#79c0ff]"
      >
        <span aria-hidden="true">{open ? "▾" : "▸"}</span>
      </button>
      <span
        id={id}
        className="cursor-pointer font-semibold text-[#e6edf3] hover:underline"
        onClick={(e) => {
          // not when following a link in the title or selecting its text
          if ((e.target as Element).closest("a") || !window.getSelection()?.isCollapsed) return;
          onToggle();
        }}
      >
        {children}
      </span>
    </>
  );
}

export const LogLine = memo(function LogLine(props: LogLineProps) {
  const { raw, number, stepNumber, selected, highlights, showTimestamp, formatTime, wrap, group, onNumberClick } = props;
  const parts = raw === undefined ? null : splitLine(raw);
  const command = parts?.command ?? null;
  const label = command ? COMMAND_LABEL[command] : undefined;
  const hash = `#step:${stepNumber}:${number}`;
  return (
    <div
      data-line={number}
      data-step={stepNumber}
      aria-current={selected || undefined}
      className={`flex min-h-5 items-start font-mono text-xs leading-5 ${selected ? "bg-[#2a2511] shadow-[inset_3px_0_0_#e3b341]" : command ? (COMMAND_CLASS[command] ?? "") : ""}`}
    >
      <a
        href={hash}
        id={`step-${stepNumber}-line-${number}`}
        onClick={onNumberClick}
        className={`w-16 shrink-0 select-none pr-3 text-right hover:text-[#79c0ff] hover:underline ${selected ? "text-[#e6edf3]" : "text-[#8b949e]"}`}
        aria-label={`Line ${number} of step ${stepNumber}`}
      >
        {number}
      </a>
      {showTimestamp ? (
        <span
          className={`w-28 shrink-0 select-none pr-2 ${selected ? "text-[#e6edf3]" : "text-[#8b949e]"}`}
          title={parts?.timestamp ?? undefined}
        >
          {parts?.timestamp ? formatTime(parts.timestamp) : ""}
        </span>
      ) : null}
      <span className={`min-w-0 flex-1 pr-4 ${wrap ? "whitespace-pre-wrap break-all" : "whitespace-pre"}`}>
        {group ? (
          <GroupHeader id={`step-${stepNumber}-group-${number}`} open={group.open} onToggle={group.onToggle}>
            {parts ? renderSpans(parseAnsi(parts.body), highlights) : null}
          </GroupHeader>
        ) : parts ? (
          <>
            {label ? <span className={`${label.className} mr-1`}>{label.text}</span> : null}
            {renderSpans(parseAnsi(parts.body), highlights)}
          </>
        ) : (
          <span className="text-[#8b949e]">…</span>
        )}
      </span>
    </div>
  );
});
