import { describe, expect, it } from "vitest";
import { BatchWriter } from "@/lib/db/batch-writer";

describe("BatchWriter", () => {
  it("writes rows added in the same tick as one batch, and rows added during a write as the next", async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const writer = new BatchWriter<number>(async (rows) => {
      batches.push(rows);
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
    });
    const first = [writer.add(1), writer.add(2), writer.add(3)];
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[1, 2, 3]]);
    // The first write is still in flight: these wait and go together.
    const second = [writer.add(4), writer.add(5)];
    await new Promise((r) => setImmediate(r));
    expect(batches).toHaveLength(1);
    release();
    await Promise.all([...first, ...second]);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it("under load, waits for company: rows added a moment apart after a write go together", async () => {
    const batches: number[][] = [];
    const writer = new BatchWriter<number>(
      async (rows) => {
        batches.push(rows);
      },
      { gatherMs: 50, busyMs: 10_000 },
    );
    await writer.add(1);
    // A write just ended: the next batch waits up to 50 ms, so a row added a tick later joins it.
    const a = writer.add(2);
    await new Promise((r) => setImmediate(r));
    const b = writer.add(3);
    await Promise.all([a, b]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it("retries a failed batch row by row, so only the bad row fails", async () => {
    const written: number[] = [];
    const writer = new BatchWriter<number>(async (rows) => {
      if (rows.includes(2)) throw new Error(`bad row in ${rows.join(",")}`);
      written.push(...rows);
    });
    const results = await Promise.allSettled([writer.add(1), writer.add(2), writer.add(3)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(written).toEqual([1, 3]);
  });
});
