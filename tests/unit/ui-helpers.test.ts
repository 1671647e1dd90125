import { describe, expect, it } from "vitest";
import { breadcrumbsFor, githubUrlFor } from "@/lib/client/paths";
import { filterSwitcherItems, orgHref, repoHref, type SwitcherItem } from "@/lib/client/switcher";
import {
  describeAllowedActions,
  describeEnabledRepositories,
  formatUtc,
  repoRole,
  workflowFile,
} from "@/lib/client/view";
import { loginHref } from "@/lib/client/return-to";
import { loginError } from "@/lib/client/login-messages";

describe("githubUrlFor", () => {
  const web = "https://ghes.example.com/";
  it("keeps the path (URLs mirror GitHub's)", () => {
    expect(githubUrlFor("/acme/web/actions/runs/42", web)).toBe(
      "https://ghes.example.com/acme/web/actions/runs/42",
    );
    expect(githubUrlFor("/organizations/acme/settings/actions/runners", web)).toBe(
      "https://ghes.example.com/organizations/acme/settings/actions/runners",
    );
  });
  it("maps home, login and the org overview", () => {
    expect(githubUrlFor("/", web)).toBe("https://ghes.example.com/");
    expect(githubUrlFor("/login", web)).toBe("https://ghes.example.com/");
    expect(githubUrlFor("/organizations/acme", web)).toBe("https://ghes.example.com/acme");
  });
  it("keeps line-link hashes but not arbitrary ones", () => {
    expect(githubUrlFor("/acme/web/actions/runs/1/job/2", web, "#step:3:10")).toBe(
      "https://ghes.example.com/acme/web/actions/runs/1/job/2#step:3:10",
    );
    expect(githubUrlFor("/acme/web", web, '#"><script>')).toBe("https://ghes.example.com/acme/web");
  });
  it("encodes segments", () => {
    expect(githubUrlFor("/acme/web/actions/workflows/my%20flow.yml", web)).toBe(
      "https://ghes.example.com/acme/web/actions/workflows/my%20flow.yml",
    );
  });
});

describe("breadcrumbsFor", () => {
  it("is empty on home and login", () => {
    expect(breadcrumbsFor("/")).toEqual([]);
    expect(breadcrumbsFor("/login")).toEqual([]);
  });
  it("builds repo crumbs with the last one unlinked", () => {
    expect(breadcrumbsFor("/acme/web/actions/runs/42")).toEqual([
      { label: "Home", href: "/" },
      { label: "acme" },
      { label: "web", href: "/acme/web" },
      { label: "Actions", href: "/acme/web/actions" },
      // /actions/runs is not a page (the runs list is /actions): no link.
      { label: "Runs", href: undefined },
      { label: "Run #42", href: undefined },
    ]);
  });
  it("links no container segment that has no page", () => {
    const crumbs = breadcrumbsFor("/organizations/acme/settings/secrets/actions");
    expect(crumbs.find((c) => c.label === "Settings")?.href).toBeUndefined();
    expect(crumbs.find((c) => c.label === "Secrets")?.href).toBeUndefined();
  });
  it("builds org crumbs", () => {
    const crumbs = breadcrumbsFor("/organizations/acme/settings/actions/runners");
    expect(crumbs.map((c) => c.label)).toEqual(["Home", "acme", "Settings", "Actions", "Runners"]);
    expect(crumbs[1]?.href).toBe("/organizations/acme");
    expect(crumbs.at(-1)?.href).toBeUndefined();
  });
  it("does not link container segments", () => {
    const crumbs = breadcrumbsFor("/acme/web/actions/runs/1/job/7");
    expect(crumbs.find((c) => c.label === "Job")?.href).toBeUndefined();
    expect(crumbs.at(-1)?.label).toBe("Job 7");
  });
});

describe("filterSwitcherItems", () => {
  const items: SwitcherItem[] = [
    { kind: "org", name: "acme", href: orgHref("acme") },
    { kind: "repo", name: "acme/api", href: repoHref("acme/api") },
    { kind: "repo", name: "acme/web", href: repoHref("acme/web"), detail: "Website" },
    { kind: "repo", name: "globex/webapp", href: repoHref("globex/webapp") },
  ];
  it("returns everything for an empty query", () => {
    expect(filterSwitcherItems(items, "  ")).toHaveLength(4);
  });
  it("matches every word, case-insensitively, best matches first", () => {
    expect(filterSwitcherItems(items, "WEB").map((i) => i.name)).toEqual(["acme/web", "globex/webapp"]);
    expect(filterSwitcherItems(items, "acme web").map((i) => i.name)).toEqual(["acme/web"]);
    expect(filterSwitcherItems(items, "website").map((i) => i.name)).toEqual(["acme/web"]);
  });
  it("builds hrefs from the URL map", () => {
    expect(orgHref("acme")).toBe("/organizations/acme");
    expect(repoHref("acme/web")).toBe("/acme/web");
  });
});

describe("view helpers", () => {
  it("repoRole picks the highest permission", () => {
    expect(repoRole({ admin: true, push: true, pull: true })).toBe("admin");
    expect(repoRole({ maintain: true, push: true })).toBe("maintain");
    expect(repoRole({ push: true, pull: true })).toBe("write");
    expect(repoRole({ triage: true, pull: true })).toBe("triage");
    expect(repoRole({ pull: true })).toBe("read");
    expect(repoRole(undefined)).toBe("read");
  });
  it("formats dates in UTC deterministically", () => {
    expect(formatUtc("2024-05-01T12:03:59Z")).toBe("2024-05-01 12:03 UTC");
    expect(formatUtc(null)).toBe("—");
    expect(formatUtc("nonsense")).toBe("—");
  });
  it("workflowFile takes the file name", () => {
    expect(workflowFile(".github/workflows/ci.yml")).toBe("ci.yml");
  });
  it("describes Actions permissions", () => {
    expect(describeEnabledRepositories("all")).toBe("All repositories");
    expect(describeAllowedActions("local_only")).toMatch(/Only actions/);
    expect(describeAllowedActions(undefined)).toMatch(/disabled/);
  });
});

describe("login helpers", () => {
  it("loginHref keeps a safe returnTo only", () => {
    expect(loginHref("/acme/web?x=1")).toBe("/login?returnTo=%2Facme%2Fweb%3Fx%3D1");
    expect(loginHref("https://evil.example/")).toBe("/login");
    expect(loginHref("//evil.example/")).toBe("/login");
    expect(loginHref("/", "expired")).toBe("/login?error=expired");
  });
  it("explains error codes", () => {
    expect(loginError("state")?.detail).toMatch(/state/);
    expect(loginError(undefined)).toBeUndefined();
    expect(loginError("weird")?.title).toBe("Sign-in failed");
  });
});
