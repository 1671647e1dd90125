/**
 * Every fault the simulator offers × the six operations, through the proxy's route handler (the
 * browser's path) and the server Octokit (server prefetch), against the simulator over real HTTP.
 *
 * Time is scaled by 1/5 so the matrix runs in seconds: deadline 2 s (10 s in production), backoff
 * base 100 ms (500 ms), latency faults 0.4 s and 2.2 s (2 s and 11 s). retry-after stays in whole
 * seconds, as GitHub sends it, so a 1 s retry-after is honoured at full length.
 *
 * Proven, from the simulator's request log and write counters:
 * - reads retry at most 3 times, with growing waits, never before retry-after or the limit's reset;
 * - writes are sent once, applied at most once, and any failure that may have been applied says
 *   `write_outcome: "unknown"` (a failure marked "not_applied" was indeed not applied);
 * - every answer (or clear message) comes by the deadline; a cut-off download fails loudly;
 * - no unhandled rejection.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FaultConfig, LoggedRequest } from "@/simulator/context";
import { TOKENS, withSimulator } from "@/simulator/testing/harness";
import type { RetryTiming } from "@/lib/faults/policy";

const TIMING: RetryTiming = { deadlineMs: 2_000, backoffBaseMs: 100, maxRetries: 3 };
const SLOW_MS = 400; // "2 s"
const TOO_SLOW_MS = 2_200; // "11 s"
const APP = "http://app.test";
const TOKEN = TOKENS.mona;

const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);

const sim = withSimulator();

type Op = "runs" | "log" | "secret" | "runner" | "token" | "dispatch";
const OPS: Op[] = ["runs", "log", "secret", "runner", "token", "dispatch"];
const READS = new Set<Op>(["runs", "log"]);

interface Fault {
  name: string;
  /** Wait this long from the start of a cell before reading the request log and counters. */
  settleMs?: number;
  faults?: Partial<FaultConfig>;
  /** Primary limit: the token's window is spent. */
  spendRate?: { resetInSeconds: number };
}

const FAULTS: Fault[] = [
  { name: "latency 2 s", faults: { latencyMs: SLOW_MS } },
  { name: "latency 11 s", faults: { latencyMs: TOO_SLOW_MS }, settleMs: TOO_SLOW_MS + 300 },
  ...([500, 502, 503, 504] as const).map((s) => ({
    name: `${s}`,
    faults: { errorRates: [{ route: "*", rate: 1, statuses: [s] }] },
  })),
  { name: "secondary limit with retry-after", faults: { secondaryLimit: { route: "*", status: 403, retryAfter: 1 } } },
  { name: "secondary limit without retry-after", faults: { secondaryLimit: { route: "*", status: 403, retryAfter: null } } },
  { name: "primary limit", spendRate: { resetInSeconds: 3600 } },
  { name: "429", faults: { secondaryLimit: { route: "*", status: 429, retryAfter: 1 } } },
  { name: "reset before", faults: { reset: { route: "*", when: "before" } } },
  { name: "reset after", faults: { reset: { route: "*", when: "after" } } },
  { name: "truncated JSON", faults: { truncate: { route: "*" } } },
  { name: "HTML error page", faults: { htmlError: { route: "*", status: 503 } } },
];

interface ErrorInfo {
  status: number;
  message: string;
  write_outcome?: "unknown" | "not_applied";
  rate_limit_reset?: string;
}

interface CellResult {
  status: number;
  error: ErrorInfo | null;
  /** The body could not be read to its end (a cut-off download). */
  bodyFailed: boolean;
  elapsedMs: number;
  /** The operation's requests to the API (not its download), in order. */
  attempts: LoggedRequest[];
  /** Write counter delta of the operation's route. */
  applied: number;
}

let cookie = "";
let route: typeof import("@/app/api/github/[...path]/route");
let proxyRequest: typeof import("@/lib/github/proxy").proxyRequest;
let octokitFor: typeof import("@/lib/github/server").octokitFor;
let toApiErrorInfo: typeof import("@/lib/github/errors").toApiErrorInfo;
let sealSecretValue: typeof import("@/lib/secrets/seal").sealSecretValue;
let jobId = 0;
let publicKey = { key_id: "", key: "" };
let seq = 0;

