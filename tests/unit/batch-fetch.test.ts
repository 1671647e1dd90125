// The browser's batching fetch against a fake batch route: one POST per tick, each caller answered as its line
// arrives, a broken stream rejects what still waits, the ETag flow through createEtagFetch and Octokit, priorities.
import { Octokit } from "@octokit/core";
import { describe, expect, it } from "vitest";
import { BatchBrokenError, createBatchFetch } from "@/lib/client/batch-fetch";
import { createEtagCache, createEtagFetch } from "@/lib/client/etag-fetch";
import type { BatchItem, BatchLine } from "@/lib/github/batch-protocol";

const ORIGIN = "http://app.test";
const API = `${ORIGIN}/api/github`;

interface Post {
  items: BatchItem[];
  /** Sends one line of the answer. */
  line(line: BatchLine): void;
  raw(text: string): void;
  end(): void;
  fail(): void;
}

/** A fake server: every POST to the batch route is recorded and answered by a stream the test writes to. */
function fakeServer() {
  const posts: Post[] = [];
  const others: { url: string; method: string }[] = [];
  const waiters: (() => void)[] = [];
  const baseFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url !== `${ORIGIN}/api/github-batch`) {
      others.push({ url, method: init?.method ?? "GET" });
      return Promise.resolve(new Response("{}", { status: 200, headers: { "content-type": "application/json" } }));
    }
    const { requests } = JSON.parse(init!.body as string) as { requests: BatchItem[] };
    const enc = new TextEncoder();
    let ctl!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (ctl = c) });
    posts.push({
      items: requests,
      line: (l) => ctl.enqueue(enc.encode(`${JSON.stringify(l)}\n`)),
      raw: (t) => ctl.enqueue(enc.encode(t)),
      end: () => ctl.close(),
      fail: () => ctl.error(new TypeError("network error")),
    });
    waiters.splice(0).forEach((w) => w());
    return Promise.resolve(new Response(body, { status: 200, headers: { "content-type": "application/x-ndjson; charset=utf-8" } }));
  };
  const nextPost = async (n = posts.length + 1): Promise<Post> => {
    while (posts.length < n) await new Promise<void>((r) => waiters.push(r));
    return posts[n - 1]!;
  };
  return { posts, others, baseFetch, nextPost };
}

const json = { "content-type": "application/json; charset=utf-8" };
const tick = () => new Promise((r) => setTimeout(r, 0));

function track<T>(p: Promise<T>) {
  const t = { done: false, value: undefined as T | undefined, error: undefined as unknown };
  p.then(
    (v) => Object.assign(t, { done: true, value: v }),
    (e: unknown) => Object.assign(t, { done: true, error: e }),
  );
  return t;
}

