/** Where runners live: an organization or a repository. Paths for the dashboard, the API and GitHub's web UI. */

export type RunnerScope = { kind: "org"; org: string } | { kind: "repo"; owner: string; repo: string };

const enc = encodeURIComponent;

export function orgScope(org: string): RunnerScope {
  return { kind: "org", org };
}

/** The dashboard's runners page for the scope (GitHub's own path). */
export function runnersPath(scope: RunnerScope): string {
  return scope.kind === "org"
    ? `/organizations/${enc(scope.org)}/settings/actions/runners`
    : `/${enc(scope.owner)}/${enc(scope.repo)}/settings/actions/runners`;
}

/** The API prefix template: "/orgs/{org}" or "/repos/{owner}/{repo}". */
export function apiPrefix(scope: RunnerScope): string {
  return scope.kind === "org" ? "/orgs/{org}" : "/repos/{owner}/{repo}";
}

export function apiParams(scope: RunnerScope): Record<string, string> {
  return scope.kind === "org" ? { org: scope.org } : { owner: scope.owner, repo: scope.repo };
}

/** The URL `config.sh --url` wants: the web URL of the organization or repository. */
export function scopeWebUrl(scope: RunnerScope, webUrl: string): string {
  const base = webUrl.replace(/\/+$/, "");
  return scope.kind === "org" ? `${base}/${scope.org}` : `${base}/${scope.owner}/${scope.repo}`;
}

export function scopeLabel(scope: RunnerScope): string {
  return scope.kind === "org" ? scope.org : `${scope.owner}/${scope.repo}`;
}

/** A stable key fragment for TanStack Query. */
export function scopeKey(scope: RunnerScope): readonly string[] {
  return scope.kind === "org" ? ["org", scope.org] : ["repo", scope.owner, scope.repo];
}
