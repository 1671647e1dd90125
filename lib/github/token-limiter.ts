import "server-only";
import { createHash } from "node:crypto";
import { UPSTREAM_CONCURRENCY_PER_TOKEN } from "@/lib/github/batch-protocol";
import { createLimiter, type Limiter, type LimiterStats } from "@/lib/limiter";

/**
 * One limiter per GitHub token, shared by every batch of that token in this server process: however many batches a
 * page (or several tabs of one session) sends at once, at most UPSTREAM_CONCURRENCY_PER_TOKEN of their requests are
 * in flight upstream. Keyed by a hash so the map never holds a token; a limiter is dropped once it is idle.
 */

const limiters = new Map<string, Limiter>();

function keyOf(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/** Runs `task` in the token's limiter; a higher `priority` starts first among those waiting. */
export function runForToken<T>(token: string, task: () => Promise<T>, priority = 0): Promise<T> {
  const key = keyOf(token);
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = createLimiter(UPSTREAM_CONCURRENCY_PER_TOKEN);
    limiters.set(key, limiter);
  }
  const own = limiter;
  return own.run(task, priority).finally(() => {
    const s = own.stats();
    if (s.active === 0 && s.pending === 0 && limiters.get(key) === own) limiters.delete(key);
  });
}

/** The token's limiter numbers, or null when it has nothing running or waiting (for tests). */
export function tokenLimiterStats(token: string): LimiterStats | null {
  return limiters.get(keyOf(token))?.stats() ?? null;
}
