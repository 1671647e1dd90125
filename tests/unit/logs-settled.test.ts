import { describe, expect, it } from "vitest";
import { settled } from "@/lib/logs/settled";

describe("settled", () => {
  it("is true for a promise already fulfilled or rejected", async () => {
    expect(await settled(Promise.resolve(1))).toBe(true);
    const rejected = Promise.reject(new Error("x"));
    expect(await settled(rejected)).toBe(true);
    await expect(rejected).rejects.toThrow("x");
  });

  it("is false for a pending promise, and true once it has settled", async () => {
    let resolve!: () => void;
    const p = new Promise<void>((r) => (resolve = r));
    expect(await settled(p)).toBe(false);
    resolve();
    await p;
    expect(await settled(p)).toBe(true);
  });

  it("is false for a promise that settles only after a task", async () => {
    const p = new Promise((r) => setTimeout(r, 0));
    expect(await settled(p)).toBe(false);
  });
});
