/** The runners table's filters, sorting and counts: pure, unit-tested, with the filters kept in the URL. */

export interface RunnerLabelView {
  id?: number | undefined;
  name: string;
  type?: "read-only" | "custom" | undefined;
}

export interface RunnerView {
  id: number;
  name: string;
  os: string;
  status: string;
  busy: boolean;
  labels: RunnerLabelView[];
  runner_group_id?: number | undefined;
  ephemeral?: boolean | undefined;
}

export type RunnerState = "busy" | "idle" | "offline";

export const SORT_KEYS = ["name", "state", "os", "group", "labels"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = "asc" | "desc";

export interface RunnerFilters {
  status?: "online" | "offline" | undefined;
  busy?: "busy" | "idle" | undefined;
  labels?: string[] | undefined;
  group?: number | undefined;
  q?: string | undefined;
  sort?: SortKey | undefined;
  dir?: SortDir | undefined;
}

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function getAll(source: ParamSource, name: string): string[] {
  if (source instanceof URLSearchParams) return source.getAll(name);
  const v = source[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

const first = (source: ParamSource, name: string) => getAll(source, name)[0];

/** Reads the filters from a query string; unknown values are ignored (a hand-edited link still opens). */
export function parseRunnerFilters(source: ParamSource): RunnerFilters {
  const f: RunnerFilters = {};
  const status = first(source, "status");
  if (status === "online" || status === "offline") f.status = status;
  const busy = first(source, "busy");
  if (busy === "busy" || busy === "idle") f.busy = busy;
  const labels = getAll(source, "label")
    .flatMap((l) => l.split(","))
    .map((l) => l.trim())
    .filter((l) => l !== "");
  if (labels.length > 0) f.labels = [...new Set(labels)];
  const group = first(source, "group");
  if (group !== undefined && /^\d+$/.test(group)) f.group = Number(group);
  const q = first(source, "q")?.trim();
  if (q) f.q = q;
  const sort = first(source, "sort");
  if (sort !== undefined && (SORT_KEYS as readonly string[]).includes(sort)) f.sort = sort as SortKey;
  const dir = first(source, "dir");
  if (dir === "asc" || dir === "desc") f.dir = dir;
  return f;
}

export type CountKey = "total" | "idle" | "busy" | "offline";

const COUNT_FILTERS: Record<CountKey, RunnerFilters> = {
  total: {},
  idle: { status: "online", busy: "idle" },
  busy: { busy: "busy" },
  offline: { status: "offline" },
};

/** The filters that show the runners one count counts (its link), keeping the order. */
export function countFilters(key: CountKey, current: RunnerFilters): RunnerFilters {
  const order = { ...(current.sort ? { sort: current.sort } : {}), ...(current.dir ? { dir: current.dir } : {}) };
  return { ...COUNT_FILTERS[key], ...order };
}

/** The query string for filters, in a stable order ("" when nothing is set). */
export function runnerFiltersToQuery(f: RunnerFilters): string {
  const p = new URLSearchParams();
  if (f.q) p.set("q", f.q);
  if (f.status) p.set("status", f.status);
  if (f.busy) p.set("busy", f.busy);
  for (const l of f.labels ?? []) p.append("label", l);
  if (f.group !== undefined) p.set("group", String(f.group));
  if (f.sort && f.sort !== "name") p.set("sort", f.sort);
  if (f.dir === "desc") p.set("dir", "desc");
  const s = p.toString();
  return s ? `?${s}` : "";
}

export function runnerState(r: Pick<RunnerView, "status" | "busy">): RunnerState {
  if (r.busy) return "busy";
  return r.status === "online" ? "idle" : "offline";
}

export function hasLabel(r: RunnerView, name: string): boolean {
  const n = name.toLowerCase();
  return r.labels.some((l) => l.name.toLowerCase() === n);
}

export function applyRunnerFilters(runners: readonly RunnerView[], f: RunnerFilters): RunnerView[] {
  const q = f.q?.toLowerCase();
  return runners.filter((r) => {
    if (f.status && r.status !== f.status) return false;
    if (f.busy === "busy" && !r.busy) return false;
    if (f.busy === "idle" && r.busy) return false;
    if (f.labels && !f.labels.every((l) => hasLabel(r, l))) return false;
    if (f.group !== undefined && r.runner_group_id !== f.group) return false;
    if (q && !r.name.toLowerCase().includes(q)) return false;
    return true;
  });
}

const STATE_ORDER: Record<RunnerState, number> = { busy: 0, idle: 1, offline: 2 };
const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export function sortRunners(
  runners: readonly RunnerView[],
  key: SortKey = "name",
  dir: SortDir = "asc",
  groupName: (id: number | undefined) => string = (id) => (id === undefined ? "" : String(id)),
): RunnerView[] {
  const sign = dir === "desc" ? -1 : 1;
  const cmp = (a: RunnerView, b: RunnerView): number => {
    switch (key) {
      case "state":
        return STATE_ORDER[runnerState(a)] - STATE_ORDER[runnerState(b)];
      case "os":
        return collator.compare(a.os, b.os);
      case "group":
        return collator.compare(groupName(a.runner_group_id), groupName(b.runner_group_id));
      case "labels":
        return a.labels.length - b.labels.length;
      case "name":
        return 0;
    }
  };
  return [...runners].sort((a, b) => sign * cmp(a, b) || sign * collator.compare(a.name, b.name) || a.id - b.id);
}

export interface RunnerCounts {
  total: number;
  idle: number;
  busy: number;
  offline: number;
}

export function runnerCounts(runners: readonly RunnerView[]): RunnerCounts {
  const c: RunnerCounts = { total: runners.length, idle: 0, busy: 0, offline: 0 };
  for (const r of runners) c[runnerState(r)]++;
  return c;
}

/** Every label name in the fleet (case-insensitively unique, first spelling), sorted. */
export function allLabels(runners: readonly RunnerView[]): string[] {
  const seen = new Map<string, string>();
  for (const r of runners) for (const l of r.labels) if (!seen.has(l.name.toLowerCase())) seen.set(l.name.toLowerCase(), l.name);
  return [...seen.values()].sort((a, b) => collator.compare(a, b));
}

/** Why a custom label name would be refused, or undefined when it is fine. */
export function labelProblem(name: string, existing: readonly RunnerLabelView[] = []): string | undefined {
  const n = name.trim();
  if (n === "") return "Enter a label name.";
  if (n.length > 256) return "A label can have at most 256 characters.";
  if (/[\s,]/.test(n)) return "A label cannot contain spaces or commas.";
  if (existing.some((l) => l.name.toLowerCase() === n.toLowerCase())) return `The runner already has the label “${n}”.`;
  return undefined;
}
