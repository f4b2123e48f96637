import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cachedRead, forgetCached } from "@/lib/db/read-cache";

const TTL = 1000;
const MAX_STALE = 10_000;

/** A load whose calls are counted and whose answers the test releases one by one. */
function controlledLoad() {
  const pending: { resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const load = vi.fn(() => new Promise<string>((resolve, reject) => pending.push({ resolve, reject })));
  return { load, pending };
}

const read = (key: string, load: () => Promise<string>) => cachedRead(key, load, TTL, MAX_STALE);

describe("cachedRead", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["performance"] });
    forgetCached();
  });
  afterEach(() => vi.useRealTimers());

  it("loads once while the value is younger than the ttl", async () => {
    const { load, pending } = controlledLoad();
    const first = read("k", load);
    pending[0]!.resolve("v1");
    expect(await first).toBe("v1");
    vi.advanceTimersByTime(TTL - 1);
    expect(await read("k", load)).toBe("v1");
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("past the ttl, answers the old value at once and reloads once behind it", async () => {
    const { load, pending } = controlledLoad();
    const first = read("k", load);
    pending[0]!.resolve("v1");
    await first;
    vi.advanceTimersByTime(TTL + 1);
    // Both requests get the old value without waiting for the reload, which starts only once.
    expect(await read("k", load)).toBe("v1");
    expect(await read("k", load)).toBe("v1");
    expect(load).toHaveBeenCalledTimes(2);
    pending[1]!.resolve("v2");
    await Promise.resolve();
    expect(await read("k", load)).toBe("v2");
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("past the longest staleness, waits for a fresh value", async () => {
    const { load, pending } = controlledLoad();
    const first = read("k", load);
    pending[0]!.resolve("v1");
    await first;
    vi.advanceTimersByTime(MAX_STALE + 1);
    const second = read("k", load);
    pending[1]!.resolve("v2");
    expect(await second).toBe("v2");
  });

  it("a write during a reload wins: the reload's (older) value is not kept", async () => {
    const { load, pending } = controlledLoad();
    const first = read("k", load);
    pending[0]!.resolve("v1");
    await first;
    vi.advanceTimersByTime(TTL + 1);
    expect(await read("k", load)).toBe("v1"); // starts the reload
    forgetCached("k"); // a write through this process
    pending[1]!.resolve("before the write");
    await Promise.resolve();
    const third = read("k", load);
    expect(load).toHaveBeenCalledTimes(3);
    pending[2]!.resolve("after the write");
    expect(await third).toBe("after the write");
  });

  it("a failed load is not kept: the next request loads again and sees the error itself", async () => {
    const { load, pending } = controlledLoad();
    const first = read("k", load);
    pending[0]!.reject(new Error("database down"));
    await expect(first).rejects.toThrow("database down");
    const second = read("k", load);
    pending[1]!.resolve("v1");
    expect(await second).toBe("v1");

    vi.advanceTimersByTime(TTL + 1);
    expect(await read("k", load)).toBe("v1"); // starts a reload, which fails
    pending[2]!.reject(new Error("database down"));
    await Promise.resolve();
    await Promise.resolve();
    const fourth = read("k", load);
    expect(load).toHaveBeenCalledTimes(4);
    pending[3]!.resolve("v2");
    expect(await fourth).toBe("v2");
  });
});
