import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorHandle, startEmulator } from "@/lib/gateway-emulator";
import { ask, assemble, clientFor, fn, readStream, SONNET_4, TOOLS } from "./emulator-client";

let emu: EmulatorHandle;
const { post, stream } = clientFor(() => emu);

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu?.close();
});

describe("emulator: tools", () => {
  const tooled = (prompt: string, extra: Record<string, unknown> = {}) =>
    ask(prompt, { tools: TOOLS, ...extra });

  it("streams one tool call the way the model pages show, reasoning first on 4.6", async () => {
    const { frames } = await stream(tooled("What's the weather in Paris?"));
    const a = assemble(frames);
    expect(a.order).toEqual(["role", "reasoning", "tool"]);
    expect(a.finish).toBe("tool_calls");
    expect(a.calls).toHaveLength(1);
    expect(a.calls[0]).toMatchObject({ name: "get_weather", id: expect.stringMatching(/^call_/) });
    expect(JSON.parse(a.calls[0]!.args)).toEqual({ city: "Paris" });
    const head = frames.map((f) => f.data).find((d) => d.includes("tool_calls"))!;
    expect(JSON.parse(head).choices[0].delta.tool_calls[0]).toEqual({
      index: 0,
      id: a.calls[0]!.id,
      type: "function",
      function: { name: "get_weather", arguments: "" },
    });
  });

  it("calls two tools in parallel, and other tools by what was asked", async () => {
    const two = assemble((await stream(tooled("Weather in Paris and in Tokyo?"))).frames);
    expect(two.calls.map((c) => JSON.parse(c.args).city)).toEqual(["Paris", "Tokyo"]);
    const mixed = assemble(
      (await stream(tooled("What's the weather in Paris and what time is it in Tokyo?"))).frames,
    );
    expect(mixed.calls.map((c) => c.name)).toEqual(["get_weather", "get_current_time"]);
    expect(JSON.parse(mixed.calls[1]!.args)).toEqual({ timezone: "Asia/Tokyo" });
    const calc = assemble((await stream(tooled("What is 12 * (3 + 4)?", { model: SONNET_4 }))).frames);
    expect(calc.order).toEqual(["role", "tool"]);
    expect(JSON.parse(calc.calls[0]!.args)).toEqual({ expression: "12 * (3 + 4)" });
  });

  it("respects tool_choice none, a forced tool, and tools under other names", async () => {
    const none = assemble((await stream(tooled("Weather in Paris?", { tool_choice: "none" }))).frames);
    expect(none.calls).toHaveLength(0);
    expect(none.finish).toBe("stop");
    const forced = tooled("Hello there", {
      tool_choice: { type: "function", function: { name: "get_current_time" } },
    });
    expect(assemble((await stream(forced)).frames).calls.map((c) => c.name)).toEqual(["get_current_time"]);
    const custom = ask("Weather in Oslo?", { tools: [fn("weather", { location: { type: "string" } })] });
    const c = assemble((await stream(custom)).frames).calls;
    expect(c.map((x) => [x.name, JSON.parse(x.args)])).toEqual([["weather", { location: "Oslo" }]]);
  });

  it("makes one call per turn with parallel_tool_calls false, then answers from the results", async () => {
    const messages: Record<string, unknown>[] = [{ role: "user", content: "Weather in Paris and in Tokyo?" }];
    const results: Record<string, string> = {
      Paris: '{"city":"Paris","temperature_c":18.5}',
      Tokyo: '{"city":"Tokyo","temperature_c":24.1}',
    };
    for (const city of ["Paris", "Tokyo"]) {
      const turn = await post({ ...tooled(""), messages, parallel_tool_calls: false, stream: false }).then(
        (r) => r.json(),
      );
      const calls = turn.choices[0].message.tool_calls;
      expect(calls).toHaveLength(1);
      expect(JSON.parse(calls[0].function.arguments).city).toBe(city);
      messages.push(
        { role: "assistant", content: null, tool_calls: calls },
        { role: "tool", tool_call_id: calls[0].id, content: results[city] },
      );
    }
    const final = await post({ ...tooled(""), messages, parallel_tool_calls: false }).then(readStream);
    const a = assemble(final.frames);
    expect(a.finish).toBe("stop");
    expect(a.calls).toHaveLength(0);
    expect(a.content).toContain("18.5");
    expect(a.content).toContain("24.1");
  });
});
