import { describe, expect, it } from "vitest";
import { createLimiter } from "@/lib/limiter";

/** A task that resolves (or rejects) when the test says so, recording how many ran at once. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe("createLimiter", () => {
  it("never runs more than max tasks at once, whatever the number queued", async () => {
    const limiter = createLimiter(10);
    let running = 0;
    let highest = 0;
    const tasks = Array.from({ length: 300 }, (_, i) =>
      limiter.run(async () => {
        running++;
        highest = Math.max(highest, running);
        await new Promise((r) => setTimeout(r, (i * 7) % 5));
        running--;
        return i;
      }),
    );
    const results = await Promise.all(tasks);
    expect(results).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(highest).toBe(10);
    expect(limiter.stats()).toEqual({ active: 0, pending: 0, peak: 10, done: 300 });
  });

  it("starts waiting tasks in order (FIFO) as slots free up", async () => {
    const limiter = createLimiter(2);
    const started: number[] = [];
    const gates = Array.from({ length: 5 }, () => deferred<void>());
    const all = gates.map((g, i) =>
      limiter.run(async () => {
        started.push(i);
        await g.promise;
      }),
    );
    await flush();
    expect(started).toEqual([0, 1]);
    expect(limiter.stats()).toMatchObject({ active: 2, pending: 3 });
    gates[1]!.resolve();
    await flush();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.resolve();
    await flush();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const g of gates) g.resolve();
    await Promise.all(all);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it("starts higher-priority waiting tasks first, FIFO among equals", async () => {
    const limiter = createLimiter(1);
    const started: string[] = [];
    const gate = deferred<void>();
    const first = limiter.run(async () => {
      started.push("first");
      await gate.promise;
    });
    const rest = [
      limiter.run(() => Promise.resolve(void started.push("low-1")), 0),
      limiter.run(() => Promise.resolve(void started.push("high-1")), 1),
      limiter.run(() => Promise.resolve(void started.push("low-2")), 0),
      limiter.run(() => Promise.resolve(void started.push("high-2")), 1),
    ];
    gate.resolve();
    await Promise.all([first, ...rest]);
    expect(started).toEqual(["first", "high-1", "high-2", "low-1", "low-2"]);
  });

  it("frees the slot of a task that fails (rejects or throws) and passes the error on", async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(
      limiter.run(() => {
        throw new Error("sync boom");
      }),
    ).rejects.toThrow("sync boom");
    await expect(limiter.run(() => Promise.resolve("after"))).resolves.toBe("after");
    expect(limiter.stats()).toEqual({ active: 0, pending: 0, peak: 1, done: 3 });
  });

  it("refuses a bound that is not a whole number of at least 1", () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
    expect(() => createLimiter(2.5)).toThrow(RangeError);
  });
});
