/**
 * A concurrency limiter: at most `max` tasks run at once, the rest wait in order (FIFO). The org overview
 * sends every request through one limiter of 10, so a 300-repository org never has more than 10 requests
 * in flight for the signed-in token, however many sections load or poll at once.
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
  run<T>(task: () => Promise<T>): Promise<T>;
  stats(): LimiterStats;
}

export function createLimiter(max: number): Limiter {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`A limiter needs a whole number of slots (at least 1), got ${max}`);
  const waiting: (() => void)[] = [];
  let active = 0;
  let peak = 0;
  let done = 0;

  const release = () => {
    active--;
    done++;
    const next = waiting.shift();
    if (next) next();
  };

  return {
    max,
    run<T>(task: () => Promise<T>): Promise<T> {
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
        else waiting.push(start);
      });
    },
    stats: () => ({ active, pending: waiting.length, peak, done }),
  };
}

type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * A fetch whose requests take a slot of `limiter` until their response headers arrive. The body is read
 * after the slot is freed: a slow body download does not hold back the next request's round trip, and the
 * bound still holds for what the server sees (requests waiting for an answer).
 */
export function limitedFetch(baseFetch: FetchLike, limiter: Limiter): FetchLike {
  return (input, init) => limiter.run(() => baseFetch(input, init));
}
