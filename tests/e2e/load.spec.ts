/**
 * The load benchmark's short form (bench/load.bench.ts has the 100 clients × 10 minutes): 20 signed-in
 * clients poll finished runs and their jobs through the proxy with If-None-Match, every second for
 * 20 s, against the simulator with 100 ms of latency, next to 2 clients polling the simulator
 * directly. No errors; at least 90 % of the proxied polls answered 304; the ETags the proxy passes
 * through are the simulator's. No timing assertions.
 */
import { expect, test } from "@playwright/test";
import { runLoad } from "../../bench/load-driver";
import { sim, simUrl, TOKENS } from "./sim";

test("load (short form): 20 clients × 20 s of ETag polling through the proxy: no errors, ≥ 90 % answered 304", async () => {
  test.setTimeout(120_000);
  const appUrl = process.env.AC_BASE_URL!;
  // hubot (admin of acme/web) has his own rate-limit budget: the other tests' mona is left alone.
  const runs = (await (
    await fetch(`${simUrl()}/api/v3/repos/acme/web/actions/runs?status=completed&per_page=20`, {
      headers: { authorization: `token ${TOKENS.hubot}` },
    })
  ).json()) as { workflow_runs: { id: number }[] };
  const ids = runs.workflow_runs.map((r) => r.id);
  expect(ids.length).toBeGreaterThan(5);
  await sim.setFaults({ latencyMs: 100 });
  try {
    const result = await runLoad({
      appUrl,
      simUrl: simUrl(),
      token: TOKENS.hubot,
      clients: 20,
      directClients: 2,
      durationMs: 20_000,
      pollMs: 1_000,
      paths: (i) => {
        const id = ids[i % ids.length]!;
        return [`/repos/acme/web/actions/runs/${id}`, `/repos/acme/web/actions/runs/${id}/jobs?filter=latest&per_page=100&page=1`];
      },
    });
    expect(result.errorSamples).toEqual([]);
    expect(result.proxied.errors).toBe(0);
    expect(result.direct.errors).toBe(0);
    expect(result.proxied.polls).toBeGreaterThan(20 * 2 * 5);
    expect(result.proxied.notModified / result.proxied.polls).toBeGreaterThanOrEqual(0.9);
  } finally {
    await sim.clearFaults();
  }
});