describe("createBatchFetch", () => {
  it("sends the GETs of one tick as one POST, and answers each caller as soon as its line arrives", async () => {
    const server = fakeServer();
    const f = createBatchFetch(ORIGIN, server.baseFetch);
    const a = track(f(`${API}/repos/acme/web/actions/runs?per_page=100`));
    const b = track(f(`${API}/orgs/acme/actions/runners`, { headers: { "if-none-match": 'W/"abc"' } }));
    const c = track(f(`${API}/user`, { method: "GET", headers: { accept: "application/vnd.github.v3+json" } }));
    const post = await server.nextPost();
    expect(server.posts).toHaveLength(1);
    expect(post.items).toEqual([
      { id: "1", path: "/repos/acme/web/actions/runs?per_page=100", priority: 0 },
      { id: "2", path: "/orgs/acme/actions/runners", priority: 0, etag: 'W/"abc"' },
      { id: "3", path: "/user", priority: 0 },
    ]);

    post.line({ id: "2", status: 304, headers: { etag: 'W/"abc"', "x-ratelimit-remaining": "4999" } });
    await tick();
    expect(b.done).toBe(true);
    expect(a.done || c.done).toBe(false);
    expect(b.value!.status).toBe(304);
    expect(b.value!.headers.get("x-ratelimit-remaining")).toBe("4999");
    expect(b.value!.body).toBeNull();

    post.line({ id: "3", status: 200, headers: { ...json, etag: '"u1"' }, body: { login: "mona" } });
    await tick();
    expect(c.done).toBe(true);
    expect(a.done).toBe(false);
    expect(await c.value!.json()).toEqual({ login: "mona" });
    expect(c.value!.url).toBe(`${API}/user`);
    expect(c.value!.headers.get("etag")).toBe('"u1"');

    post.line({ id: "1", status: 404, headers: json, body: { error: { status: 404, message: "Not Found", documentation_url: null } } });
    post.end();
    await tick();
    expect(a.value!.status).toBe(404);
  });

  it("reads a line that arrives in pieces", async () => {
    const server = fakeServer();
    const f = createBatchFetch(ORIGIN, server.baseFetch);
    const a = track(f(`${API}/user`));
    const post = await server.nextPost();
    const text = JSON.stringify({ id: "1", status: 200, headers: json, body: { login: "mona", bio: "é".repeat(5000) } });
    post.raw(text.slice(0, 10));
    await tick();
    post.raw(text.slice(10, 7000));
    await tick();
    expect(a.done).toBe(false);
    post.raw(`${text.slice(7000)}\n`);
    await tick();
    expect(((await a.value!.json()) as { login: string }).login).toBe("mona");
    post.end();
  });

  it("leaves writes, other URLs, Request objects and non-JSON reads to the base fetch", async () => {
    const server = fakeServer();
    const f = createBatchFetch(ORIGIN, server.baseFetch);
    await f(`${API}/repos/acme/web/actions/runs/1/rerun`, { method: "POST", body: "{}" });
    await f(`${ORIGIN}/api/auth/session`);
    await f(`http://other.test/api/github/user`);
    await f(new Request(`${API}/user`));
    await f(`${API}/repos/acme/web/contents/README.md`, { headers: { accept: "application/vnd.github.raw" } });
    await tick();
    expect(server.posts).toHaveLength(0);
    expect(server.others.map((o) => `${o.method} ${o.url}`)).toEqual([
      `POST ${API}/repos/acme/web/actions/runs/1/rerun`,
      `GET ${ORIGIN}/api/auth/session`,
      "GET http://other.test/api/github/user",
      `GET ${API}/user`,
      `GET ${API}/repos/acme/web/contents/README.md`,
    ]);
  });

  it("rejects every item still waiting when the stream breaks, ends early or is cut mid-line", async () => {
    for (const how of ["error", "end", "mid-line"] as const) {
      const server = fakeServer();
      const f = createBatchFetch(ORIGIN, server.baseFetch);
      const a = track(f(`${API}/user`));
      const b = track(f(`${API}/orgs/acme`));
      const post = await server.nextPost();
      post.line({ id: "1", status: 200, headers: json, body: { login: "mona" } });
      await tick();
      if (how === "error") post.fail();
      else if (how === "mid-line") {
        post.raw('{"id":"2","status":200,"head');
        post.end();
      } else post.end();
      await tick();
      await tick();
      expect(a.value?.status, how).toBe(200);
      expect(b.error, how).toBeInstanceOf(BatchBrokenError);
      expect((b.error as Error).message, how).toMatch(how === "end" ? /ended without this request's result/ : /broke off/);
    }
  });

  it("rejects every item when the POST itself fails, and gives each the batch's own error answer (401)", async () => {
    const down = createBatchFetch(ORIGIN, () => Promise.reject(new TypeError("Failed to fetch")));
    await expect(down(`${API}/user`)).rejects.toThrow(/could not be reached/);

    const body = JSON.stringify({ error: { status: 401, message: "You are not signed in, or your session has expired. Sign in again.", documentation_url: null } });
    const signedOut = createBatchFetch(ORIGIN, () =>
      Promise.resolve(new Response(body, { status: 401, headers: { "content-type": "application/json; charset=utf-8" } })),
    );
    const [x, y] = await Promise.all([signedOut(`${API}/user`), signedOut(`${API}/orgs/acme`)]);
    for (const r of [x, y]) {
      expect(r.status).toBe(401);
      expect(await r.text()).toBe(body);
    }
  });

  it("splits a big tick into batches of 100, sends at most 4 at once plus one kept for live items", async () => {
    const server = fakeServer();
    const f = createBatchFetch(ORIGIN, server.baseFetch);
    const live = f.withPriority(1);
    const background = Array.from({ length: 450 }, (_, i) => track(f(`${API}/repos/acme/r${i}/actions/runs`)));
    await server.nextPost(4);
    await tick();
    expect(server.posts.map((p) => p.items.length)).toEqual([100, 100, 100, 100]);
    // all four slots busy: a live read still goes at once, in a batch of its own
    const l = track(live(`${API}/orgs/acme/actions/runners`));
    const post5 = await server.nextPost(5);
    expect(post5.items).toEqual([{ id: "451", path: "/orgs/acme/actions/runners", priority: 1 }]);
    // a sixth waits for a slot, and when one frees the live item queued meanwhile goes before the 50 background ones
    const l2 = track(live(`${API}/orgs/acme/actions/runner-groups`));
    await tick();
    expect(server.posts).toHaveLength(5);
    for (const item of server.posts[0]!.items) server.posts[0]!.line({ id: item.id, status: 200, headers: json, body: {} });
    server.posts[0]!.end();
    // the freed slot is the one kept for live items: the live read takes it, the 50 background ones keep waiting
    const post6 = await server.nextPost(6);
    expect(post6.items).toEqual([{ id: "452", path: "/orgs/acme/actions/runner-groups", priority: 1 }]);
    expect(background[0]!.done).toBe(true);
    expect(l.done || l2.done).toBe(false);
    for (const p of [post5, post6]) {
      p.line({ id: p.items[0]!.id, status: 200, headers: json, body: {} });
      p.end();
    }
    const post7 = await server.nextPost(7);
    expect(post7.items).toHaveLength(50);
    expect(post7.items.every((i) => i.priority === 0)).toBe(true);
    expect(l.done && l2.done).toBe(true);
  });

  it("an aborted caller is answered at once and its item not sent", async () => {
    const server = fakeServer();
    const f = createBatchFetch(ORIGIN, server.baseFetch);
    const ac = new AbortController();
    const a = track(f(`${API}/user`, { signal: ac.signal }));
    const b = track(f(`${API}/orgs/acme`));
    ac.abort();
    const post = await server.nextPost();
    expect(post.items.map((i) => i.path)).toEqual(["/orgs/acme"]);
    await tick();
    expect((a.error as Error).name).toBe("AbortError");
    expect(b.done).toBe(false);
  });

  it("through createEtagFetch and Octokit: the ETag becomes the item's etag, a 304 is served from the cache", async () => {
    const server = fakeServer();
    const octokit = new Octokit({
      baseUrl: API,
      request: { fetch: createEtagFetch(createBatchFetch(ORIGIN, server.baseFetch), createEtagCache(10)) },
    });
    const runs = { total_count: 1, workflow_runs: [{ id: 7 }] };
    const first = octokit.request("GET /repos/{owner}/{repo}/actions/runs", { owner: "acme", repo: "web", per_page: 100 });
    const p1 = await server.nextPost();
    expect(p1.items).toEqual([{ id: "1", path: "/repos/acme/web/actions/runs?per_page=100", priority: 0 }]);
    p1.line({ id: "1", status: 200, headers: { ...json, etag: 'W/"r1"', link: '</api/github/repos/acme/web/actions/runs?per_page=100&page=2>; rel="next"' }, body: runs });
    p1.end();
    const r1 = await first;
    expect(r1.data).toEqual(runs);
    expect(r1.headers.link).toContain("page=2");

    const second = octokit.request("GET /repos/{owner}/{repo}/actions/runs", { owner: "acme", repo: "web", per_page: 100 });
    const p2 = await server.nextPost(2);
    expect(p2.items[0]!.etag).toBe('W/"r1"');
    p2.line({ id: "2", status: 304, headers: { etag: 'W/"r1"', "x-ratelimit-remaining": "4998" } });
    p2.end();
    const r2 = await second;
    expect(r2.status).toBe(200);
    expect(r2.data).toEqual(runs);
    expect(r2.headers["x-etag-cache"]).toBe("revalidated");
    expect(r2.headers["x-ratelimit-remaining"]).toBe("4998");

    // A caller's own If-None-Match with no cached copy: Octokit's 304 RequestError, as from the proxy.
    const own = octokit.request("GET /user", { headers: { "if-none-match": '"u9"' } });
    const p3 = await server.nextPost(3);
    expect(p3.items[0]!.etag).toBe('"u9"');
    p3.line({ id: "3", status: 304, headers: { etag: '"u9"' } });
    p3.end();
    await expect(own).rejects.toMatchObject({ status: 304 });
  });
});
