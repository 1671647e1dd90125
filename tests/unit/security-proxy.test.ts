// The proxy's surface under a generated corpus of hostile requests, against the in-process simulator:
// no upstream request outside the route table or to another host, no 5xx, only allowlisted headers
// upstream and back, and parameters with `/` still round-trip. The GET cases go through the batch route too, as items.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LoggedRequest } from "../../simulator/context";
import { ROUTES } from "@/lib/github/routes";
import {
  baselineCases,
  proxyHeaderCorpus,
  proxyPathCorpus,
  type ProxyCase,
} from "../security/corpus";
import {
  APP,
  HUBOT,
  MONA,
  RESPONSE_HEADERS,
  UPSTREAM_HEADERS,
  nextParams,
  startSecurityEnv,
  type SecurityEnv,
} from "../security/setup";

let env: SecurityEnv;
let route: typeof import("@/app/api/github/[...path]/route");
let batch: typeof import("@/app/api/github-batch/route");
const TABLE = new Set<string>(ROUTES);

beforeAll(async () => {
  env = await startSecurityEnv();
  route = await import("@/app/api/github/[...path]/route");
  batch = await import("@/app/api/github-batch/route");
}, 60_000);

afterAll(async () => {
  await env?.close();
});

interface Outcome {
  c: ProxyCase;
  status: number;
  headers: Headers;
  body: string;
  upstream: LoggedRequest[];
}

