/* eslint-disable @typescript-eslint/require-await -- mock fetch/request functions are async without awaiting */
import { describe, expect, it, vi } from "vitest";
import {
  ApiError,
  parseErrorBody,
  rateLimitResetDate,
  serializeApiError,
  deserializeApiError,
  toApiError,
} from "@/lib/client/api-error";
import { createEtagCache, createEtagFetch } from "@/lib/client/etag-fetch";
import { createBrowserOctokit, proxyBaseUrl } from "@/lib/client/octokit";
import { errorKind, formatRelative, formatUtcTime } from "@/components/shell/ErrorPanel";
import { itemsOf, nextPageUrl, paginateAll, type GitHubClient } from "@/lib/queries/client";
import { isActive, liveRefetchInterval, pollInterval } from "@/lib/queries/polling";
import { normalizeRunFilters, runKeys } from "@/lib/queries/runs";
import { shouldRetry } from "@/lib/queries/query-client";

function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { "content-type": "application/json", ...(init.headers ?? {}) },
  });
}

describe("ApiError", () => {
  it("parses the proxy's error body", () => {
    const body = parseErrorBody(
      {
        error: {
          status: 403,
          message: "needs admin:org",
          documentation_url: null,
          missing_scopes: ["admin:org"],
          accepted_scopes: ["admin:org"],
        },
      },
      500,
    );
    expect(body?.error.status).toBe(403);
    expect(body?.error.missing_scopes).toEqual(["admin:org"]);
    expect(parseErrorBody({ message: "raw GitHub" }, 404)).toBeUndefined();
  });
  it("converts an Octokit RequestError from the proxy", () => {
    const err = Object.assign(new Error("x"), {
      status: 404,
      request: { method: "GET" },
      response: {
        status: 404,
        headers: {},
        data: { error: { status: 404, message: "Not Found", documentation_url: null } },
      },
    });
    const apiError = toApiError(err);
    expect(apiError).toBeInstanceOf(ApiError);
    expect(apiError.status).toBe(404);
    expect(apiError.method).toBe("GET");
  });
  it("maps raw GitHub errors (server side) with scopes", () => {
    const err = Object.assign(new Error("x"), {
      status: 403,
      request: { method: "GET" },
      response: {
        status: 403,
        headers: { "x-accepted-oauth-scopes": "admin:org", "x-oauth-scopes": "repo, read:user" },
        data: { message: "Must have admin rights", documentation_url: "https://docs.github.com/rest" },
      },
    });
    const apiError = toApiError(err);
    expect(apiError.status).toBe(403);
    expect(apiError.body.error.missing_scopes).toEqual(["admin:org"]);
    expect(errorKind(apiError)).toBe("forbidden-scope");
  });
  it("classifies errors for the ErrorPanel", () => {
    const make = (status: number, extra = {}) =>
      new ApiError({ error: { status, message: "m", documentation_url: null, ...extra } });
    expect(errorKind(make(401))).toBe("unauthenticated");
    expect(errorKind(make(403))).toBe("forbidden-role");
    expect(errorKind(make(403, { rate_limit_reset: "2030-01-01T00:00:00Z" }))).toBe("rate-limited");
    expect(errorKind(make(404))).toBe("not-found");
    expect(errorKind(make(502))).toBe("server");
    expect(errorKind(make(0))).toBe("network");
  });
  it("round-trips through serialisation", () => {
    const e = new ApiError(
      {
        error: {
          status: 429,
          message: "slow down",
          documentation_url: null,
          rate_limit_reset: "2030-01-01T00:00:00.000Z",
        },
      },
      "post",
    );
    const back = deserializeApiError(
      JSON.parse(JSON.stringify(serializeApiError(e))) as ReturnType<typeof serializeApiError>,
    );
    expect(back.status).toBe(429);
    expect(back.method).toBe("POST");
    expect(rateLimitResetDate(back.body.error.rate_limit_reset)?.toISOString()).toBe(
      "2030-01-01T00:00:00.000Z",
    );
  });
  it("formats rate-limit times", () => {
    expect(rateLimitResetDate(1700000000)?.toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect(formatUtcTime(new Date("2030-01-01T10:20:30Z"))).toBe("10:20:30 UTC");
    const now = Date.parse("2030-01-01T10:00:00Z");
    expect(formatRelative(new Date("2030-01-01T10:03:00Z"), now)).toBe("in 3 minutes");
    expect(formatRelative(new Date("2030-01-01T10:00:30Z"), now)).toBe("in 30 seconds");
    expect(formatRelative(new Date("2030-01-01T09:00:00Z"), now)).toBe("now");
  });
  it("does not retry 4xx, nor the proxy's 5xx (it has retried already)", () => {
    expect(
      shouldRetry(0, new ApiError({ error: { status: 404, message: "", documentation_url: null } })),
    ).toBe(false);
    expect(
      shouldRetry(0, new ApiError({ error: { status: 502, message: "", documentation_url: null } })),
    ).toBe(false);
    expect(
      shouldRetry(0, new ApiError({ error: { status: 0, message: "", documentation_url: null } })),
    ).toBe(true);
    expect(shouldRetry(2, new Error("x"))).toBe(false);
  });
});

describe("createEtagFetch", () => {
  it("revalidates with If-None-Match and replays the body on 304", async () => {
    const seen: (string | null)[] = [];
    const base = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      const inm = new Headers(init?.headers).get("if-none-match");
      seen.push(inm);
      if (inm === '"v1"')
        return new Response(null, {
          status: 304,
          headers: { etag: '"v1"', "x-ratelimit-remaining": "4999" },
        });
      return json({ n: 1 }, { headers: { etag: '"v1"', "x-ratelimit-remaining": "4999" } });
    });
    const f = createEtagFetch(base);
    const first = await f("http://x/api/github/user");
    expect(await first.json()).toEqual({ n: 1 });
    const second = await f("http://x/api/github/user");
    expect(second.status).toBe(200);
    expect(second.headers.get("x-etag-cache")).toBe("revalidated");
    expect(await second.json()).toEqual({ n: 1 });
    expect(seen).toEqual([null, '"v1"']);
  });
  it("does not cache writes or errors, and forgets a path after a write", async () => {
    const cache = createEtagCache();
    let status = 200;
    const base = vi.fn(async () =>
      status === 200 ? json({ ok: true }, { headers: { etag: '"e"' } }) : json({ error: {} }, { status }),
    );
    const f = createEtagFetch(base, cache);
    await f("http://x/a");
    expect(cache.size).toBe(1);
    await f("http://x/a", { method: "POST" });
    expect(cache.size).toBe(0);
    await f("http://x/a");
    status = 500;
    await f("http://x/a");
    expect(cache.size).toBe(0);
  });
  it("evicts the least recently used entry", () => {
    const cache = createEtagCache(2);
    const entry = { etag: "e", body: "", status: 200, headers: [] as [string, string][] };
    cache.set("a", entry);
    cache.set("b", entry);
    cache.get("a");
    cache.set("c", entry);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
  });
});

