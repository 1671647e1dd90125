import { describe, expect, it } from "vitest";
import {
  buildPath,
  isDownloadRoute,
  matchRoute,
  pathToSegments,
  ROUTES,
  sanitizeQuery,
} from "@/lib/github/routes";

const seg = (p: string) => pathToSegments(p)!;

describe("route table", () => {
  it("holds the seed endpoints and the extras, without duplicates", () => {
    expect(new Set(ROUTES).size).toBe(ROUTES.length);
    expect(ROUTES).toContain("GET /repos/{owner}/{repo}/actions/runs");
    expect(ROUTES).toContain("POST /repos/{owner}/{repo}/actions/runs/{run_id}/force-cancel");
    expect(ROUTES).toContain("DELETE /orgs/{org}/actions/runners/{runner_id}/labels/{name}");
    expect(ROUTES.length).toBeGreaterThanOrEqual(74 + 9 + 17);
  });
});

describe("matchRoute", () => {
  it("matches templates and returns params", () => {
    const m = matchRoute("GET", seg("/repos/acme/web/actions/runs/123/jobs"));
    expect(m).toMatchObject({
      route: "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs",
      params: { owner: "acme", repo: "web", run_id: "123" },
    });
    expect(matchRoute("get", seg("/user"))?.route).toBe("GET /user");
  });

  it("matches HEAD as GET", () => {
    expect(matchRoute("HEAD", seg("/repos/acme/web/actions/jobs/1/logs"))).toMatchObject({
      method: "HEAD",
      route: "GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs",
    });
  });

  it("prefers literal segments over params", () => {
    expect(matchRoute("GET", seg("/orgs/acme/actions/runners/downloads"))?.route).toBe(
      "GET /orgs/{org}/actions/runners/downloads",
    );
    expect(matchRoute("GET", seg("/orgs/acme/actions/secrets/public-key"))?.route).toBe(
      "GET /orgs/{org}/actions/secrets/public-key",
    );
    expect(matchRoute("GET", seg("/orgs/acme/actions/secrets/MY_SECRET"))?.route).toBe(
      "GET /orgs/{org}/actions/secrets/{secret_name}",
    );
  });

  it("requires digits for numeric ids", () => {
    expect(matchRoute("GET", seg("/repos/acme/web/actions/runs/12a"))).toBeNull();
    expect(matchRoute("GET", seg("/repos/acme/web/actions/runs/-1"))).toBeNull();
    expect(matchRoute("GET", seg("/repos/acme/web/actions/runs/1e3"))).toBeNull();
    expect(matchRoute("DELETE", seg("/orgs/acme/actions/runners/abc"))).toBeNull();
  });

  it("accepts a workflow file name as workflow_id", () => {
    expect(
      matchRoute("POST", seg("/repos/acme/web/actions/workflows/deploy.yml/dispatches"))?.params.workflow_id,
    ).toBe("deploy.yml");
  });

  it("refuses unknown routes and wrong methods", () => {
    expect(matchRoute("GET", seg("/repos/acme/web/issues"))).toBeNull();
    expect(matchRoute("DELETE", seg("/repos/acme/web"))).toBeNull();
    expect(matchRoute("POST", seg("/user"))).toBeNull();
    expect(matchRoute("GET", seg("/admin/users"))).toBeNull();
    expect(matchRoute("GET", [])).toBeNull();
    expect(matchRoute("OPTIONS", seg("/user"))).toBeNull();
    expect(matchRoute("GET", seg("/user/"))).toBeNull();
  });

  it("refuses traversal and odd segments", () => {
    expect(matchRoute("GET", ["repos", "acme", "..", "actions", "runs"])).toBeNull();
    expect(matchRoute("GET", ["repos", "acme", ".", "actions", "runs"])).toBeNull();
    expect(matchRoute("GET", ["repos", "acme", "", "actions", "runs"])).toBeNull();
    expect(matchRoute("GET", ["repos", "acme", "web\\x", "actions", "runs"])).toBeNull();
    expect(matchRoute("GET", ["repos", "acme", "web\n", "actions", "runs"])).toBeNull();
    expect(matchRoute("GET", ["repos", "acme", "we\u0000b", "actions", "runs"])).toBeNull();
    // a decoded %2F
    expect(matchRoute("GET", seg("/repos/acme%2Fx/web/actions/runs"))).toBeNull();
    // double-encoded slash / dots survive one decode as text
    expect(matchRoute("GET", seg("/repos/acme%252Fx/web/actions/runs"))).toBeNull();
    expect(matchRoute("GET", ["repos", "acme", "web", "contents", "%2e%2e", "x"])).toBeNull();
    expect(matchRoute("GET", seg("/repos/acme/web/contents/a/../b"))).toBeNull();
    expect(matchRoute("GET", seg("/repos/acme/web/contents/a%2F..%2Fb"))).toBeNull();
  });

  it("lets {path} span several segments", () => {
    const m = matchRoute("GET", seg("/repos/acme/web/contents/.github/workflows/ci.yml"));
    expect(m?.route).toBe("GET /repos/{owner}/{repo}/contents/{path}");
    expect(m?.params.path).toBe(".github/workflows/ci.yml");
    expect(matchRoute("GET", seg("/repos/acme/web/contents"))).toBeNull();
  });

  it("validates owner, repo, secret and archive names", () => {
    expect(matchRoute("GET", seg("/repos/-acme/web/actions/runs"))).toBeNull();
    expect(matchRoute("GET", seg("/repos/acme/we b/actions/runs"))).toBeNull();
    expect(matchRoute("PUT", seg("/repos/acme/web/actions/secrets/BAD-NAME"))).toBeNull();
    expect(matchRoute("GET", seg("/repos/acme/web/actions/artifacts/5/tar"))).toBeNull();
    expect(matchRoute("GET", seg("/repos/acme/web/actions/artifacts/5/zip"))?.route).toBe(
      "GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}",
    );
  });
});