const WRITE_ROUTE: Record<Exclude<Op, "runs" | "log">, string> = {
  secret: "PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}",
  runner: "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}",
  token: "POST /repos/{owner}/{repo}/actions/runners/registration-token",
  dispatch: "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",
};

/** What one operation sends: method, API path, body. Objects it writes to are made fresh. */
async function prepare(op: Op): Promise<{ method: string; path: string; body?: unknown }> {
  const n = ++seq;
  switch (op) {
    case "runs":
      return { method: "GET", path: "/repos/acme/web/actions/runs?per_page=3" };
    case "log":
      return { method: "GET", path: `/repos/acme/web/actions/jobs/${jobId}/logs` };
    case "secret":
      return {
        method: "PUT",
        path: `/repos/acme/web/actions/secrets/FAULT_MATRIX_${n}`,
        body: { encrypted_value: sealSecretValue(`value-${n}`, publicKey.key), key_id: publicKey.key_id },
      };
    case "runner": {
      const made = await sim.raw<{ id: number }>("POST", "/_sim/state/runners", {
        body: { repo: "acme/web", name: `fault-matrix-${n}` },
      });
      return { method: "DELETE", path: `/repos/acme/web/actions/runners/${made.body.id}` };
    }
    case "token":
      return { method: "POST", path: "/repos/acme/web/actions/runners/registration-token" };
    case "dispatch":
      return {
        method: "POST",
        path: "/repos/acme/web/actions/workflows/deploy.yml/dispatches",
        body: { ref: "main", inputs: { environment: "staging", version: `fault-${n}` } },
      };
  }
}

function writesOf(key: string): number {
  return sim.sim!.writes.get(key) ?? 0;
}

function apiPath(path: string): string {
  return `/api/v3${path.split("?")[0]!}`;
}

