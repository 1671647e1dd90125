/**
 * The secrets inventory: which repositories an org secret reaches, and the matrix of repository secret names ×
 * repositories with what stands out: a name most repositories have is **missing** where it is absent; a name
 * only one or a few have is **stray**; a repository secret named like an org secret **overrides** it there. Pure.
 */
import type { Visibility } from "./stuck";

export interface InventoryRepo {
  fullName: string;
  visibility: Visibility;
}

export interface OrgSecretInfo {
  name: string;
  visibility: string;
  updatedAt: string;
}

/** How many of `repos` an org secret reaches: all, the private and internal ones, or the selected ones. */
export function orgSecretReach(
  secret: Pick<OrgSecretInfo, "visibility">,
  repos: readonly InventoryRepo[],
  selected: readonly string[] | null,
): { count: number | null; repos: string[] | null } {
  if (secret.visibility === "all") return { count: repos.length, repos: null };
  if (secret.visibility === "private") return { count: repos.filter((r) => r.visibility !== "public").length, repos: null };
  if (selected === null) return { count: null, repos: null };
  return { count: selected.length, repos: [...selected].sort((a, b) => a.localeCompare(b)) };
}

export type CellState = "present" | "missing" | "stray" | "override" | "absent";

export interface MatrixColumn {
  name: string;
  /** Repositories (of those read) that have it. */
  count: number;
  kind: "common" | "stray" | "other";
  /** An org secret has the same name: the repository's value wins there. */
  overridesOrg: boolean;
}

export interface MatrixRow {
  repo: string;
  /** Names this repository has (as listed); null when its secrets could not be read. */
  names: ReadonlySet<string> | null;
  /** Cells that stand out (missing, stray or override). */
  flagged: number;
}

export interface SecretMatrix {
  columns: MatrixColumn[];
  rows: MatrixRow[];
  /** Repositories whose secrets were read. */
  read: number;
}

/**
 * A name is common when at least half the repositories read (and at least 2) have it; stray when it is not common
 * and at most max(1, 5 %) of them have it.
 */
export function classify(count: number, read: number): MatrixColumn["kind"] {
  if (read >= 2 && count >= 2 && count * 2 >= read) return "common";
  if (count <= Math.max(1, Math.floor(read * 0.05))) return "stray";
  return "other";
}

export function buildMatrix(
  repos: readonly { repo: string; names: readonly string[] | null }[],
  orgSecretNames: readonly string[],
): SecretMatrix {
  const counts = new Map<string, number>();
  let read = 0;
  for (const r of repos) {
    if (r.names === null) continue;
    read++;
    for (const n of new Set(r.names)) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  const org = new Set(orgSecretNames.map((n) => n.toUpperCase()));
  const columns: MatrixColumn[] = [...counts.entries()]
    .map(([name, count]) => ({ name, count, kind: classify(count, read), overridesOrg: org.has(name.toUpperCase()) }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const rows: MatrixRow[] = repos.map((r) => {
    const names = r.names === null ? null : new Set(r.names);
    let flagged = 0;
    if (names) for (const c of columns) if (cellState(c, names) !== "present" && cellState(c, names) !== "absent") flagged++;
    return { repo: r.repo, names, flagged };
  });
  return { columns, rows, read };
}

export function cellState(column: MatrixColumn, names: ReadonlySet<string> | null): CellState {
  if (names === null) return "absent";
  const has = names.has(column.name);
  if (!has) return column.kind === "common" ? "missing" : "absent";
  if (column.overridesOrg) return "override";
  return column.kind === "stray" ? "stray" : "present";
}
