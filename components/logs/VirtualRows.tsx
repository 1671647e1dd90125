"use client";

import {
  forwardRef,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
  type WheelEvent,
} from "react";
import { scrollGeometry, scrollRowCount, topRowFor, scrollTopFor } from "@/lib/logs/virtual";

export const ROW_HEIGHT = 20;

export interface VirtualRowsHandle {
  /** Scrolls so that `row` is in view (centred when it was out of view). */
  scrollToRow: (row: number, align?: "center" | "start") => void;
  scrollToEnd: () => void;
  /** The first row in view. */
  topRow: () => number;
}

export interface VirtualRowsProps {
  rowCount: number;
  renderRow: (row: number) => ReactNode;
  /** Called with the rows about to be shown (to fetch their text). */
  onRange?: (from: number, to: number) => void;
  /** Keep the end in view as rows are added (following a running job), while the user is at the end. */
  follow?: boolean;
  /** Long lines wrap (else the rows scroll sideways). */
  wrap?: boolean;
  label: string;
  className?: string;
}

/**
 * A virtualized list with a scaled scroll range: the scroller's content is at most MAX_SCROLL_PX tall
 * (browsers cap an element's height near 16.7 million px) and its scroll position maps to a fractional
 * first row. Rows render in normal flow from that row down, so wrapped (taller) rows just show fewer rows;
 * at the very end the rows are laid out from the bottom so the last line is always reachable.
 * Wheel and keys move by rows (not by scaled pixels), so scrolling feels the same for 100 or 1,000,000 rows.
 */
export const VirtualRows = forwardRef<VirtualRowsHandle, VirtualRowsProps>(function VirtualRows(
  { rowCount, renderRow, onRange, follow = false, wrap = false, label, className },
  ref,
) {
  const scroller = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(600);
  const [top, setTop] = useState(0);
  const topRef = useRef(0);
  const expectedScrollTop = useRef<number | null>(null);
  const atEnd = useRef(false);

  const visible = Math.max(1, Math.ceil(height / ROW_HEIGHT));
  // rows that fit by count are measured: taller rows (step headers, wrapped lines) may not fit on screen
  const rowsBox = useRef<HTMLDivElement>(null);
  const [rowsHeight, setRowsHeight] = useState(0);
  const fitsByCount = scrollGeometry(rowCount, ROW_HEIGHT, height).maxTop === 0;
  const scrollRows = scrollRowCount(rowCount, ROW_HEIGHT, height, fitsByCount ? rowsHeight : 0);
  const geo = scrollGeometry(scrollRows, ROW_HEIGHT, height);

  useLayoutEffect(() => {
    const el = rowsBox.current;
    if (!el || !fitsByCount) return;
    const ro = new ResizeObserver(() => setRowsHeight(el.offsetHeight));
    ro.observe(el);
    setRowsHeight(el.offsetHeight);
    return () => ro.disconnect();
  }, [fitsByCount]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  const apply = useCallback(
    (row: number) => {
      const clamped = Math.max(0, Math.min(geo.maxTop, row));
      topRef.current = clamped;
      atEnd.current = clamped >= geo.maxTop - 0.001;
      setTop(clamped);
      const el = scroller.current;
      if (el) {
        const st = scrollTopFor(clamped, geo);
        expectedScrollTop.current = st;
        el.scrollTop = st;
      }
    },
    [geo],
  );

  // keep the position meaningful when the row count changes (folding, streaming)
  useEffect(() => {
    if (follow && atEnd.current) apply(geo.maxTop);
    else if (topRef.current > geo.maxTop) apply(geo.maxTop);
    else apply(topRef.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rowCount, height, scrollRows]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const expected = expectedScrollTop.current;
    if (expected !== null && Math.abs(el.scrollTop - expected) < 2) return; // our own move (kept exact)
    expectedScrollTop.current = null;
    const row = topRowFor(el.scrollTop, geo);
    topRef.current = row;
    atEnd.current = el.scrollTop >= geo.maxScroll - 1;
    setTop(row);
  };

  const onWheel = (e: WheelEvent<HTMLDivElement>) => {
    if (e.ctrlKey || Math.abs(e.deltaY) < Math.abs(e.deltaX)) return;
    const rows = e.deltaMode === 1 ? e.deltaY : e.deltaMode === 2 ? e.deltaY * visible : e.deltaY / ROW_HEIGHT;
    const next = Math.max(0, Math.min(geo.maxTop, topRef.current + rows));
    if (next === topRef.current) return;
    e.preventDefault();
    apply(next);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const moves: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: visible - 1,
      PageUp: -(visible - 1),
      " ": e.shiftKey ? -(visible - 1) : visible - 1,
    };
    if (e.key === "Home") apply(0);
    else if (e.key === "End") apply(geo.maxTop);
    else if (moves[e.key] !== undefined) apply(topRef.current + moves[e.key]!);
    else return;
    e.preventDefault();
  };

  useImperativeHandle(
    ref,
    () => ({
      scrollToRow(row, align = "center") {
        const first = topRef.current;
        if (align === "center") {
          if (row >= first && row < first + visible - 1) return;
          apply(row - Math.floor(visible / 3));
        } else apply(row);
      },
      scrollToEnd() {
        apply(geo.maxTop);
      },
      topRow: () => topRef.current,
    }),
    [apply, geo.maxTop, visible],
  );

  const endMode = rowCount > 0 && top >= geo.maxTop - 0.001 && geo.maxTop > 0;
  const first = endMode ? Math.max(0, rowCount - visible - 2) : Math.floor(top);
  const last = endMode ? rowCount : Math.min(rowCount, first + visible + 2);
  const offset = endMode ? 0 : (top - first) * ROW_HEIGHT;

  useEffect(() => {
    onRange?.(first, last);
  }, [first, last, onRange]);

  const rows: ReactNode[] = [];
  for (let r = first; r < last; r++) rows.push(renderRow(r));

  return (
    <div
      ref={scroller}
      onScroll={onScroll}
      onWheel={onWheel}
      onKeyDown={onKeyDown}
      tabIndex={0}
      role="region"
      aria-label={label}
      className={`relative overflow-y-auto overflow-x-hidden outline-none focus-visible:ring-2 focus-visible:ring-blue-600 ${className ?? ""}`}
      data-rows={rowCount}
      data-top-row={Math.floor(top)}
    >
      <div style={{ height: Math.max(geo.contentHeight, height) }} className="relative">
        <div className="sticky top-0 overflow-x-auto overflow-y-hidden" style={{ height }}>
          <div
            ref={rowsBox}
            className={`absolute left-0 min-w-full ${wrap ? "right-0" : "w-max"} ${endMode ? "bottom-0" : "top-0"}`}
            style={endMode ? undefined : { transform: `translateY(${-offset}px)` }}
          >
            {rows}
          </div>
        </div>
      </div>
    </div>
  );
});
