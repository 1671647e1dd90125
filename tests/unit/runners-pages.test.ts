// The runners list: page 1, then pages 2..n at once (lib/queries/paginate-counted), in order and complete; against a
// fake whose answers are held until every page was asked for, and against the simulator through the server Octokit.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { GitHubClient } from "@/lib/queries/client";
import { PAGE_CONCURRENCY, mapOrdered, pageCount, paginateCounted, totalCountOf } from "@/lib/queries/paginate-counted";
import { runnerQueries, type Runner } from "@/lib/queries/runners";
import { octokitFor } from "@/lib/github/server";
import { TOKENS, withSimulator } from "@/simulator/testing/harness";

interface Call {
  route: string;
  page: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** A client whose answers wait until the test releases them; `total` runners with ids 1..total. */
function heldClient(total: number, opts: { totalCount?: (page: number) => number | undefined } = {}) {
  const calls: Call[] = [];
  const client = {
    request: vi.fn((route: string, params: { page: number; per_page: number }) => {
      const { page, per_page } = params;
      return new Promise((resolve, reject) => {
        calls.push({
          route,
          page,
          reject,
          resolve: () => {
            const from = (page - 1) * per_page;
            const runners = Array.from({ length: Math.max(0, Math.min(per_page, total - from)) }, (_, i) => ({ id: from + i + 1 }));
            const count = opts.totalCount ? opts.totalCount(page) : total;
            resolve({ data: count === undefined ? { runners } : { total_count: count, runners }, headers: {}, status: 200 });
          },
        });
      });
    }),
  } as unknown as GitHubClient;
  return { client, calls };
}

/** Lets every pending promise callback run. */
const flush = () => new Promise<void>((r) => setTimeout(r, 0));

describe("paginateCounted", () => {
  it("asks for page 1 alone, then for pages 2..n together; the result is in the API's order and complete", async () => {
    const { client, calls } = heldClient(450);
    const result = paginateCounted<{ id: number }>(client, "GET /orgs/{org}/actions/runners", { org: "acme" }, "runners");
    await flush();
    expect(calls.map((c) => c.page)).toEqual([1]);
    calls[0]!.resolve();
    await flush();
    // Pages 2..5 are all in flight before any of them has answered.
    expect(calls.map((c) => c.page)).toEqual([1, 2, 3, 4, 5]);
    // They answer in reverse order; the list is still in page order.
    for (const c of [...calls].reverse().slice(0, 4)) c.resolve();
    const all = await result;
    expect(all.map((r) => r.id)).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));
    expect(calls).toHaveLength(5);
    expect(new Set(calls.map((c) => c.route))).toEqual(new Set(["GET /orgs/{org}/actions/runners"]));
  });

  it("a single page is one request; an exact multiple of 100 asks for no empty page", async () => {
    for (const [total, requests] of [[0, 1], [37, 1], [100, 1], [300, 3]] as const) {
      const { client, calls } = heldClient(total);
      const result = paginateCounted<{ id: number }>(client, "GET /repos/{owner}/{repo}/actions/runners", {}, "runners");
      for (let i = 0; i < 4; i++) {
        await flush();
        for (const c of calls) c.resolve();
      }
      expect(await result).toHaveLength(total);
      expect(calls).toHaveLength(requests);
    }
  });

  it("a failed page fails the list (no partial fleet shown as the whole)", async () => {
    const { client, calls } = heldClient(350);
    const result = paginateCounted(client, "GET /orgs/{org}/actions/runners", {}, "runners");
    await flush();
    calls[0]!.resolve();
    await flush();
    expect(calls).toHaveLength(4);
    calls[1]!.resolve();
    calls[2]!.reject(Object.assign(new Error("Server Error"), { status: 502 }));
    calls[3]!.resolve();
    await expect(result).rejects.toMatchObject({ status: 502 });
  });

