/**
 * Dashboard paths ↔ GitHub web paths, and breadcrumbs, as pure functions (see DESIGN.md's URL map:
 * a dashboard link becomes a GitHub link by swapping the host).
 */

const STATIC_TOP = new Set(["login", "api", "organizations", "_next"]);

function segmentsOf(pathname: string): string[] {
  return pathname
    .split("?")[0]!
    .split("#")[0]!
    .split("/")
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

function encodePath(segments: readonly string[]): string {
  return `/${segments.map(encodeURIComponent).join("/")}`;
}

/**
 * The GitHub web URL for a dashboard path. Identical paths except:
 * `/` and `/login` → the GitHub home page; `/organizations/{org}` and `/organizations/{org}/actions` → `/{org}`
 * (GitHub's org page).
 * The hash (e.g. `#step:2:10` line links) is kept; the query string is not (filters differ).
 */
export function githubUrlFor(pathname: string, webUrl: string, hash = ""): string {
  const base = webUrl.replace(/\/+$/, "");
  const segments = segmentsOf(pathname);
  const first = segments[0];
  if (first === undefined || first === "login" || first === "api") return `${base}/`;
  // GitHub has no org-wide Actions page: the overview (/organizations/{org}/actions) opens the org's page there.
  if (first === "organizations" && (segments.length <= 2 || (segments.length === 3 && segments[2] === "actions"))) {
    return segments[1] ? `${base}${encodePath([segments[1]])}` : `${base}/`;
  }
  const safeHash = hash && /^#[\w:.-]*$/.test(hash) ? hash : "";
  return `${base}${encodePath(segments)}${safeHash}`;
}

export interface PathCrumb {
  label: string;
  href?: string | undefined;
}

const SECTION_LABELS: Record<string, string> = {
  actions: "Actions",
  settings: "Settings",
  runs: "Runs",
  workflows: "Workflows",
  runners: "Runners",
  "runner-groups": "Runner groups",
  secrets: "Secrets",
  job: "Job",
  attempts: "Attempts",
};

const CONTAINERS = new Set(["job", "attempts", "settings", "runs", "workflows", "secrets"]);

/** Breadcrumbs for a dashboard path. The last crumb is the current page (no link). */
export function breadcrumbsFor(pathname: string): PathCrumb[] {
  const segments = segmentsOf(pathname);
  const crumbs: PathCrumb[] = [{ label: "Home", href: "/" }];
  const first = segments[0];
  if (first === undefined) return [];
  if (first === "login" || first === "api") return [];

  let start: number;
  if (first === "organizations") {
    const org = segments[1];
    if (!org) return crumbs;
    crumbs.push({ label: org, href: encodePath(["organizations", org]) });
    start = 2;
  } else if (STATIC_TOP.has(first)) {
    return crumbs;
  } else {
    const owner = first;
    const repo = segments[1];
    // The owner may be a user or an organization; only organizations have a page here.
    crumbs.push({ label: owner });
    if (!repo) return crumbs;
    crumbs.push({ label: repo, href: encodePath([owner, repo]) });
    start = 2;
  }

  for (let i = start; i < segments.length; i++) {
    const segment = segments[i]!;
    const prev = segments[i - 1];
    const href = encodePath(segments.slice(0, i + 1));
    let label = SECTION_LABELS[segment] ?? segment;
    if (prev === "runs" && /^\d+$/.test(segment)) label = `Run #${segment}`;
    else if (prev === "job" && /^\d+$/.test(segment)) label = `Job ${segment}`;
    else if (prev === "attempts") label = `Attempt ${segment}`;
    else if (prev === "runner-groups") label = `Group ${segment}`;
    // Segments that are only containers here ("settings", "runs", "job", ...) have no page of their own.
    const linkable = !CONTAINERS.has(segment);
    crumbs.push({ label, href: linkable ? href : undefined });
  }
  const last = crumbs[crumbs.length - 1];
  if (last) last.href = undefined;
  return crumbs;
}
