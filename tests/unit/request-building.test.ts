import { describe, expect, it } from "vitest";
import { buildChatRequest } from "@/lib/gateway/request";
import type { WireTool } from "@/lib/stream/wire";
import type { ChatMessageInput } from "@/lib/validations/chat";

const weatherTool: WireTool = {
  type: "function",
  function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } },
};
const hello: ChatMessageInput[] = [{ role: "user", content: "Hello!" }];

describe("buildChatRequest", () => {
  it("sends only model, messages and stream when nothing is set", () => {
    const req = buildChatRequest({
      model: "anthropic/claude-sonnet-4",
      messages: hello,
      settings: {},
      stream: false,
    });
    expect(req).toEqual({
      model: "anthropic/claude-sonnet-4",
      messages: [{ role: "user", content: "Hello!" }],
      stream: false,
    });
    // No nulls and no undefined keys: the JSON is exactly what the gateway should see.
    expect(JSON.stringify(req)).toBe(
      '{"model":"anthropic/claude-sonnet-4","messages":[{"role":"user","content":"Hello!"}],"stream":false}',
    );
  });

  it("asks for usage on the final chunk when streaming", () => {
    const req = buildChatRequest({ model: "m", messages: hello, settings: {}, stream: true });
    expect(req.stream).toBe(true);
    expect(req.stream_options).toEqual({ include_usage: true });
  });

  it("puts the system prompt first and carries every sampling setting", () => {
    const req = buildChatRequest({
      model: "anthropic/claude-sonnet-4.6",
      messages: hello,
      settings: { system: "You are terse.", temperature: 0.2, top_p: 0.9, max_tokens: 512, json_mode: true },
      stream: true,
    });
    expect(req.messages[0]).toEqual({ role: "system", content: "You are terse." });
    expect(req.messages[1]).toEqual({ role: "user", content: "Hello!" });
    expect(req).toMatchObject({
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 512,
      response_format: { type: "json_object" },
    });
  });

  it("keeps a temperature of 0 and drops a whitespace-only system prompt", () => {
    const req = buildChatRequest({
      model: "m",
      messages: hello,
      settings: { system: "  \n", temperature: 0 },
      stream: false,
    });
    expect(req.temperature).toBe(0);
    expect(req.messages).toHaveLength(1);
  });

  it("sends tools with tool_choice and parallel_tool_calls, and neither without tools", () => {
    const settings = { tool_choice: "auto" as const, parallel_tool_calls: false };
    const withTools = buildChatRequest({
      model: "m",
      messages: hello,
      settings,
      tools: [weatherTool],
      stream: true,
    });
    expect(withTools).toMatchObject({
      tools: [weatherTool],
      tool_choice: "auto",
      parallel_tool_calls: false,
    });
    for (const tools of [undefined, []]) {
      const without = buildChatRequest({ model: "m", messages: hello, settings, tools, stream: true });
      expect(without).not.toHaveProperty("tools");
      expect(without).not.toHaveProperty("tool_choice");
      expect(without).not.toHaveProperty("parallel_tool_calls");
    }
  });

  it("drops a named tool_choice for a tool that is not offered", () => {
    const named = { type: "function" as const, function: { name: "calculator" as const } };
    const req = buildChatRequest({
      model: "m",
      messages: hello,
      settings: { tool_choice: named },
      tools: [weatherTool],
      stream: false,
    });
    expect(req).not.toHaveProperty("tool_choice");
    const offered = { type: "function" as const, function: { name: "get_weather" as const } };
    const ok = buildChatRequest({
      model: "m",
      messages: hello,
      settings: { tool_choice: offered },
      tools: [weatherTool],
      stream: false,
    });
    expect(ok.tool_choice).toEqual(offered);
  });

  it("passes text and image parts through, without empty detail fields", () => {
    const messages: ChatMessageInput[] = [
      {
        role: "user",
        content: [
          { type: "text", text: "What is this?" },
          { type: "image_url", image_url: { url: "https://example.com/cat.png" } },
          { type: "image_url", image_url: { url: "data:image/png;base64,AAAA", detail: "low" } },
        ],
      },
    ];
    const req = buildChatRequest({ model: "m", messages, settings: {}, stream: false });
    expect(req.messages[0]).toEqual(messages[0]);
    expect(JSON.stringify(req.messages[0])).not.toContain('detail":null');
  });

  it("sends an assistant tool turn back with its reasoning, then the tool result", () => {
    const details = [
      { type: "reasoning.text", text: "Need weather.", signature: "sig-abc", format: "anthropic-claude-v1" },
    ];
    const messages: ChatMessageInput[] = [
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content: "",
        reasoning: "Need weather.",
        reasoning_details: details,
        tool_calls: [
          {
            id: "call_1",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: '{"temperature":18}' },
    ];
    const req = buildChatRequest({ model: "m", messages, settings: { system: "S" }, stream: true });
    expect(req.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(req.messages[2]).toEqual({
      role: "assistant",
      // An empty text block is rejected by Anthropic next to tool calls.
      content: null,
      reasoning: "Need weather.",
      reasoning_details: details,
      tool_calls: [
        { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
      ],
    });
    expect(req.messages[3]).toEqual({ role: "tool", tool_call_id: "call_1", content: '{"temperature":18}' });
  });

  it("leaves out empty tool_calls and reasoning on a plain assistant turn", () => {
    const messages: ChatMessageInput[] = [
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Hello!", tool_calls: [], reasoning_details: [] },
      { role: "user", content: "Bye" },
    ];
    const req = buildChatRequest({ model: "m", messages, settings: {}, stream: false });
    expect(req.messages[1]).toEqual({ role: "assistant", content: "Hello!" });
  });

  it("does not mutate its input", () => {
    const messages: ChatMessageInput[] = [{ role: "user", content: [{ type: "text", text: "x" }] }];
    const settings = { system: "S", temperature: 0.5 };
    const snapshot = JSON.stringify({ messages, settings });
    const req = buildChatRequest({ model: "m", messages, settings, stream: true });
    (req.messages[1] as { content: unknown[] }).content.push({ type: "text", text: "y" });
    expect(JSON.stringify({ messages, settings })).toBe(snapshot);
  });
});