  it("reads on, one page at a time, when a later page reports more runners, and without a total_count", async () => {
    // Page 1 says 200, later pages say 260: runners were registered meanwhile.
    const grown = heldClient(260, { totalCount: (page) => (page === 1 ? 200 : 260) });
    const a = paginateCounted<{ id: number }>(grown.client, "GET /orgs/{org}/actions/runners", {}, "runners");
    for (let i = 0; i < 5; i++) {
      await flush();
      for (const c of grown.calls) c.resolve();
    }
    expect((await a).map((r) => r.id)).toEqual(Array.from({ length: 260 }, (_, i) => i + 1));
    expect(grown.calls.map((c) => c.page)).toEqual([1, 2, 3]);

    const uncounted = heldClient(230, { totalCount: () => undefined });
    const b = paginateCounted<{ id: number }>(uncounted.client, "GET /orgs/{org}/actions/runners", {}, "runners");
    for (let i = 0; i < 5; i++) {
      await flush();
      for (const c of uncounted.calls) c.resolve();
    }
    expect(await b).toHaveLength(230);
    expect(uncounted.calls.map((c) => c.page)).toEqual([1, 2, 3]);
  });

  it("drops a runner repeated on two pages (one removed between the reads)", async () => {
    let page2 = true;
    const client = {
      request: vi.fn((_route: string, params: { page: number }) => {
        const ids = params.page === 1 ? Array.from({ length: 100 }, (_, i) => i + 1) : page2 ? [100, 101, 102] : [];
        return Promise.resolve({ data: { total_count: 102, runners: ids.map((id) => ({ id })) }, headers: {}, status: 200 });
      }),
    } as unknown as GitHubClient;
    expect((await paginateCounted<{ id: number }>(client, "GET /x", {}, "runners")).map((r) => r.id).slice(-3)).toEqual([100, 101, 102]);
    page2 = false;
    expect(await paginateCounted(client, "GET /x", {}, "runners")).toHaveLength(100);
  });

  it("helpers: total_count, page count within MAX_PAGES, ordered bounded map", async () => {
    expect(totalCountOf({ total_count: 5, runners: [] })).toBe(5);
    expect(totalCountOf({ total_count: "5" })).toBeUndefined();
    expect(totalCountOf({ total_count: -1 })).toBeUndefined();
    expect(totalCountOf([1])).toBeUndefined();
    expect([pageCount(0), pageCount(100), pageCount(101), pageCount(1_000_000)]).toEqual([1, 1, 2, 50]);
    let inFlight = 0;
    let most = 0;
    const out = await mapOrdered(20, PAGE_CONCURRENCY, async (i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await flush();
      inFlight--;
      return i * 2;
    });
    expect(out).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(most).toBe(PAGE_CONCURRENCY);
  });
});

describe("the runners query against the simulator, through the server Octokit (throttling, retry policy)", () => {
  const sim = withSimulator({ seedOptions: { runners: 350 } });
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
    if (sim.sim) sim.sim.faults.latencyMs = 0;
  });

  it("lists every acme runner in the API's order, pages 2..4 in flight together", async () => {
    let inFlight = 0;
    let most = 0;
    globalThis.fetch = (async (...args: Parameters<typeof fetch>) => {
      inFlight++;
      most = Math.max(most, inFlight);
      try {
        return await realFetch(...args);
      } finally {
        inFlight--;
      }
    });
    // Each answer takes a while, so requests sent together are seen together.
    sim.sim!.faults.latencyMs = 150;
    const before = sim.sim!.requestLog.length;
    const octokit = octokitFor(TOKENS.mona, { baseUrl: `${sim.url}/api/v3` });
    const client = { request: octokit.request };
    const list = await runnerQueries.list(client, { kind: "org", org: "acme" }).queryFn!({} as never);
    globalThis.fetch = realFetch;
    sim.sim!.faults.latencyMs = 0;

    const pages = sim.sim!.requestLog.slice(before).map((r) => new URL(r.url, sim.url).searchParams.get("page"));
    expect(pages[0]).toBe("1");
    expect([...pages.slice(1)].sort()).toEqual(["2", "3", "4"]);
    expect(most).toBe(3);

    // The same list, page by page, one after another.
    const expected: number[] = [];
    for (let page = 1; page <= 4; page++) {
      const r = await sim.api<{ runners: Runner[] }>("GET", `/orgs/acme/actions/runners?per_page=100&page=${page}`);
      expected.push(...r.body.runners.map((x) => x.id));
    }
    expect(expected).toHaveLength(350);
    expect((list).map((r) => r.id)).toEqual(expected);
  });
});
