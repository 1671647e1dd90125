/**
 * The fleet at a glance: runners by group and by label, counted as online (idle or busy) and offline, with
 * utilisation now (busy ÷ online). Pure.
 */

export interface FleetRunner {
  id: number;
  name: string;
  status: string;
  busy: boolean;
  labels: readonly string[];
  groupId: number | null;
}

export interface FleetCounts {
  total: number;
  online: number;
  idle: number;
  busy: number;
  offline: number;
  /** busy ÷ online, 0…1; null when no runner is online. */
  utilisation: number | null;
}

export function countRunners(runners: readonly FleetRunner[]): FleetCounts {
  let online = 0;
  let busy = 0;
  for (const r of runners) {
    if (r.status !== "online") continue;
    online++;
    if (r.busy) busy++;
  }
  return {
    total: runners.length,
    online,
    idle: online - busy,
    busy,
    offline: runners.length - online,
    utilisation: online > 0 ? busy / online : null,
  };
}

export interface FleetRow {
  key: string;
  name: string;
  counts: FleetCounts;
}

/** One row per group (every known group, even empty, then runners in unknown groups), Default first then by name. */
export function fleetByGroup(
  runners: readonly FleetRunner[],
  groups: readonly { id: number; name: string; default?: boolean }[],
): FleetRow[] {
  const rows: FleetRow[] = [];
  const sorted = [...groups].sort((a, b) => (a.default === b.default ? a.name.localeCompare(b.name) : a.default ? -1 : 1));
  const known = new Set<number>();
  for (const g of sorted) {
    known.add(g.id);
    rows.push({ key: `group-${g.id}`, name: g.name, counts: countRunners(runners.filter((r) => r.groupId === g.id)) });
  }
  const unknown = runners.filter((r) => r.groupId === null || !known.has(r.groupId));
  if (unknown.length > 0) rows.push({ key: "group-none", name: "No group shown", counts: countRunners(unknown) });
  return rows;
}

/** One row per label (case-insensitive; the most common spelling wins), busiest labels first. */
export function fleetByLabel(runners: readonly FleetRunner[]): FleetRow[] {
  const byLabel = new Map<string, { spellings: Map<string, number>; runners: FleetRunner[] }>();
  for (const r of runners) {
    const seen = new Set<string>();
    for (const label of r.labels) {
      const key = label.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      let entry = byLabel.get(key);
      if (!entry) {
        entry = { spellings: new Map(), runners: [] };
        byLabel.set(key, entry);
      }
      entry.spellings.set(label, (entry.spellings.get(label) ?? 0) + 1);
      entry.runners.push(r);
    }
  }
  const rows: FleetRow[] = [];
  for (const [key, entry] of byLabel) {
    const name = [...entry.spellings.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? key;
    rows.push({ key: `label-${key}`, name, counts: countRunners(entry.runners) });
  }
  return rows.sort((a, b) => b.counts.total - a.counts.total || a.name.localeCompare(b.name));
}

/** "67 %" or "—". */
export function formatUtilisation(value: number | null): string {
  return value === null ? "—" : `${Math.round(value * 100)} %`;
}
