import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorHandle, startEmulator } from "@/lib/gateway-emulator";
import type { ChatCompletionChunk } from "@/lib/stream/wire";
import { ask, assemble, clientFor, SONNET_4, SONNET_46 } from "./emulator-client";

let emu: EmulatorHandle;
const { post, stream } = clientFor(() => emu);

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu?.close();
});

describe("emulator: streaming and bodies", () => {
  it("streams role, then reasoning, then content for Sonnet 4.6, ending with usage and [DONE]", async () => {
    const { frames } = await stream(ask("Explain server-sent events"));
    const a = assemble(frames);
    expect(a.order).toEqual(["role", "reasoning", "content"]);
    expect(a.reasoning).toContain("Explain server-sent events");
    expect(a.content).toMatch(/^## /);
    expect(a.content).toContain("```ts");
    expect(a.content).toContain("```python");
    expect(a.content).toMatch(/\| --- \|/);
    expect(a.content).toMatch(/\[[^\]]+\]\(https:\/\//);
    expect(a.finish).toBe("stop");
    expect(frames.at(-1)?.data).toBe("[DONE]");
    const usageChunk = JSON.parse(frames.at(-2)!.data) as ChatCompletionChunk;
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage?.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
    const first = JSON.parse(frames[0]!.data);
    expect(first).toMatchObject({
      object: "chat.completion.chunk",
      model: SONNET_46,
      choices: [{ delta: { role: "assistant" } }],
    });
    expect(first.id).toMatch(/^chatcmpl-/);
    expect(typeof first.created).toBe("number");
  });

  it("sends no reasoning for Sonnet 4, and no usage chunk unless asked", async () => {
    const { frames } = await stream({ ...ask("Explain SSE"), model: SONNET_4, stream_options: undefined });
    const a = assemble(frames);
    expect(a.order).toEqual(["role", "content"]);
    expect(a.usage).toBeNull();
  });

  it("answers non-streaming with a chat.completion body and usage", async () => {
    const res = await post({ ...ask("What is a monad?"), stream: false });
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = await res.json();
    expect(body).toMatchObject({
      object: "chat.completion",
      model: SONNET_46,
      choices: [{ index: 0, finish_reason: "stop" }],
    });
    expect(body.choices[0].message.role).toBe("assistant");
    expect(body.choices[0].message.content).toContain("What is a monad?");
    expect(body.choices[0].message.reasoning_content.length).toBeGreaterThan(20);
    const { prompt_tokens, completion_tokens, total_tokens } = body.usage;
    expect(prompt_tokens).toBe(Math.ceil("What is a monad?".length / 4));
    expect(total_tokens).toBe(prompt_tokens + completion_tokens);
    const words = body.choices[0].message.content.split(/\s+/).length;
    expect(words).toBeGreaterThan(150);
    expect(words).toBeLessThan(300);
    const four = await post({ ...ask("What is a monad?"), model: SONNET_4, stream: false }).then((r) =>
      r.json(),
    );
    expect(four.choices[0].message.reasoning_content).toBeUndefined();
    expect(four.usage.completion_tokens_details).toBeUndefined();
  });

  it("gives the same bytes for the same request, and streamed equals non-streamed", async () => {
    const one = await stream(ask("Determinism check"));
    const two = await stream(ask("Determinism check"));
    expect(two.raw).toBe(one.raw);
    const json = await post({ ...ask("Determinism check"), stream: false }).then((r) => r.json());
    expect(assemble(one.frames).content).toBe(json.choices[0].message.content);
  });

  it("truncates at max_tokens with finish_reason length", async () => {
    const body = await post({ ...ask("Explain SSE"), model: SONNET_4, max_tokens: 20, stream: false }).then(
      (r) => r.json(),
    );
    expect(body.choices[0].finish_reason).toBe("length");
    expect(body.choices[0].message.content.length).toBeLessThanOrEqual(80);
    expect(body.usage.completion_tokens).toBeLessThanOrEqual(20);
  });

  it("returns valid JSON content in JSON mode", async () => {
    const a = assemble(
      (await stream(ask("Give me facts about otters", { response_format: { type: "json_object" } }))).frames,
    );
    expect(JSON.parse(a.content)).toMatchObject({ question: "Give me facts about otters", model: SONNET_46 });
  });

  it("acknowledges images by count, decoded size and host", async () => {
    const png = `data:image/png;base64,${Buffer.alloc(3000, 7).toString("base64")}`;
    const content = [
      { type: "text", text: "What is in these?" },
      { type: "image_url", image_url: { url: png } },
      { type: "image_url", image_url: { url: "https://images.example.org/cat.jpg" } },
    ];
    const body = await post({ model: SONNET_4, messages: [{ role: "user", content }] }).then((r) => r.json());
    const text = body.choices[0].message.content;
    expect(text).toContain("2 images");
    expect(text).toContain("2.9 KB");
    expect(text).toContain("images.example.org");
  });

  it("makes a long answer for [long:N], and paces by [pace:…]", async () => {
    const body = await post({ ...ask("Bench [long:3000]"), stream: false }).then((r) => r.json());
    const text: string = body.choices[0].message.content;
    expect(text.length).toBeGreaterThan(3000 * 4 * 0.9);
    expect(text.match(/^```\w+$/gm)).toHaveLength(8);
    expect(text.match(/^\| Step \|/gm)).toHaveLength(3);
    expect(text).not.toContain("[long:");
    const { frames } = await stream(ask("Tiny pieces [pace:size=3,first=0,chunk=0]"));
    const contentFrames = frames.filter((f) => f.data.includes('"content"'));
    expect(contentFrames.length).toBeGreaterThan(100);
  });

  it("lists both models", async () => {
    const list = await fetch(`${emu.url}/models`, { headers: { authorization: "Bearer t" } }).then((r) =>
      r.json(),
    );
    expect(list.object).toBe("list");
    expect(list.data.map((m: { id: string }) => m.id)).toEqual([SONNET_4, SONNET_46]);
  });
});

describe("emulator: validation and auth", () => {
  it("rejects bad requests with OpenAI-style errors", async () => {
    const unknown = await post({ ...ask("hi"), model: "gpt-4" });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatchObject({
      type: "invalid_request_error",
      code: "model_not_found",
    });
    const empty = await post({ model: SONNET_4, messages: [] });
    expect(empty.status).toBe(400);
    const { error } = await empty.json();
    expect(error).toMatchObject({ param: "messages", type: "invalid_request_error", code: "invalid_value" });
    expect(error.message).toContain("messages");
    const hot = await post({ ...ask("hi"), temperature: 9 });
    expect((await hot.json()).error.param).toBe("temperature");
    const notJson = await fetch(`${emu.url}/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer t" },
      body: "{nope",
    });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.code).toBe("invalid_json");
  });

  it("requires a bearer key", async () => {
    const res = await fetch(`${emu.url}/chat/completions`, {
      method: "POST",
      body: JSON.stringify(ask("hi")),
    });
    expect(res.status).toBe(401);
    expect((await res.json()).error.type).toBe("authentication_error");
  });
});
