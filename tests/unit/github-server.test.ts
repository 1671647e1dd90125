import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, sendJson } from "./fake-upstream";
import { octokitFor, tokenId } from "@/lib/github/server";
import { mapUpstreamError, toApiErrorInfo } from "@/lib/github/errors";

let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
const hits = new Map<string, number>();

beforeAll(async () => {
  upstream = await startFakeUpstream((req, res) => {
    const key = `${req.method} ${req.url}`;
    hits.set(key, (hits.get(key) ?? 0) + 1);
    if (req.url === "/api/v3/flaky" && (hits.get(key) ?? 0) < 2)
      return sendJson(res, 502, { message: "bad gateway" });
    if (req.url === "/api/v3/flaky") return sendJson(res, 200, { ok: true });
    if (req.url?.startsWith("/api/v3/repos/a/b/actions/runs/1/rerun"))
      return sendJson(res, 502, { message: "bad gateway" });
    sendJson(res, 404, { message: "Not Found" });
  });
});

afterAll(async () => {
  await upstream.close();
});

describe("server Octokit", () => {
  const ok = () => octokitFor("tok", { baseUrl: `${upstream.origin}/api/v3`, timing: { deadlineMs: 10_000, backoffBaseMs: 1, maxRetries: 3 } });

  it("retries idempotent requests", async () => {
    const res = await ok().request("GET /flaky");
    expect(res.status).toBe(200);
    expect(hits.get("GET /api/v3/flaky")).toBe(2);
  });

  it("never retries a write", async () => {
    const err = await ok()
      .request("POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun", { owner: "a", repo: "b", run_id: 1 })
      .catch((e: unknown) => e);
    expect(hits.get("POST /api/v3/repos/a/b/actions/runs/1/rerun")).toBe(1);
    const info = toApiErrorInfo(err);
    expect(info.status).toBe(502);
    expect(info.write_outcome).toBe("unknown");
  });

  it("maps a 404 RequestError", async () => {
    const err = await ok()
      .request("GET /repos/{owner}/{repo}", { owner: "a", repo: "zz" })
      .catch((e: unknown) => e);
    expect(toApiErrorInfo(err)).toMatchObject({ status: 404 });
  });

  it("keys throttling per token without exposing it", () => {
    expect(tokenId("a")).not.toBe(tokenId("b"));
    expect(tokenId("ghp_secret")).not.toContain("secret");
  });
});

describe("error mapping", () => {
  it("says which scope is missing, considering implied scopes", () => {
    const h = new Headers({ "x-accepted-oauth-scopes": "admin:org, read:org", "x-oauth-scopes": "repo" });
    const info = mapUpstreamError({ status: 403, headers: h, data: { message: "Forbidden" }, method: "GET" });
    expect(info.missing_scopes).toEqual(["admin:org", "read:org"]);
    const held = new Headers({ "x-accepted-oauth-scopes": "read:org", "x-oauth-scopes": "admin:org" });
    const role = mapUpstreamError({
      status: 403,
      headers: held,
      data: { message: "Must be an owner" },
      method: "GET",
    });
    expect(role.missing_scopes).toBeUndefined();
    expect(role.message).toMatch(/role/);
  });

  it("handles secondary rate limits with retry-after", () => {
    const info = mapUpstreamError({
      status: 403,
      headers: new Headers({ "retry-after": "30" }),
      data: { message: "You have exceeded a secondary rate limit" },
      method: "POST",
      now: Date.UTC(2026, 10, 20, 12, 0, 0),
    });
    expect(info.rate_limit_reset).toBe("2026-11-20T12:00:30.000Z");
    expect(info.write_outcome).toBe("not_applied");
  });

  it("reports an HTML 503 page on a write as unknown", () => {
    const info = mapUpstreamError({ status: 503, data: "<!DOCTYPE html><html>down</html>", method: "PUT" });
    expect(info.write_outcome).toBe("unknown");
    expect(info.message).toMatch(/error page/);
  });
});