/** Sends one case to the route handler as Next.js would hand it over; returns what came back and what went upstream. */
async function send(c: ProxyCase, opts: { cookie?: boolean } = {}): Promise<Outcome | null> {
  let req: Request;
  try {
    const headers = new Headers({ origin: APP });
    if (opts.cookie !== false) headers.set("cookie", env.cookie);
    for (const [k, v] of Object.entries(c.headers ?? {})) headers.set(k, v);
    if (c.body !== undefined) headers.set("content-type", "application/json");
    req = new Request(`${APP}/api/github${c.path}`, { method: c.method, headers, body: c.body });
  } catch {
    return null; // not expressible as a fetch Request (the e2e spec sends such raw requests over a socket)
  }
  const log = env.started.sim.requestLog;
  log.length = 0;
  const res = await route.GET(req, nextParams(c.path));
  const body = c.method.toUpperCase() === "HEAD" ? "" : await res.text();
  return { c, status: res.status, headers: res.headers, body, upstream: [...log] };
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Every property the corpus must hold, as a list of violations (empty when the case is fine). */
function violations(o: Outcome, expectedAuth = `token ${MONA}`): string[] {
  const v: string[] = [];
  const where = `${o.c.method} ${o.c.path.slice(0, 160)} (${o.c.id.slice(0, 120)})`;
  if (o.status >= 500) v.push(`${where}: answered ${o.status} ${o.body.slice(0, 200)}`);
  for (const [name] of o.headers) if (!RESPONSE_HEADERS.has(name)) v.push(`${where}: answered with header ${name}`);
  const link = o.headers.get("link");
  if (link && /<(?!\/api\/github\/)/.test(link)) v.push(`${where}: Link points outside the proxy: ${link}`);
  if (o.body.includes(MONA)) v.push(`${where}: the token is in the answer`);
  const refused = o.status === 404 && o.body.includes("does not forward");
  if (refused && o.upstream.length) v.push(`${where}: refused, yet ${o.upstream.length} upstream request(s)`);
  for (const u of o.upstream) {
    const up = `${where} → upstream ${u.method} ${u.url.slice(0, 160)}`;
    if (u.headers.host !== env.simHost) v.push(`${up}: to host ${u.headers.host}`);
    for (const name of Object.keys(u.headers)) if (!UPSTREAM_HEADERS.has(name)) v.push(`${up}: sent header ${name}`);
    for (const [name, value] of Object.entries(u.headers))
      if (CONTROL.test(value) || /evil|injected/i.test(value)) v.push(`${up}: header ${name} carries ${JSON.stringify(value).slice(0, 80)}`);
    const path = u.url.split("?")[0]!;
    if (path.startsWith("/_downloads/")) {
      if (u.method !== "GET" && u.method !== "HEAD") v.push(`${up}: download followed with ${u.method}`);
      if (u.headers.authorization) v.push(`${up}: the token went to the download URL`);
      continue;
    }
    if (!path.startsWith("/api/v3/")) v.push(`${up}: outside the API`);
    if (u.route === null || !TABLE.has(u.route)) v.push(`${up}: upstream route ${u.route} is not in the table`);
    else if (u.route.split(" ")[0] !== (u.method === "HEAD" ? "GET" : u.method)) v.push(`${up}: method differs from route ${u.route}`);
    if (u.headers.authorization !== expectedAuth) v.push(`${up}: authorization ${u.headers.authorization?.slice(0, 12)}…`);
    for (const seg of path.slice("/api/v3/".length).split("/")) {
      let d: string;
      try {
        d = decodeURIComponent(seg);
      } catch {
        v.push(`${up}: undecodable segment ${seg}`);
        continue;
      }
      const n = d.normalize("NFKC");
      if (d === "" || n === "." || n === ".." || /[/\\]/.test(n) || CONTROL.test(d))
        v.push(`${up}: unsafe segment ${JSON.stringify(d)}`);
    }
    const query = u.url.includes("?") ? u.url.slice(u.url.indexOf("?")) : "";
    if (CONTROL.test(decodeURIComponent(query))) v.push(`${up}: control character in the query`);
  }
  return v;
}

async function runAll(cases: ProxyCase[], expectedAuth?: string) {
  const bad: string[] = [];
  let sent = 0;
  let forwarded = 0;
  for (const c of cases) {
    const o = await send(c);
    if (!o) continue;
    sent++;
    if (o.upstream.length) forwarded++;
    bad.push(...violations(o, expectedAuth));
  }
  return { bad, sent, forwarded };
}

describe("proxy surface: generated corpus", () => {
  it("has at least 2,000 hostile path cases over every route template", () => {
    const corpus = proxyPathCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(2000);
    const covered = new Set(corpus.map((c) => c.route).filter(Boolean));
    for (const r of ROUTES) expect(covered.has(r), r).toBe(true);
  });

  it("forwards every route of the table, unmodified, to the same route upstream", async () => {
    const bad: string[] = [];
    for (const c of baselineCases()) {
      const o = await send(c);
      expect(o, c.id).not.toBeNull();
      bad.push(...violations(o!));
      const api = o!.upstream.filter((u) => u.url.startsWith("/api/v3/"));
      if (api.length !== 1 || api[0]!.route !== c.route) bad.push(`${c.id}: upstream ${JSON.stringify(api.map((u) => u.route))}`);
    }
    expect(bad).toEqual([]);
  }, 60_000);

  it("traversal, encodings, absolute URLs and unknown methods: nothing outside the table, no 5xx", async () => {
    const cases = proxyPathCorpus();
    const { bad, sent, forwarded } = await runAll(cases);
    expect(bad.slice(0, 40)).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(2000);
    // Some variants normalise back to a real route (e.g. `/./`): those are forwarded, to that route only.
    expect(forwarded).toBeGreaterThan(0);
    expect(forwarded).toBeLessThan(sent / 2);
  }, 120_000);

  it("hostile headers change nothing upstream: same host, same token, allowlisted headers only", async () => {
    const cases = proxyHeaderCorpus();
    expect(cases.length).toBeGreaterThanOrEqual(250);
    const { bad, sent } = await runAll(cases);
    expect(bad.slice(0, 40)).toEqual([]);
    expect(sent).toBeGreaterThan(250);
  }, 60_000);

  it("a client's own Authorization header is never forwarded, and does not sign anyone in", async () => {
    const c: ProxyCase = { id: "hubot's token, no cookie", method: "GET", path: "/user", headers: { authorization: `token ${HUBOT}` } };
    const o = (await send(c, { cookie: false }))!;
    expect(o.status).toBe(401);
    expect(o.upstream).toEqual([]);
    const withCookie = (await send(c))!;
    expect(withCookie.status).toBe(200);
    expect((JSON.parse(withCookie.body) as { login: string }).login).toBe("mona");
    expect(withCookie.upstream[0]!.headers.authorization).toBe(`token ${MONA}`);
  });
});

describe("batch route surface: the same corpus as batch items", () => {
  it("nothing upstream outside the table, reads only, no downloads; no 5xx line; lines carry allowlisted headers only", async () => {
    const cases = [...baselineCases(), ...proxyPathCorpus()].filter(
      (c) => c.method.toUpperCase() === "GET" && c.body === undefined && !c.headers && c.path.startsWith("/") && c.path.length <= 4096,
    );
    expect(cases.length).toBeGreaterThan(1000);
    const log = env.started.sim.requestLog;
    const bad: string[] = [];
    let forwarded = 0;
    for (let i = 0; i < cases.length; i += 100) {
      const chunk = cases.slice(i, i + 100);
      log.length = 0;
      const res = await batch.POST(
        new Request(`${APP}/api/github-batch`, {
          method: "POST",
          headers: { cookie: env.cookie, origin: APP, "content-type": "application/json" },
          body: JSON.stringify({ requests: chunk.map((c, j) => ({ id: String(j), path: c.path })) }),
        }),
      );
      expect(res.status).toBe(200);
      const lines = (await res.text()).trimEnd().split("\n").map((l) => JSON.parse(l) as { id: string; status: number; headers: Record<string, string>; body?: unknown });
      expect(lines).toHaveLength(chunk.length);
      for (const line of lines) {
        const c = chunk[Number(line.id)]!;
        const where = `batch item GET ${c.path.slice(0, 160)} (${c.id.slice(0, 120)})`;
        if (line.status >= 500) bad.push(`${where}: answered ${line.status}`);
        for (const name of Object.keys(line.headers)) if (!RESPONSE_HEADERS.has(name)) bad.push(`${where}: answered with header ${name}`);
        if (line.headers.link && /<(?!\/api\/github\/)/.test(line.headers.link)) bad.push(`${where}: Link points outside the proxy`);
        if (JSON.stringify(line.body ?? null).includes(MONA)) bad.push(`${where}: the token is in the answer`);
      }
      forwarded += log.length;
      const c: ProxyCase = { id: `batch of ${chunk.length} from case ${i}`, method: "GET", path: chunk[0]!.path };
      bad.push(...violations({ c, status: 200, headers: new Headers(), body: "", upstream: [...log] }));
      for (const u of log)
        if (u.method !== "GET" || u.url.startsWith("/_downloads/") || /\/logs$|\/zip$/.test(u.url.split("?")[0]!))
          bad.push(`${c.id}: upstream ${u.method} ${u.url.slice(0, 160)} is not a JSON read`);
    }
    expect(bad.slice(0, 40)).toEqual([]);
    expect(forwarded).toBeGreaterThan(0);
  }, 120_000);
});

describe("proxy surface: parameters with `/` round-trip", () => {
  const get = async (path: string) => {
    const o = (await send({ id: path, method: "GET", path }))!;
    expect(violations(o)).toEqual([]);
    return o;
  };

  it("a branch with a slash in the runs filter", async () => {
    const o = await get("/repos/acme/web/actions/runs?branch=feature%2Flogin&per_page=100");
    expect(o.status).toBe(200);
    const runs = (JSON.parse(o.body) as { workflow_runs: { head_branch: string }[] }).workflow_runs;
    expect(runs.length).toBeGreaterThan(0);
    expect(new Set(runs.map((r) => r.head_branch))).toEqual(new Set(["feature/login"]));
    expect(o.upstream[0]!.url).toContain("branch=feature%2Flogin");
    const literal = await get("/repos/acme/web/actions/runs?branch=feature/login&per_page=100");
    expect(literal.body).toBe(o.body);
  });

  it("a branch with a slash as the contents ref", async () => {
    const o = await get("/repos/acme/web/contents/README.md?ref=release%2Fv1.2");
    expect(o.status).toBe(200);
    expect(o.upstream[0]!.url).toContain("ref=release%2Fv1.2");
    expect((JSON.parse(o.body) as { path: string }).path).toBe("README.md");
  });

  it("a file path as several segments or as one with encoded slashes (as Octokit sends it)", async () => {
    const a = await get("/repos/acme/web/contents/.github/workflows/ci.yml");
    const b = await get("/repos/acme/web/contents/.github%2Fworkflows%2Fci.yml");
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect((JSON.parse(a.body) as { path: string }).path).toBe(".github/workflows/ci.yml");
    expect(b.body).toBe(a.body);
    expect(a.upstream[0]!.url).toBe("/api/v3/repos/acme/web/contents/.github/workflows/ci.yml");
    expect(b.upstream[0]!.url).toBe("/api/v3/repos/acme/web/contents/.github/workflows/ci.yml");
  });

  it("a workflow dispatched on a branch with slashes (body passes through untouched)", async () => {
    const log = env.started.sim.requestLog;
    log.length = 0;
    const res = await route.POST(
      new Request(`${APP}/api/github/repos/acme/web/actions/workflows/deploy.yml/dispatches`, {
        method: "POST",
        headers: { origin: APP, cookie: env.cookie, "content-type": "application/json" },
        body: JSON.stringify({ ref: "feature/login", inputs: { environment: "staging", version: "1.0" } }),
      }),
      nextParams("/repos/acme/web/actions/workflows/deploy.yml/dispatches"),
    );
    expect(res.status).toBe(204);
    expect(log.map((l) => l.route)).toEqual(["POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches"]);
    const runs = [...env.started.sim.state.runs.values()].filter((r) => r.event === "workflow_dispatch" && r.head_branch === "feature/login");
    expect(runs.length).toBeGreaterThan(0);
  });
});
