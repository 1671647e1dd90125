/**
 * The artifacts page's pure logic: sizes in words, totals, expiry, sorting, and the bulk
 * selections an admin reaches for ("every expired one", "everything over 50 MB").
 */

export interface ArtifactLike {
  id: number;
  name: string;
  size_in_bytes: number;
  expired: boolean;
  created_at: string | null;
  expires_at: string | null;
}

const UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

/** 1536 → "1.5 KB" (powers of 1024, as GitHub shows artifact sizes). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const text =
    unit === 0 ? String(value) : value >= 100 ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, "");
  return `${text} ${UNITS[unit] ?? "B"}`;
}

/** "50 MB", "1.5gb", "200k", "1024" → bytes; undefined when it is not a size. */
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(text);
  if (!m) return undefined;
  const power = ["", "k", "m", "g", "t"].indexOf((m[2] ?? "").toLowerCase());
  return Math.round(Number(m[1]) * 1024 ** power);
}

export function totalBytes(list: readonly ArtifactLike[]): number {
  return list.reduce((sum, a) => sum + a.size_in_bytes, 0);
}

/** Expired by GitHub's flag, or by its expiry date having passed since the list was fetched. */
export function isExpired(artifact: ArtifactLike, now: number = Date.now()): boolean {
  if (artifact.expired) return true;
  const at = artifact.expires_at ? Date.parse(artifact.expires_at) : Number.NaN;
  return Number.isFinite(at) && at <= now;
}

export type ArtifactSort = "size-desc" | "size-asc" | "age-desc" | "age-asc";

export const ARTIFACT_SORTS: Record<ArtifactSort, string> = {
  "age-asc": "Newest first",
  "age-desc": "Oldest first",
  "size-desc": "Largest first",
  "size-asc": "Smallest first",
};

export function parseArtifactSort(value: string | null | undefined): ArtifactSort {
  return value && value in ARTIFACT_SORTS ? (value as ArtifactSort) : "age-asc";
}

function createdMs(a: ArtifactLike): number {
  const ms = a.created_at ? Date.parse(a.created_at) : Number.NaN;
  return Number.isFinite(ms) ? ms : 0;
}

/** A sorted copy; ties broken by id (newest id first) so the order is stable. */
export function sortArtifacts<T extends ArtifactLike>(list: readonly T[], sort: ArtifactSort): T[] {
  const byId = (a: T, b: T) => b.id - a.id;
  const compare: Record<ArtifactSort, (a: T, b: T) => number> = {
    "size-desc": (a, b) => b.size_in_bytes - a.size_in_bytes || byId(a, b),
    "size-asc": (a, b) => a.size_in_bytes - b.size_in_bytes || byId(a, b),
    // "age-asc": youngest first (newest created first), "age-desc": oldest first.
    "age-asc": (a, b) => createdMs(b) - createdMs(a) || byId(a, b),
    "age-desc": (a, b) => createdMs(a) - createdMs(b) || -byId(a, b),
  };
  return [...list].sort(compare[sort]);
}

export function expiredIds(list: readonly ArtifactLike[], now: number = Date.now()): number[] {
  return list.filter((a) => isExpired(a, now)).map((a) => a.id);
}

export function overSizeIds(list: readonly ArtifactLike[], minBytes: number): number[] {
  return list.filter((a) => a.size_in_bytes > minBytes).map((a) => a.id);
}

/** Case-insensitive substring match on the artifact's name. */
export function filterByName<T extends ArtifactLike>(list: readonly T[], query: string): T[] {
  const q = query.trim().toLowerCase();
  return q ? list.filter((a) => a.name.toLowerCase().includes(q)) : [...list];
}