/** The proxy, through the route handler's own code path (with the scaled timing). */
async function viaProxy(method: string, path: string, body: unknown, timing: RetryTiming): Promise<Response> {
  const headers: Record<string, string> = { cookie, accept: "application/vnd.github+json" };
  if (method !== "GET") {
    headers.origin = APP;
    headers["sec-fetch-site"] = "same-origin";
  }
  if (body !== undefined) headers["content-type"] = "application/json";
  const req = new Request(`${APP}/api/github${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return proxyRequest(req, undefined, { timing });
}

/** `settleMs`: wait that long from the start before counting (a request held by latency is logged when it ends). */
async function runCell(op: Op, client: "proxy" | "octokit", settleMs = 0, timing: RetryTiming = TIMING): Promise<CellResult> {
  const { method, path, body } = await prepare(op);
  const key = READS.has(op) ? "" : WRITE_ROUTE[op as keyof typeof WRITE_ROUTE];
  const before = key ? writesOf(key) : 0;
  const mark = sim.sim!.requestLog.length;
  const t0 = Date.now();
  let status: number;
  let error: ErrorInfo | null = null;
  let bodyFailed = false;
  if (client === "proxy") {
    const res = await viaProxy(method, path, body, timing);
    status = res.status;
    try {
      const text = await res.text();
      if (status >= 400) error = (JSON.parse(text) as { error: ErrorInfo }).error;
    } catch {
      bodyFailed = true;
    }
  } else {
    const octokit = octokitFor(TOKEN, { baseUrl: `${sim.url}/api/v3`, timing });
    try {
      const res = await octokit.request({ method, url: path, ...(body as object | undefined) } as never);
      status = (res as { status: number }).status;
    } catch (e) {
      const info = toApiErrorInfo(e, method);
      status = info.status;
      error = info;
    }
  }
  const elapsedMs = Date.now() - t0;
  // A request still held by the latency fault lands after the deadline: wait for it before counting.
  const wait = t0 + settleMs - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const target = apiPath(path);
  const attempts = sim.sim!.requestLog.slice(mark).filter((r) => r.method === method && r.url.split("?")[0] === target);
  return { status, error, bodyFailed, elapsedMs, attempts, applied: key ? writesOf(key) - before : 0 };
}

const gaps = (attempts: LoggedRequest[]) =>
  attempts.slice(1).map((a, i) => Date.parse(a.at) - Date.parse(attempts[i]!.at));

/** What must hold for every cell, whatever the fault. */
function invariants(op: Op, r: CellResult, label: string) {
  const ctx = `${label}: ${JSON.stringify({ status: r.status, error: r.error, applied: r.applied, attempts: r.attempts.length })}`;
  // a clear answer by the deadline (plus the scheduling slack of a shared machine)
  expect(r.elapsedMs, ctx).toBeLessThan(TIMING.deadlineMs + 1_000);
  if (r.error) expect(r.error.message.length, ctx).toBeGreaterThan(20);
  if (READS.has(op)) {
    expect(r.attempts.length, ctx).toBeGreaterThanOrEqual(1);
    expect(r.attempts.length, ctx).toBeLessThanOrEqual(1 + TIMING.maxRetries);
    // waits grow (backoff) and are never shorter than the base
    const g = gaps(r.attempts);
    g.forEach((gap, i) => expect(gap, ctx).toBeGreaterThanOrEqual(TIMING.backoffBaseMs * 2 ** i - 5));
    return;
  }
  expect(r.attempts.length, ctx).toBe(1); // a write is sent once
  expect(r.applied, ctx).toBeLessThanOrEqual(1); // and applied at most once
  if (r.status >= 200 && r.status < 300) expect(r.applied, ctx).toBe(1);
  else {
    expect(r.error?.write_outcome, ctx).toBeDefined();
    if (r.error?.write_outcome === "not_applied") expect(r.applied, ctx).toBe(0);
    if (r.applied === 1) expect(r.error?.write_outcome, ctx).toBe("unknown");
  }
}

/** The outcome is `write_outcome`'s to carry and the page's to say once: a message that said it too would be said twice. */
const OUTCOME_WORDS = /may or may not|not applied|nothing was (changed|sent)/i;

/** What each fault must do to a read and to a write. */
function expectations(fault: string, op: Op, r: CellResult, label: string) {
  const ctx = `${label}: ${JSON.stringify({ status: r.status, error: r.error, applied: r.applied, n: r.attempts.length, gaps: gaps(r.attempts) })}`;
  const read = READS.has(op);
  const download = op === "log";
  switch (fault) {
    case "latency 2 s":
      expect(r.status, ctx).toBeLessThan(300);
      expect(r.bodyFailed, ctx).toBe(false);
      expect(r.attempts.length, ctx).toBe(1);
      break;
    case "latency 11 s":
      expect(r.status, ctx).toBe(504);
      expect(r.error?.message, ctx).toMatch(/did not answer/);
      if (!read) {
        expect(r.applied, ctx).toBe(1); // it did land, after the deadline: the user was told "unknown"
        expect(r.error?.write_outcome, ctx).toBe("unknown");
        expect(r.error?.message, ctx).not.toMatch(OUTCOME_WORDS);
      }
      break;
    case "500":
    case "502":
    case "503":
    case "504":
    case "HTML error page": {
      const status = fault === "HTML error page" ? 503 : Number(fault);
      expect(r.status, ctx).toBe(status);
      if (read) {
        expect(r.attempts.length, ctx).toBe(4);
        // Each wait is at least its exponential minimum (checked for every cell above); neighbouring gaps can
        // still tie when a loaded machine delays one request (seen in CI: 225, 223, 444 ms), the first and last not.
        const g = gaps(r.attempts);
        expect(g[2]!, ctx).toBeGreaterThan(g[0]!);
      } else {
        expect(r.error?.write_outcome, ctx).toBe("unknown");
        expect(r.error?.message, ctx).not.toMatch(OUTCOME_WORDS);
        expect(r.applied, ctx).toBe(0);
      }
      if (fault === "HTML error page") expect(r.error?.message, ctx).toMatch(/error page|503/);
      break;
    }
    case "secondary limit with retry-after":
    case "429": {
      expect(r.status, ctx).toBe(fault === "429" ? 429 : 403);
      expect(r.error?.message, ctx).toMatch(/rate limit/);
      if (read) {
        // 1 s retry-after: one retry, a full second later; a second retry would pass the deadline
        expect(r.attempts.length, ctx).toBe(2);
        expect(gaps(r.attempts)[0]!, ctx).toBeGreaterThanOrEqual(1_000);
      } else {
        expect(r.error?.write_outcome, ctx).toBe("not_applied");
        expect(r.error?.message, ctx).not.toMatch(OUTCOME_WORDS);
      }
      break;
    }
    case "secondary limit without retry-after":
      expect(r.status, ctx).toBe(403);
      expect(r.attempts.length, ctx).toBe(1); // GitHub: wait at least a minute
      expect(r.error?.message, ctx).toMatch(/secondary.*rate limit.*(Wait a minute|until)/);
      if (!read) expect(r.error?.write_outcome, ctx).toBe("not_applied");
      break;
    case "primary limit":
      expect(r.status, ctx).toBe(403);
      expect(r.attempts.length, ctx).toBe(1); // the reset is an hour away
      expect(r.error?.message, ctx).toMatch(/API rate limit is exhausted until \d{4}-\d\d-\d\d \d\d:\d\d/);
      expect(r.error?.rate_limit_reset, ctx).toBeDefined();
      if (!read) expect(r.error?.write_outcome, ctx).toBe("not_applied");
      break;
    case "reset before":
      expect(r.status, ctx).toBe(502);
      expect(r.error?.message, ctx).toMatch(/closed the connection/);
      if (read) expect(r.attempts.length, ctx).toBe(4);
      else {
        expect(r.error?.write_outcome, ctx).toBe("unknown");
        expect(r.applied, ctx).toBe(0);
      }
      break;
    case "reset after":
    case "truncated JSON":
      if (download) {
        // The log streams: the cut shows as a failed body, never as a short log passed off as whole.
        expect(r.status === 200 ? r.bodyFailed : r.status >= 500, ctx).toBe(true);
      } else if (read) {
        if (r.status === 200) expect(r.bodyFailed, ctx).toBe(false);
        else {
          expect(r.status, ctx).toBe(502);
          expect(r.error?.message, ctx).toMatch(/cut off|closed the connection/);
          expect(r.attempts.length, ctx).toBe(4);
        }
      } else {
        // The write was applied; its answer (if it had a body) was lost.
        expect(r.applied, ctx).toBe(1);
        if (r.status >= 300) expect(r.error?.write_outcome, ctx).toBe("unknown");
      }
      break;
  }
}

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  process.env.GITHUB_API_URL = `${sim.url}/api/v3`;
  process.env.GITHUB_WEB_URL = sim.url;
  process.env.GITHUB_CLIENT_ID = "Iv1.simdemo0000000001";
  process.env.GITHUB_CLIENT_SECRET = "simdemo-secret-0000000000000000000000000";
  process.env.SESSION_SECRET = "s".repeat(40);
  delete process.env.APP_URL;
  (await import("@/lib/config")).resetConfigForTests();
  ({ proxyRequest } = await import("@/lib/github/proxy"));
  ({ octokitFor } = await import("@/lib/github/server"));
  ({ toApiErrorInfo } = await import("@/lib/github/errors"));
  ({ sealSecretValue } = await import("@/lib/secrets/seal"));
  route = await import("@/app/api/github/[...path]/route");
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
  // a small finished job of acme/web, for the log
  const runs = await sim.api<{ workflow_runs: { id: number }[] }>("GET", "/repos/acme/web/actions/runs?status=success&per_page=5");
  for (const run of runs.body.workflow_runs) {
    const jobs = await sim.api<{ jobs: { id: number; conclusion: string | null }[] }>("GET", `/repos/acme/web/actions/runs/${run.id}/jobs`);
    const job = jobs.body.jobs.find((j) => j.conclusion === "success" && (sim.sim!.state.jobs.get(j.id)?.logLines ?? Infinity) < 5_000);
    if (job) {
      jobId = job.id;
      break;
    }
  }
  expect(jobId).toBeGreaterThan(0);
  const key = await sim.api<{ key_id: string; key: string }>("GET", "/repos/acme/web/actions/secrets/public-key");
  publicKey = key.body;
}, 60_000);

afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
});

async function withFault<T>(fault: Fault, fn: () => Promise<T>): Promise<T> {
  const s = sim.sim!;
  s.rate.clear();
  if (fault.faults) await sim.raw("PUT", "/_sim/faults", { body: fault.faults });
  if (fault.spendRate) {
    s.rate.set(`token:${TOKEN}`, {
      used: s.options.rateLimit,
      reset: Math.floor(Date.now() / 1000) + fault.spendRate.resetInSeconds,
    });
  }
  try {
    return await fn();
  } finally {
    await sim.raw("DELETE", "/_sim/faults");
    s.rate.clear();
  }
}

describe("faults × operations through the proxy", () => {
  it("the route handler answers normally without faults (baseline)", async () => {
    const res = await route.GET(
      new Request(`${APP}/api/github/repos/acme/web/actions/runs?per_page=1`, { headers: { cookie } }),
      { params: Promise.resolve({ path: ["repos", "acme", "web", "actions", "runs"] }) },
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { total_count: number }).total_count).toBeGreaterThan(0);
  });

  for (const fault of FAULTS) {
    it(`${fault.name}: every operation`, async () => {
      const results = await withFault(fault, () =>
        Promise.all(OPS.map(async (op) => [op, await runCell(op, "proxy", fault.settleMs)] as const)),
      );
      for (const [op, r] of results) {
        const label = `proxy · ${fault.name} · ${op}`;
        invariants(op, r, label);
        expectations(fault.name, op, r, label);
      }
    });
  }

  it("a primary limit that resets within the deadline is waited for, then the read succeeds", async () => {
    // The wait is reset − now + 1 s (up to 3 s here): a deadline of 5 s leaves room for it.
    const resetAt = Math.floor(Date.now() / 1000) + 1;
    const r = await withFault({ name: "primary, soon", spendRate: { resetInSeconds: 1 } }, () =>
      runCell("runs", "proxy", 0, { ...TIMING, deadlineMs: 5_000 }),
    );
    expect(r.status).toBe(200);
    expect(r.attempts.length).toBe(2);
    expect(Date.parse(r.attempts[1]!.at)).toBeGreaterThanOrEqual(resetAt * 1000);
  });
});

describe("faults × reads through the server Octokit (server prefetch)", () => {
  for (const fault of FAULTS) {
    it(`${fault.name}: list runs and the job log`, async () => {
      const results = await withFault(fault, () =>
        Promise.all((["runs", "log"] as const).map(async (op) => [op, await runCell(op, "octokit", fault.settleMs)] as const)),
      );
      for (const [op, r] of results) {
        const label = `octokit · ${fault.name} · ${op}`;
        invariants(op, r, label);
        if (op === "log" && (fault.name === "reset after" || fault.name === "truncated JSON")) {
          // Octokit reads the whole log: a cut-off text is retried and then reported, never returned short.
          expect(r.status === 200 || r.status === 502, label).toBe(true);
        } else expectations(fault.name, op, r, label);
      }
    });
  }

  it("sends a write once under 5xx, resets and timeouts, and says the outcome is unknown", async () => {
    for (const fault of [FAULTS[1]!, FAULTS[2]!, FAULTS.find((f) => f.name === "reset before")!]) {
      const r = await withFault(fault, () => runCell("dispatch", "octokit", fault.settleMs));
      invariants("dispatch", r, `octokit · ${fault.name} · dispatch`);
      expect(r.error?.write_outcome).toBe("unknown");
    }
  });
});

// The simulator's cut-off faults end their own connection, and only theirs: a bodiless answer (204)
// used to complete, leave the socket in the client's pool, and have the delayed cut hit the
// client's next request on it (seen here as a write that never arrived).
describe("simulator: reset-after and truncate faults", () => {
  for (const fault of [{ reset: { route: "*", when: "after" } }, { truncate: { route: "*" } }]) {
    it(`${Object.keys(fault)[0]}: answers with Connection: close, so the next request is unharmed`, async () => {
      const made = await sim.raw<{ id: number }>("POST", "/_sim/state/runners", { body: { repo: "acme/web", name: `conn-${Object.keys(fault)[0]}` } });
      await sim.raw("PUT", "/_sim/faults", { body: fault });
      try {
        const res = await fetch(`${sim.url}/api/v3/repos/acme/web/actions/runners/${made.body.id}`, {
          method: "DELETE",
          headers: { authorization: "token ghp_monaDemoToken00000000000000000000000" },
        });
        expect(res.headers.get("connection")).toBe("close");
        await res.arrayBuffer().catch(() => null);
      } finally {
        await sim.raw("DELETE", "/_sim/faults");
      }
      // The next requests (same client pool) all arrive.
      const before = sim.sim!.requestLog.length;
      const answers = await Promise.all([1, 2, 3].map(() => sim.api("GET", "/repos/acme/web/actions/runners?per_page=1")));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(sim.sim!.requestLog.length - before).toBe(3);
    });
  }
});

describe("no unhandled rejection", () => {
  it("saw none across the matrix", async () => {
    await new Promise((r) => setTimeout(r, 100));
    expect(unhandled).toEqual([]);
  });
});
