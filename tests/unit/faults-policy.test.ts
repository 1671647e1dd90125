import { describe, expect, it } from "vitest";
import {
  DEFAULT_TIMING,
  PREFETCH_TIMING,
  attemptTimeoutMs,
  backoffMs,
  rateLimitWaitMs,
  retryDelay,
  type AttemptOutcome,
} from "@/lib/faults/policy";

const NOW = Date.UTC(2026, 10, 22, 3, 0, 0);
const noJitter = () => 0;
const fullJitter = () => 0.999;

function delay(method: string, outcome: AttemptOutcome, retries = 0, elapsedMs = 0) {
  return retryDelay({ method, retries, outcome, elapsedMs, now: NOW, random: noJitter });
}

describe("retry policy", () => {
  it("never retries a write, whatever the answer", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(delay(method, { kind: "response", status: 502 })).toBeNull();
      expect(delay(method, { kind: "network" })).toBeNull();
      expect(delay(method, { kind: "response", status: 403, headers: { "retry-after": "1" }, message: "secondary rate limit" })).toBeNull();
    }
  });

  it("retries reads on 500/502/503/504 and lost connections, at most 3 times, backing off", () => {
    const waits = [0, 1, 2].map((n) => delay("GET", { kind: "response", status: 503 }, n));
    expect(waits).toEqual([500, 1000, 2000]);
    expect(delay("GET", { kind: "response", status: 503 }, 3)).toBeNull();
    expect(delay("HEAD", { kind: "network" }, 0)).toBe(500);
    // jitter adds at most a quarter and keeps the waits increasing
    const jittered = [0, 1, 2].map((n) => backoffMs(n, DEFAULT_TIMING, fullJitter));
    expect(jittered[0]!).toBeLessThan(jittered[1]!);
    expect(jittered[1]!).toBeLessThan(jittered[2]!);
    expect(jittered[2]!).toBeLessThanOrEqual(2500);
  });

  it("does not retry what a retry cannot fix", () => {
    for (const status of [400, 401, 403, 404, 409, 410, 422, 501]) {
      expect(delay("GET", { kind: "response", status, message: "Not Found" })).toBeNull();
    }
    expect(delay("GET", { kind: "timeout" })).toBeNull();
  });

  it("waits for retry-after, never less", () => {
    const secondary = "You have exceeded a secondary rate limit.";
    expect(delay("GET", { kind: "response", status: 403, headers: { "retry-after": "3" }, message: secondary })).toBe(3000);
    expect(delay("GET", { kind: "response", status: 429, headers: new Headers({ "retry-after": "2" }) })).toBe(2000);
    // a 503 that says when to come back
    expect(delay("GET", { kind: "response", status: 503, headers: { "retry-after": "4" } })).toBe(4000);
  });

  it("waits for the reset of a primary limit (plus a second), or gives up when it is past the deadline", () => {
    const resetIn = (s: number) => ({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(NOW / 1000 + s) });
    expect(rateLimitWaitMs(403, resetIn(2), "API rate limit exceeded for user ID 1.", NOW)).toBe(3000);
    expect(delay("GET", { kind: "response", status: 403, headers: resetIn(2), message: "API rate limit exceeded" })).toBe(3000);
    expect(delay("GET", { kind: "response", status: 403, headers: resetIn(3600), message: "API rate limit exceeded" })).toBeNull();
  });

  it("treats a secondary limit without retry-after as a minute's wait: no retry within the deadline", () => {
    expect(rateLimitWaitMs(403, {}, "You have exceeded a secondary rate limit.", NOW)).toBe(60_000);
    expect(delay("GET", { kind: "response", status: 403, headers: {}, message: "You have exceeded a secondary rate limit." })).toBeNull();
    expect(delay("GET", { kind: "response", status: 429, headers: {} })).toBeNull();
  });

  it("keeps every wait and attempt inside the deadline", () => {
    expect(delay("GET", { kind: "response", status: 502 }, 2, 8_000)).toBeNull(); // 8 s + 2 s wait leaves nothing
    expect(delay("GET", { kind: "response", status: 502 }, 1, 8_000)).toBe(1000);
    expect(delay("GET", { kind: "response", status: 403, headers: { "retry-after": "9" }, message: "secondary rate limit" }, 0, 1_000)).toBeNull();
    expect(attemptTimeoutMs(0)).toBe(10_000);
    expect(attemptTimeoutMs(7_500)).toBe(2_500);
    expect(attemptTimeoutMs(12_000)).toBe(1);
    // the worst case of retried 5xx: 3 waits of at most 0.625 + 1.25 + 2.5 s, well inside 10 s
    expect(backoffMs(0, DEFAULT_TIMING, fullJitter) + backoffMs(1, DEFAULT_TIMING, fullJitter) + backoffMs(2, DEFAULT_TIMING, fullJitter)).toBeLessThan(DEFAULT_TIMING.deadlineMs);
  });

  it("a prefetch that the client repeats, plus the client's own try, still ends within 12 s", () => {
    expect(PREFETCH_TIMING.deadlineMs + DEFAULT_TIMING.deadlineMs).toBeLessThanOrEqual(11_500);
    // a retried 5xx fits once in the prefetch's budget
    expect(retryDelay({ method: "GET", retries: 0, outcome: { kind: "response", status: 502 }, elapsedMs: 100, timing: PREFETCH_TIMING, random: noJitter })).toBe(250);
    expect(retryDelay({ method: "GET", retries: 1, outcome: { kind: "response", status: 502 }, elapsedMs: 400, timing: PREFETCH_TIMING, random: noJitter })).toBeNull();
  });
});

describe("runner write messages", () => {
  it("say once whether the change happened", async () => {
    const { writeErrorText } = await import("@/lib/runners/write-error");
    const { ApiError } = await import("@/lib/client/api-error");
    const unknown = new ApiError({
      error: {
        status: 502,
        message: "GitHub accepted the request (201) but the answer was cut off.",
        documentation_url: null,
        write_outcome: "unknown",
      },
    });
    expect(writeErrorText(unknown, "create a registration token")).toBe(
      "Could not create a registration token: GitHub accepted the request (201) but the answer was cut off (HTTP 502). It may or may not have happened: reload to check before trying again.",
    );
    // the dashboard itself unreachable (no write_outcome from the proxy): unknown too
    const offline = new ApiError({ error: { status: 0, message: "The dashboard could not be reached.", documentation_url: null } });
    expect(writeErrorText(offline, "delete the runner x")).toMatch(/could not be reached\. It may or may not have happened/);
    const refused = new ApiError({ error: { status: 422, message: "GitHub refused the input: busy", documentation_url: null } });
    expect(writeErrorText(refused, "delete the runner x")).toBe("Could not delete the runner x: GitHub refused the input: busy (HTTP 422). Nothing was changed.");
  });
});
