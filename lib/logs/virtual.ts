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
