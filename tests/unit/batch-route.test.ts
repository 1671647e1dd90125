// The batch route (POST /api/github-batch) against the in-process simulator: the same answers as the proxy, item by
// item, as NDJSON lines; ETags; at most 10 upstream requests in flight per token across concurrent batches; refusals
// (outside the table, downloads, non-GET, over-size, no session, cross-origin) with nothing upstream.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { BatchLine } from "@/lib/github/batch-protocol";
import { APP, HUBOT, MONA, RESPONSE_HEADERS, nextParams, signIn, startSecurityEnv, type SecurityEnv } from "../security/setup";

let env: SecurityEnv;
let batch: typeof import("@/app/api/github-batch/route");
let proxy: typeof import("@/app/api/github/[...path]/route");

beforeAll(async () => {
  env = await startSecurityEnv();
  batch = await import("@/app/api/github-batch/route");
  proxy = await import("@/app/api/github/[...path]/route");
}, 60_000);

afterAll(async () => {
  await env?.close();
});

afterEach(() => {
  env.started.sim.faults.latencyMs = 0;
  vi.restoreAllMocks();
});

type Item = { id: string; path: string; etag?: string; priority?: number; method?: string };

function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return batch.POST(
    new Request(`${APP}/api/github-batch`, {
      method: "POST",
      headers: { cookie: env.cookie, origin: APP, "sec-fetch-site": "same-origin", "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

async function lines(res: Response): Promise<BatchLine[]> {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
  const text = await res.text();
  expect(text.endsWith("\n")).toBe(true);
  return text
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as BatchLine);
}

const byId = (ls: BatchLine[]) => new Map(ls.map((l) => [l.id, l]));

async function viaProxy(path: string, headers: Record<string, string> = {}) {
  const res = await proxy.GET(new Request(`${APP}/api/github${path}`, { headers: { cookie: env.cookie, ...headers } }), nextParams(path));
  return { status: res.status, headers: res.headers, body: res.status === 304 ? undefined : ((await res.json()) as unknown) };
}

describe("the batch route", () => {
  it("answers every item with the proxy's status, headers and JSON body", async () => {
    const items: Item[] = [
      { id: "runs", path: "/repos/acme/web/actions/runs?per_page=2" },
      { id: "runners", path: "/orgs/acme/actions/runners?per_page=100" },
      { id: "user", path: "/user" },
      { id: "missing", path: "/repos/acme/no-such-repo/actions/runs" },
      { id: "file", path: "/repos/acme/web/contents/.github%2Fworkflows%2Fci.yml" },
    ];
    const got = byId(await lines(await post({ requests: items })));
    expect([...got.keys()].sort()).toEqual(items.map((i) => i.id).sort());
    for (const item of items) {
      const line = got.get(item.id)!;
      const direct = await viaProxy(item.path);
      expect(line.status, item.id).toBe(direct.status);
      expect(line.body, item.id).toEqual(direct.body);
      for (const name of ["etag", "link", "content-type", "x-ratelimit-limit", "x-ratelimit-resource"])
        expect(line.headers[name], `${item.id} ${name}`).toBe(direct.headers.get(name) ?? undefined);
      for (const name of Object.keys(line.headers)) expect(RESPONSE_HEADERS.has(name), name).toBe(true);
    }
    expect(got.get("runs")!.headers.link).toMatch(/^<\/api\/github\/repos\/acme\/web\/actions\/runs\?per_page=2&page=2>; rel="next"/);
    expect((got.get("user")!.body as { login: string }).login).toBe("mona");
    expect(got.get("missing")!.status).toBe(404);
    expect(got.get("missing")!.body).toMatchObject({ error: { status: 404 } });
  });

  it("passes an item's etag as If-None-Match: 304 with its headers and no body", async () => {
    const path = "/repos/acme/web/actions/runs?per_page=2";
    const [first] = await lines(await post({ requests: [{ id: "a", path }] }));
    const etag = first!.headers.etag!;
    expect(etag).toMatch(/^(W\/)?"/);
    const log = env.started.sim.requestLog;
    log.length = 0;
    const [again] = await lines(await post({ requests: [{ id: "a", path, etag }] }));
    expect(again).toMatchObject({ id: "a", status: 304 });
    expect(again!.body).toBeUndefined();
    expect(again!.headers.etag).toBe(etag);
    expect(again!.headers["content-type"]).toBeUndefined();
    expect(log.map((l) => [l.status, l.headers["if-none-match"]])).toEqual([[304, etag]]);
    // a malformed etag is not forwarded (as the proxy does with the header): a full answer
    log.length = 0;
    const [bad] = await lines(await post({ requests: [{ id: "a", path, etag: "not an etag\r\nx: y" }] }));
    expect(bad!.status).toBe(200);
    expect(log[0]!.headers["if-none-match"]).toBeUndefined();
  });

  it("keeps at most 10 requests in flight upstream per token across two concurrent batches, and answers as they finish", async () => {
    env.started.sim.faults.latencyMs = 100;
    const api = `${env.started.url}/api/v3/`;
    const original = globalThis.fetch;
    const inFlight = new Map<string, number>();
    const peak = new Map<string, number>();
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      const auth = new Headers(init?.headers).get("authorization") ?? "";
      if (!url.startsWith(api)) return original(input, init);
      inFlight.set(auth, (inFlight.get(auth) ?? 0) + 1);
      peak.set(auth, Math.max(peak.get(auth) ?? 0, inFlight.get(auth)!));
      try {
        return await original(input, init);
      } finally {
        inFlight.set(auth, inFlight.get(auth)! - 1);
      }
    });
    const items = (prefix: string): Item[] =>
      Array.from({ length: 30 }, (_, i) => ({ id: `${prefix}${i}`, path: `/repos/acme/web/actions/runs?per_page=1&page=${i + 1}` }));
    const started = Date.now();
    const [a, b] = await Promise.all([post({ requests: items("a") }), post({ requests: items("b") })]);
    // The first line of a batch arrives long before the batch is done.
    const reader = a.body!.getReader();
    const firstChunk = await reader.read();
    const firstAt = Date.now() - started;
    let rest = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    const aLines = (new TextDecoder().decode(firstChunk.value) + rest).trimEnd().split("\n");
    const bLines = await lines(b);
    const elapsed = Date.now() - started;
    expect(aLines).toHaveLength(30);
    expect(bLines).toHaveLength(30);
    expect(peak.get(`token ${MONA}`)).toBe(10);
    // 60 requests, 10 at a time, 100 ms each: at least 6 rounds.
    expect(elapsed).toBeGreaterThanOrEqual(550);
    expect(firstAt).toBeLessThan(elapsed - 200);
  }, 30_000);

  it("lets live (priority 1) items start before background ones waiting for the same token", async () => {
    env.started.sim.faults.latencyMs = 50;
    const log = env.started.sim.requestLog;
    log.length = 0;
    const background = post({
      requests: Array.from({ length: 20 }, (_, i) => ({ id: `bg${i}`, path: `/repos/acme/web/actions/runs?per_page=1&page=${i + 1}`, priority: 0 })),
    });
    // sent while the background batch holds all 10 slots and has 10 waiting
    await new Promise((r) => setTimeout(r, 20));
    const live = await lines(await post({ requests: [{ id: "live", path: "/orgs/acme/actions/runners", priority: 1 }] }));
    await lines(await background);
    expect(live[0]!.status).toBe(200);
    const order = log.map((l) => l.url);
    const liveAt = order.findIndex((u) => u.startsWith("/api/v3/orgs/acme/actions/runners"));
    // it ran in the second round (finished among the first 20), not after the 20 background ones
    expect(liveAt).toBeGreaterThanOrEqual(0);
    expect(liveAt).toBeLessThan(20);
  }, 30_000);

  it("refuses, item by item, what the proxy does not forward and downloads, with nothing upstream for them", async () => {
    const log = env.started.sim.requestLog;
    log.length = 0;
    const got = byId(
      await lines(
        await post({
          requests: [
            { id: "issues", path: "/repos/acme/web/issues" },
            { id: "traversal", path: "/repos/acme/web/actions/runs/..%2F..%2Fuser" },
            { id: "protocol-relative", path: "//evil.example/user" },
            { id: "log", path: "/repos/acme/web/actions/jobs/1/logs" },
            { id: "zip", path: "/repos/acme/web/actions/artifacts/1/zip" },
            { id: "ok", path: "/user" },
          ],
        }),
      ),
    );
    for (const id of ["issues", "traversal", "protocol-relative", "log", "zip"]) {
      expect(got.get(id)!.status, id).toBe(404);
      expect((got.get(id)!.body as { error: { message: string } }).error.message, id).toMatch(/does not forward GET/);
    }
    expect(got.get("ok")!.status).toBe(200);
    expect(log.map((l) => l.url)).toEqual(["/api/v3/user"]);
  });

  it("refuses the whole batch (400, nothing upstream) when it is over-size, not GET, malformed or has duplicate ids", async () => {
    const log = env.started.sim.requestLog;
    log.length = 0;
    const many = Array.from({ length: 101 }, (_, i) => ({ id: String(i), path: "/user" }));
    const cases: [string, unknown][] = [
      ["101 items", { requests: many }],
      ["no items", { requests: [] }],
      ["a DELETE", { requests: [{ id: "1", path: "/repos/acme/web/actions/runs/1", method: "DELETE" }] }],
      ["a POST", { requests: [{ id: "1", path: "/orgs/acme/actions/runners/registration-token", method: "POST" }] }],
      ["a body", { requests: [{ id: "1", path: "/user", body: "{}" }] }],
      ["an absolute URL", { requests: [{ id: "1", path: "https://evil.example/user" }] }],
      ["duplicate ids", { requests: [{ id: "1", path: "/user" }, { id: "1", path: "/user" }] }],
      ["not JSON", "requests=1"],
      ["an array", [{ id: "1", path: "/user" }]],
    ];
    for (const [label, body] of cases) {
      const res = await post(body);
      expect(res.status, label).toBe(400);
      expect(((await res.json()) as { error: { status: number } }).error.status, label).toBe(400);
    }
    expect(log).toHaveLength(0);
    expect(env.started.sim.writes.size).toBe(0);
  });

  it("exports POST only (GET and the rest are Next.js's 405)", () => {
    expect(Object.keys(batch).filter((k) => /^[A-Z]+$/.test(k))).toEqual(["POST"]);
  });

  it("answers 401 without a session and 403 cross-origin, with nothing upstream", async () => {
    const log = env.started.sim.requestLog;
    log.length = 0;
    const body = { requests: [{ id: "1", path: "/user" }] };
    expect((await post(body, { cookie: "" })).status).toBe(401);
    expect((await post(body, { cookie: "ac_session=garbage" })).status).toBe(401);
    const hostile: Record<string, string>[] = [
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      { origin: "http://evil.app.test", "sec-fetch-site": "same-site" },
      { origin: "null" },
      { origin: "" },
      { origin: APP, "sec-fetch-site": "same-site" },
    ];
    for (const headers of hostile) {
      const res = await post(body, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    expect(log).toHaveLength(0);
  });

  it("uses each session's own token", async () => {
    const hubot = await signIn(HUBOT);
    const [line] = await lines(await post({ requests: [{ id: "me", path: "/user" }] }, { cookie: hubot }));
    expect((line!.body as { login: string }).login).toBe("hubot");
  });

  it("serves the overview's clients: Octokit, the ETag cache and the batch fetch over the route, as over the proxy", async () => {
    const { createOverviewClients } = await import("@/lib/overview/client");
    const posts: number[] = [];
    const baseFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (url !== `${APP}/api/github-batch`) return Promise.reject(new Error(`not batched: ${url}`));
      posts.push((JSON.parse(init!.body as string) as { requests: unknown[] }).requests.length);
      const headers = new Headers(init!.headers);
      headers.set("cookie", env.cookie);
      headers.set("origin", APP);
      return batch.POST(new Request(url, { method: "POST", headers, body: init!.body! }));
    };
    const { live, background } = createOverviewClients(APP, baseFetch);
    const load = () =>
      Promise.all([
        live.request("GET /repos/{owner}/{repo}/actions/runs", { owner: "acme", repo: "web", per_page: 2 }),
        background.request("GET /orgs/{org}/actions/runners", { org: "acme", per_page: 100 }),
        live.request("GET /user"),
      ]);
    const log = env.started.sim.requestLog;
    log.length = 0;
    const [runs, runners, me] = await load();
    expect(posts).toEqual([3]);
    expect(runs.data.workflow_runs).toHaveLength(2);
    expect(runs.headers.link).toMatch(/^<\/api\/github\/repos\/acme\/web\/actions\/runs\?per_page=2&page=2>; rel="next"/);
    expect(runners.data.total_count).toBeGreaterThan(0);
    expect(me.data.login).toBe("mona");
    expect(log.map((l) => l.status)).toEqual([200, 200, 200]);

    // Unchanged: every upstream answer a 304, the same data from the cache.
    log.length = 0;
    const again = await load();
    expect(posts).toEqual([3, 3]);
    expect(log.map((l) => l.status)).toEqual([304, 304, 304]);
    expect(again[0].data).toEqual(runs.data);
    expect(again[2].data).toEqual(me.data);

    await expect(live.request("GET /repos/{owner}/{repo}/actions/runs", { owner: "acme", repo: "no-such-repo" })).rejects.toMatchObject({
      name: "ApiError",
      status: 404,
    });
  });

  it("starts nothing new once the client has gone", async () => {
    env.started.sim.faults.latencyMs = 100;
    const log = env.started.sim.requestLog;
    log.length = 0;
    const ac = new AbortController();
    const res = await batch.POST(
      new Request(`${APP}/api/github-batch`, {
        method: "POST",
        signal: ac.signal,
        headers: { cookie: env.cookie, origin: APP, "content-type": "application/json" },
        body: JSON.stringify({
          requests: Array.from({ length: 40 }, (_, i) => ({ id: String(i), path: `/repos/acme/web/actions/runs?per_page=1&page=${i + 1}` })),
        }),
      }),
    );
    await new Promise((r) => setTimeout(r, 30));
    ac.abort();
    await res.body?.cancel().catch(() => {});
    await new Promise((r) => setTimeout(r, 400));
    // the first 10 were in flight (aborted or answered); none of the 30 waiting ones started
    expect(log.length).toBeLessThanOrEqual(10);
  }, 10_000);
});
