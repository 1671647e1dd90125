// The proxy against the in-process GHES simulator (skipped if the simulator is not there yet).
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const hasSim = existsSync(new URL("../../simulator/server.ts", import.meta.url));
const TOKEN = "ghp_monaDemoToken00000000000000000000000";
const APP = "http://app.test";

type Started = {
  url: string;
  sim: { requestLog: { method: string; url: string }[] };
  close(): Promise<void>;
};

describe.skipIf(!hasSim)("proxy against the simulator", () => {
  let started: Started;
  let cookie = "";
  let route: typeof import("@/app/api/github/[...path]/route");

  beforeAll(async () => {
    const mod = (await import("../../simulator/server")) as { startSimulator(o: object): Promise<Started> };
    // no engine: it moves acme/web's runs on its own timer (even with the clock frozen), which changes the list's
    // ETag between the two calls of the 304 test
    started = await mod.startSimulator({ port: 0, control: true, engine: false });
    process.env.GITHUB_API_URL = `${started.url}/api/v3`;
    process.env.GITHUB_WEB_URL = started.url;
    process.env.GITHUB_CLIENT_ID = "Iv1.simdemo0000000001";
    process.env.GITHUB_CLIENT_SECRET = "simdemo-secret-0000000000000000000000000";
    process.env.SESSION_SECRET = "s".repeat(40);
    delete process.env.APP_URL;
    (await import("@/lib/config")).resetConfigForTests();
    const token = await import("@/app/api/auth/token/route");
    const res = await token.POST(
      new Request(`${APP}/api/auth/token`, {
        method: "POST",
        headers: { origin: APP, "content-type": "application/json" },
        body: JSON.stringify({ token: TOKEN }),
      }),
    );
    expect(res.status).toBe(200);
    cookie = res.headers.getSetCookie()[0]!.split(";")[0]!;
    route = await import("@/app/api/github/[...path]/route");
  }, 60_000);

  afterAll(async () => {
    await started?.close();
  });

  const call = (method: "GET" | "POST", path: string, headers: Record<string, string> = {}) => {
    const req = new Request(`${APP}/api/github${path}`, { method, headers: { cookie, ...headers } });
    return route[method](req, { params: Promise.resolve({ path: path.split("?")[0]!.slice(1).split("/") }) });
  };

  it("lists runs with pagination links and answers 304 to the ETag", async () => {
    const res = await call("GET", "/repos/acme/web/actions/runs?per_page=2");
    expect(res.status).toBe(200);
    expect(res.headers.get("link")).toMatch(
      /^<\/api\/github\/repos\/acme\/web\/actions\/runs\?per_page=2&page=2>; rel="next"/,
    );
    const etag = res.headers.get("etag")!;
    const again = await call("GET", "/repos/acme/web/actions/runs?per_page=2", { "if-none-match": etag });
    expect(again.status).toBe(304);
  });

  it("refuses a route outside the table and a cross-origin write with no upstream call", async () => {
    const before = started.sim.requestLog.length;
    expect((await call("GET", "/repos/acme/web/issues")).status).toBe(404);
    expect(
      (await call("POST", "/repos/acme/web/actions/runs/1/rerun", { origin: "https://evil.example" })).status,
    ).toBe(403);
    expect(started.sim.requestLog.length).toBe(before);
  });

  it("reads a workflow file through contents/{path}", async () => {
    const res = await call("GET", "/repos/acme/web/contents/.github/workflows/ci.yml");
    expect(res.status).toBe(200);
  });
});
