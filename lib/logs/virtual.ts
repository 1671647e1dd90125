/**
 * Scroll geometry of a virtualized list whose natural height may exceed what a browser can lay out
 * (an element's height is capped near 16.7 million px in Chromium and Firefox): the content is at most
 * MAX_SCROLL_PX tall and a scroll position maps linearly to a fractional first row.
 */

export const MAX_SCROLL_PX = 8_000_000;

export interface ScrollGeometry {
  /** Height of the scrolled content (px). */
  contentHeight: number;
  /** Largest scrollTop. */
  maxScroll: number;
  /** Largest first row (so that the last rows fill the view). */
  maxTop: number;
  /** Whether the range is scaled (content shorter than rows × row height). */
  scaled: boolean;
}

export function scrollGeometry(rowCount: number, rowHeight: number, viewport: number): ScrollGeometry {
  const natural = rowCount * rowHeight;
  const contentHeight = Math.min(natural, MAX_SCROLL_PX);
  const maxScroll = Math.max(0, contentHeight - viewport);
  // unscaled, one row is exactly rowHeight px of scrolling
  const maxTop = Math.max(0, rowCount - viewport / rowHeight);
  return { contentHeight, maxScroll, maxTop: maxScroll > 0 ? maxTop : 0, scaled: natural > MAX_SCROLL_PX };
}

/** The (fractional) first row for a scroll position. */
export function topRowFor(scrollTop: number, g: ScrollGeometry): number {
  if (g.maxScroll <= 0) return 0;
  return Math.max(0, Math.min(g.maxTop, (scrollTop / g.maxScroll) * g.maxTop));
}

/** The scroll position showing `row` first. */
export function scrollTopFor(row: number, g: ScrollGeometry): number {
  if (g.maxTop <= 0) return 0;
  return Math.max(0, Math.min(g.maxScroll, (row / g.maxTop) * g.maxScroll));
}

/**
 * Rows of scroll range for `rowCount` rows when the rendered rows measure `renderedHeight` px: rows are
 * rowHeight tall by count, but some are taller (step headers, wrapped lines), so rows that fit the viewport
 * by count may not fit on screen; the overflow is then added as extra rows, so the end can be reached.
 * (Only while the rows fit by count: then all of them are rendered and measured.)
 */
export function scrollRowCount(rowCount: number, rowHeight: number, viewport: number, renderedHeight: number): number {
  if (scrollGeometry(rowCount, rowHeight, viewport).maxTop > 0 || renderedHeight <= viewport + 1) return rowCount;
  // as many rows as the rendered height takes at rowHeight each
  return Math.max(rowCount, Math.ceil(renderedHeight / rowHeight));
}
