import OpenAI, { NotFoundError, RateLimitError } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorHandle, startEmulator } from "@/lib/gateway-emulator";

// The official SDK, unchanged, is the reference client: if it works against the emulator, the
// emulator speaks the gateway's dialect of the OpenAI API closely enough to trust in tests.
let emu: EmulatorHandle;
let client: OpenAI;

beforeAll(async () => {
  emu = await startEmulator({ chunkDelayMs: 1 });
  // No retries: the error tests want the first answer, not the SDK's backoff.
  client = new OpenAI({ baseURL: emu.url, apiKey: "sk-test", maxRetries: 0 });
});
afterAll(async () => {
  await emu?.close();
});

describe("the openai SDK against the emulator", () => {
  it("creates a non-streaming completion", async () => {
    const completion = await client.chat.completions.create({
      model: "anthropic/claude-sonnet-4",
      messages: [{ role: "user", content: "Explain event loops" }],
    });
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices[0]?.message.content).toContain("Explain event loops");
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    expect(emu.requests.at(-1)?.headers.authorization).toBe("Bearer sk-test");
  });

  it("streams with for await, reasoning before content, usage last", async () => {
    const stream = await client.chat.completions.create({
      model: "anthropic/claude-sonnet-4.6",
      messages: [{ role: "user", content: "Explain event loops" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let content = "";
    let reasoning = "";
    let reasoningAfterContent = false;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { content?: string; reasoning_content?: string } | undefined;
      if (delta?.reasoning_content) {
        if (content) reasoningAfterContent = true;
        reasoning += delta.reasoning_content;
      }
      content += delta?.content ?? "";
      if (chunk.usage) usage = chunk.usage;
    }
    expect(reasoning.length).toBeGreaterThan(20);
    expect(reasoningAfterContent).toBe(false);
    expect(content).toContain("```python");
    expect(usage?.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
  });

  it("returns tool calls the SDK's stream helper assembles", async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: "function",
        function: {
          name: "get_weather",
          parameters: { type: "object", properties: { city: { type: "string" } } },
        },
      },
    ];
    const runner = client.chat.completions.stream({
      model: "anthropic/claude-sonnet-4",
      messages: [{ role: "user", content: "Weather in Lisbon and in Oslo?" }],
      tools,
    });
    const final = await runner.finalChatCompletion();
    const calls = final.choices[0]?.message.tool_calls ?? [];
    expect(final.choices[0]?.finish_reason).toBe("tool_calls");
    expect(calls.map((c) => c.type === "function" && JSON.parse(c.function.arguments).city)).toEqual([
      "Lisbon",
      "Oslo",
    ]);

    const plain = await client.chat.completions.create({
      model: "anthropic/claude-sonnet-4",
      messages: [{ role: "user", content: "Weather in Lisbon?" }],
      tools,
    });
    const call = plain.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === "function" && call.function.name).toBe("get_weather");
  });

  it("maps 429 and 404 to the SDK's error classes", async () => {
    const limited = client.chat.completions.create(
      { model: "anthropic/claude-sonnet-4", messages: [{ role: "user", content: "hi" }] },
      { headers: { "x-emulator-fault": "429:retry=3" } },
    );
    await expect(limited).rejects.toBeInstanceOf(RateLimitError);
    const error = (await limited.catch((e: unknown) => e)) as RateLimitError;
    expect(error.status).toBe(429);
    expect(error.headers?.get("retry-after")).toBe("3");
    expect(error.code).toBe("rate_limit_exceeded");

    const missing = client.chat.completions.create({
      model: "anthropic/claude-opus-9",
      messages: [{ role: "user", content: "hi" }],
    });
    await expect(missing).rejects.toBeInstanceOf(NotFoundError);
    expect(((await missing.catch((e: unknown) => e)) as NotFoundError).code).toBe("model_not_found");
  });

  it("lists the models", async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(["anthropic/claude-sonnet-4", "anthropic/claude-sonnet-4.6"]);
  });
});
