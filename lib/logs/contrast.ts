/**
 * Log colours are chosen by whoever wrote the log; the viewer keeps their hue but makes sure text stays
 * readable (WCAG AA, 4.5:1) on the background it is shown on, by mixing towards white or black.
 */

/** The log area's background (dark, as GitHub's log viewer and most terminals). */
export const LOG_BACKGROUND = "#0d1117";
export const LOG_FOREGROUND = "#e6edf3";

type RGB = [number, number, number];

function parse(hex: string): RGB | null {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return null;
  const n = parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const hex = (c: RGB) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;

function luminance([r, g, b]: RGB): number {
  const f = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}

export function contrast(a: string, b: string): number {
  const ca = parse(a);
  const cb = parse(b);
  if (!ca || !cb) return 1;
  const la = luminance(ca);
  const lb = luminance(cb);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

const mix = (c: RGB, to: RGB, t: number): RGB => [c[0] + (to[0] - c[0]) * t, c[1] + (to[1] - c[1]) * t, c[2] + (to[2] - c[2]) * t];

const cache = new Map<string, string>();

/** `fg`, or the nearest colour of its hue with at least `min`:1 contrast against `bg`. */
export function readable(fg: string, bg: string = LOG_BACKGROUND, min = 5): string {
  const key = `${fg}|${bg}|${min}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let out = fg;
  const c = parse(fg);
  const b = parse(bg);
  if (c && b && contrast(fg, bg) < min) {
    const target: RGB = luminance(b) < 0.5 ? [255, 255, 255] : [0, 0, 0];
    for (let t = 0.05; t <= 1.0001; t += 0.05) {
      const candidate = hex(mix(c, target, t));
      out = candidate;
      if (contrast(candidate, bg) >= min) break;
    }
  }
  if (cache.size > 4096) cache.clear();
  cache.set(key, out);
  return out;
}

/** Text colour for a span with its own background and no colour of its own. */
export function textOn(bg: string): string {
  return contrast("#ffffff", bg) >= contrast("#000000", bg) ? "#ffffff" : "#000000";
}
