/**
 * A concurrency limiter: at most `max` tasks run at once, the rest wait: higher `priority` first, then in
 * order of arrival (FIFO). The batch route keeps one of 10 per token (lib/github/token-limiter), so the org
 * overview of a 300-repository org never has more than 10 requests in flight upstream for the signed-in token,
 * however many sections load or poll at once.
 */

export interface LimiterStats {
  /** Tasks running now. */
  active: number;
  /** Tasks waiting for a slot. */
  pending: number;
  /** The most that ever ran at once. */
  peak: number;
  /** Tasks finished (resolved or rejected). */
  done: number;
}

export interface Limiter {
  readonly max: number;
  /** Runs `task` when a slot is free; waiting tasks with a higher priority start first (default 0). */
  run<T>(task: () => Promise<T>, priority?: number): Promise<T>;
  stats(): LimiterStats;
}

export function createLimiter(max: number): Limiter {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`A limiter needs a whole number of slots (at least 1), got ${max}`);
  const waiting: { start: () => void; priority: number }[] = [];
  let active = 0;
  let peak = 0;
  let done = 0;

  const release = () => {
    active--;
    done++;
    let best = -1;
    for (let i = 0; i < waiting.length; i++) if (best === -1 || waiting[i]!.priority > waiting[best]!.priority) best = i;
    if (best !== -1) waiting.splice(best, 1)[0]!.start();
  };

  return {
    max,
    run<T>(task: () => Promise<T>, priority = 0): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const start = () => {
          active++;
          if (active > peak) peak = active;
          let result: Promise<T>;
          try {
            result = task();
          } catch (error) {
            release();
            reject(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          result.then(
            (value) => {
              release();
              resolve(value);
            },
            (error: unknown) => {
              release();
              reject(error instanceof Error ? error : new Error(String(error)));
            },
          );
        };
        if (active < max) start();
        else waiting.push({ start, priority });
      });
    },
    stats: () => ({ active, pending: waiting.length, peak, done }),
  };
}