describe("buildPath", () => {
  it("encodes each param", () => {
    expect(
      buildPath("/repos/{owner}/{repo}/actions/workflows/{workflow_id}", {
        owner: "acme",
        repo: "web",
        workflow_id: "my flow.yml",
      }),
    ).toBe("/repos/acme/web/actions/workflows/my%20flow.yml");
    expect(
      buildPath("DELETE /orgs/{org}/actions/runners/{runner_id}/labels/{name}", {
        org: "acme",
        runner_id: 5,
        name: "gpu+x#y?",
      }),
    ).toBe("/orgs/acme/actions/runners/5/labels/gpu%2Bx%23y%3F");
  });

  it("encodes {path} segment by segment", () => {
    expect(
      buildPath("/repos/{owner}/{repo}/contents/{path}", {
        owner: "a",
        repo: "b",
        path: ".github/workflows/c i#.yml",
      }),
    ).toBe("/repos/a/b/contents/.github/workflows/c%20i%23.yml");
  });

  it("throws on missing or invalid params", () => {
    expect(() => buildPath("/repos/{owner}/{repo}", { owner: "a" })).toThrow(/missing/);
    expect(() => buildPath("/repos/{owner}/{repo}", { owner: "a", repo: ".." })).toThrow(/invalid/);
    expect(() => buildPath("/repos/{owner}/{repo}", { owner: "a/b", repo: "c" })).toThrow(/invalid/);
    expect(() =>
      buildPath("/repos/{owner}/{repo}/actions/runs/{run_id}", { owner: "a", repo: "c", run_id: "1/../2" }),
    ).toThrow(/invalid/);
    expect(() =>
      buildPath("/repos/{owner}/{repo}/contents/{path}", { owner: "a", repo: "c", path: "x/../../y" }),
    ).toThrow(/invalid/);
  });

  it("round-trips with matchRoute", () => {
    const m = matchRoute(
      "GET",
      seg(
        buildPath("/repos/{owner}/{repo}/contents/{path}", { owner: "a", repo: "b", path: "dir/fi le.yml" }),
      ),
    );
    expect(m?.params.path).toBe("dir/fi le.yml");
  });
});

describe("pathToSegments / sanitizeQuery / downloads", () => {
  it("decodes segments and refuses malformed encodings", () => {
    expect(pathToSegments("/a/b%20c?x=1")).toEqual(["a", "b c"]);
    expect(pathToSegments("/a/%E0%A4%A")).toBeNull();
  });

  it("keeps only allowlisted query params, re-encoded", () => {
    expect(sanitizeQuery("per_page=5&evil=1&branch=feat/x y&status=completed")).toBe(
      "?per_page=5&branch=feat%2Fx+y&status=completed",
    );
    expect(sanitizeQuery("access_token=abc")).toBe("");
    expect(sanitizeQuery(new URLSearchParams({ actor: "a\nb" }))).toBe("");
  });

  it("knows the download routes", () => {
    expect(isDownloadRoute("GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs")).toBe(true);
    expect(isDownloadRoute("GET /repos/{owner}/{repo}/actions/runs")).toBe(false);
  });
});

describe("file paths with encoded slashes", () => {
  it("accepts {path} sent as one segment with %2F (as Octokit sends it) and rejects traversal inside it", async () => {
    const { matchRoute, pathToSegments, buildPath } = await import("@/lib/github/routes");
    const ok = matchRoute("GET", pathToSegments("/repos/acme/web/contents/.github%2Fworkflows%2Fci.yml")!);
    expect(ok?.params.path).toBe(".github/workflows/ci.yml");
    expect(buildPath(ok!.template, ok!.params)).toBe("/repos/acme/web/contents/.github/workflows/ci.yml");
    expect(matchRoute("GET", pathToSegments("/repos/acme/web/contents/a%2F..%2F..%2Fuser")!)).toBeNull();
    // Slashes stay refused outside a file path.
    expect(matchRoute("GET", pathToSegments("/repos/acme%2Fweb/x/actions/runs")!)).toBeNull();
  });
});
