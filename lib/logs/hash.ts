/** Line links in GitHub's form: `#step:{n}:{line}`, and ranges `#step:{n}:{from}-{to}` (1-based lines). */

export interface LineLink {
  step: number;
  from: number;
  to: number;
}

export function parseLineHash(hash: string): LineLink | null {
  const m = /^#?step:(\d{1,4}):(\d{1,9})(?:-(\d{1,9}))?$/.exec(hash.trim());
  if (!m) return null;
  const step = Number(m[1]);
  const a = Number(m[2]);
  const b = m[3] === undefined ? a : Number(m[3]);
  if (a < 1 || b < 1) return null;
  return { step, from: Math.min(a, b), to: Math.max(a, b) };
}

export function formatLineHash(link: LineLink): string {
  return link.from === link.to ? `#step:${link.step}:${link.from}` : `#step:${link.step}:${link.from}-${link.to}`;
}