describe("browser Octokit", () => {
  it("talks to the same-origin proxy and throws ApiError", async () => {
    const calls: string[] = [];
    const fetchImpl = vi.fn(async (url: string) => {
      calls.push(url);
      if (url.includes("/orgs/")) {
        return json(
          {
            error: {
              status: 403,
              message: "needs admin:org",
              documentation_url: null,
              missing_scopes: ["admin:org"],
            },
          },
          { status: 403 },
        );
      }
      return json({ login: "mona" });
    });
    const octokit = createBrowserOctokit("http://localhost:3000", fetchImpl as unknown as typeof fetch);
    expect(proxyBaseUrl("http://localhost:3000/")).toBe("http://localhost:3000/api/github");
    const { data } = await octokit.request("GET /user");
    expect(data.login).toBe("mona");
    expect(calls[0]).toBe("http://localhost:3000/api/github/user");
    await expect(
      octokit.request("GET /orgs/{org}/actions/permissions", { org: "acme" }),
    ).rejects.toMatchObject({
      name: "ApiError",
      status: 403,
      body: { error: { missing_scopes: ["admin:org"] } },
    });
  });
});

describe("pagination", () => {
  it("parses Link headers", () => {
    const link = '</api/github/user/repos?page=2>; rel="next", </api/github/user/repos?page=3>; rel="last"';
    expect(nextPageUrl(link)).toBe("/api/github/user/repos?page=2");
    expect(nextPageUrl('</x?page=1>; rel="prev"')).toBeUndefined();
    expect(nextPageUrl(undefined)).toBeUndefined();
  });
  it("pulls items out of envelopes", () => {
    expect(itemsOf([1, 2])).toEqual([1, 2]);
    expect(itemsOf({ total_count: 1, workflows: [3] }, "workflows")).toEqual([3]);
    expect(itemsOf({ total_count: 0 })).toEqual([]);
  });
  it("follows pages until there is no next link", async () => {
    const pages: number[] = [];
    const client = {
      request: vi.fn(async (_route: string, params: { page: number }) => {
        pages.push(params.page);
        const data = Array.from({ length: params.page < 3 ? 100 : 5 }, (_, i) => ({
          id: params.page * 1000 + i,
        }));
        return {
          data,
          headers: params.page < 3 ? { link: `</x?page=${params.page + 1}>; rel="next"` } : {},
          status: 200,
        };
      }),
    } as unknown as GitHubClient;
    const all = await paginateAll<{ id: number }>(client, "GET /user/repos");
    expect(all).toHaveLength(205);
    expect(pages).toEqual([1, 2, 3]);
  });
});

describe("polling", () => {
  it("polls only while something is active and the page is visible", () => {
    expect(isActive({ status: "in_progress" })).toBe(true);
    expect(isActive({ status: "completed" })).toBe(false);
    expect(pollInterval([{ status: "completed" }, { status: "queued" }], { visible: true })).toBe(5000);
    expect(pollInterval([{ status: "completed" }], { visible: true })).toBe(false);
    expect(pollInterval([{ status: "queued" }], { visible: false })).toBe(false);
    expect(pollInterval(undefined, { visible: true })).toBe(false);
  });
  it("liveRefetchInterval stops after an error", () => {
    const fn = liveRefetchInterval<{ runs: { status: string }[] }>((d) => d.runs, 1000);
    const query = (status: string, data?: unknown) =>
      ({ state: { status, data } }) as unknown as Parameters<typeof fn>[0];
    expect(fn(query("success", { runs: [{ status: "in_progress" }] }))).toBe(1000);
    expect(fn(query("success", { runs: [{ status: "completed" }] }))).toBe(false);
    expect(fn(query("error", { runs: [{ status: "in_progress" }] }))).toBe(false);
  });
  it("run keys go general → specific and ignore empty filters", () => {
    expect(runKeys.list("acme", "web", { branch: "", per_page: 10 })).toEqual([
      "repos",
      "acme",
      "web",
      "runs",
      "list",
      { per_page: 10 },
    ]);
    expect(runKeys.jobs("acme", "web", 5).slice(0, 4)).toEqual(runKeys.all("acme", "web"));
    expect(normalizeRunFilters({ status: undefined, actor: "mona" })).toEqual({ actor: "mona" });
  });
});
