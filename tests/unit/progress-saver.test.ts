import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { logger } from "@/lib/observability/logger";
import { ProgressSaver } from "@/lib/relay/progress-saver";

/** A save the test finishes by hand, to hold one "in flight". */
function manualSaves() {
  const pending: (() => void)[] = [];
  let started = 0;
  let running = 0;
  let maxRunning = 0;
  const save = () => {
    started++;
    running++;
    maxRunning = Math.max(maxRunning, running);
    return new Promise<void>((resolve) => {
      pending.push(() => {
        running--;
        resolve();
      });
    });
  };
  return {
    save,
    get started() {
      return started;
    },
    get maxRunning() {
      return maxRunning;
    },
    finishOne: async () => {
      pending.shift()?.();
      await vi.advanceTimersByTimeAsync(0);
    },
  };
}

describe("ProgressSaver", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves at most once per interval while frames keep arriving", async () => {
    const saves = vi.fn(async () => {});
    const saver = new ProgressSaver(saves, 1000);
    for (let t = 0; t < 3500; t += 50) {
      saver.touch();
      await vi.advanceTimersByTimeAsync(50);
    }
    // t = 1000, 2000, 3000: one per second, the first a second after the row was created.
    expect(saves).toHaveBeenCalledTimes(3);
  });

  it("does not save when nothing changed", async () => {
    const saves = vi.fn(async () => {});
    const saver = new ProgressSaver(saves, 1000);
    saver.touch();
    await vi.advanceTimersByTimeAsync(5000);
    expect(saves).toHaveBeenCalledTimes(1);
  });

  it("never runs two saves at once, and the final save waits for the one in flight", async () => {
    const m = manualSaves();
    const saver = new ProgressSaver(m.save, 100);
    saver.touch();
    await vi.advanceTimersByTimeAsync(100);
    expect(m.started).toBe(1);
    // A slow database: more frames and time pass, but no second save starts.
    saver.touch();
    await vi.advanceTimersByTimeAsync(500);
    expect(m.started).toBe(1);
    const final = vi.fn(async () => {});
    const closing = saver.close(final);
    await vi.advanceTimersByTimeAsync(0);
    expect(final).not.toHaveBeenCalled();
    await m.finishOne();
    await closing;
    expect(final).toHaveBeenCalledTimes(1);
    // The pending throttled save was dropped: the final one carries the latest state.
    expect(m.started).toBe(1);
    expect(m.maxRunning).toBe(1);
  });

  it("keeps streaming when a save fails", async () => {
    const errors = vi.spyOn(logger, "error").mockImplementation(() => {});
    let calls = 0;
    const saver = new ProgressSaver(async () => {
      calls++;
      throw new Error("database down");
    }, 100);
    saver.touch();
    await vi.advanceTimersByTimeAsync(100);
    saver.touch();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toBe(2);
    await saver.close(async () => {});
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });
});
