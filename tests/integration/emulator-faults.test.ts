import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorHandle, startEmulator } from "@/lib/gateway-emulator";
import { parseFault } from "@/lib/gateway-emulator/faults";
import { ask, assemble, clientFor, readStream } from "./emulator-client";

let emu: EmulatorHandle;
const { post, stream } = clientFor(() => emu);

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu?.close();
});

describe("emulator: faults", () => {
  it("answers each status fault with its status and error body", async () => {
    for (const status of [401, 402, 403, 413, 500, 503]) {
      const res = await post(ask(`Fail [fault:${status}]`));
      expect(res.status).toBe(status);
      const { error } = await res.json();
      expect(error.message.length).toBeGreaterThan(5);
      expect(typeof error.type).toBe("string");
    }
    const limited = await post(ask("Slow down [fault:429]"));
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "1"]);
    const longer = await post(ask("hi"), { "x-emulator-fault": "429:retry=7" });
    expect([longer.status, longer.headers.get("retry-after")]).toEqual([429, "7"]);
    expect((await post(ask("hi [fault:nonsense]"))).status).toBe(400);
  });

  it("applies *N faults to the first N identical requests only", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(ask("Retry me [fault:503*2]"))).status);
    expect(statuses).toEqual([503, 503, 200]);
    // Another prompt has its own counter.
    expect((await post(ask("Other prompt [fault:503*2]"))).status).toBe(503);
  });

  it("reads faults from the last user message only", async () => {
    const messages = [
      { role: "user", content: "First [fault:500]" },
      { role: "assistant", content: "ok" },
      { role: "user", content: "Second" },
    ];
    expect((await post({ ...ask(""), messages })).status).toBe(200);
  });

  it("resets the connection before any byte for reset, then answers once *N is spent", async () => {
    const failed = await post(ask("Reset me [fault:reset*1]")).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(TypeError);
    const code = (failed as { cause?: { code?: string } }).cause?.code;
    expect(["ECONNRESET", "UND_ERR_SOCKET"]).toContain(code);
    expect((await post(ask("Reset me [fault:reset*1]"))).status).toBe(200);
    expect(parseFault("reset:1")).toHaveProperty("error");
  });

  it("cuts the socket mid-stream without [DONE]", async () => {
    const { frames, cut } = await stream(ask("Tell me something [fault:cut]"));
    expect(cut).toBe(true);
    expect(assemble(frames).content.length).toBeGreaterThan(0);
    expect(frames.some((f) => f.data === "[DONE]")).toBe(false);
  });

  it("sends one malformed chunk mid-stream, then the rest intact", async () => {
    const clean = assemble((await stream(ask("Malformed test"))).frames);
    const { frames } = await stream(ask("Malformed test"), { "x-emulator-fault": "malformed" });
    const bad = frames.filter((f) => {
      try {
        JSON.parse(f.data === "[DONE]" ? "0" : f.data);
        return false;
      } catch {
        return true;
      }
    });
    expect(bad).toHaveLength(1);
    expect(assemble(frames.filter((f) => !bad.includes(f))).content).toBe(clean.content);
    expect(frames.at(-1)?.data).toBe("[DONE]");
  });

  it("sends errors inside a 200 stream, plain and as an `event: error` frame", async () => {
    for (const spec of ["stream-error", "event-error"]) {
      const res = await post(ask(`Break [fault:${spec}]`));
      expect(res.status).toBe(200);
      const { frames, cut } = await readStream(res);
      expect(cut).toBe(false);
      const last = frames.at(-1)!;
      expect(JSON.parse(last.data).error.message).toBeTruthy();
      expect(last.event).toBe(spec === "event-error" ? "error" : undefined);
      expect(assemble(frames.slice(0, -1)).content.length).toBeGreaterThan(0);
    }
  });

  it("delays the first byte for slow-first-byte", async () => {
    expect(parseFault("slow-first-byte")).toEqual({ fault: { kind: "slow-first-byte", delayMs: 3000 } });
    const t0 = performance.now();
    const res = await post(ask("Wait [fault:slow-first-byte:300]"));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    expect(res.status).toBe(200);
    await res.text();
  });

  it("stalls after a few chunks until the client leaves, and counts it aborted", async () => {
    const controller = new AbortController();
    const res = await post(ask("Go quiet [fault:stall]"), {}, controller.signal);
    const reader = res.body!.getReader();
    let text = "";
    while ((text.match(/\n\n/g) ?? []).length < 4)
      text += new TextDecoder().decode((await reader.read()).value);
    // Silence is the behaviour under test: nothing more arrives within 300 ms.
    const next = await Promise.race([
      reader.read().then(() => "data"),
      new Promise((r) => setTimeout(r, 300, "silent")),
    ]);
    expect(next).toBe("silent");
    const aborted = once(emu.events, "aborted");
    const before = emu.stats.aborted;
    controller.abort();
    await aborted;
    expect(emu.stats.aborted).toBe(before + 1);
  });

  it("counts a client that leaves mid-stream as aborted", async () => {
    const controller = new AbortController();
    const res = await post(ask("A long answer please [pace:chunk=30]"), {}, controller.signal);
    const reader = res.body!.getReader();
    await reader.read();
    const aborted = once(emu.events, "aborted");
    const before = { ...emu.stats };
    controller.abort();
    await aborted;
    expect(emu.stats.aborted).toBe(before.aborted + 1);
    expect(emu.stats.completed).toBe(before.completed);
    expect(emu.requests.at(-1)?.headers.authorization).toBe("Bearer test");
  });
});
