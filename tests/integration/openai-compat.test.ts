/**
 * The OpenAI-compatible endpoint over real HTTP (next start + the gateway emulator + PGlite), with
 * the official `openai` SDK, unchanged, pointed at `<parley>/api/v1` with a Parley API key.
 */
import OpenAI, { AuthenticationError, NotFoundError, RateLimitError } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorHandle, startEmulator } from "@/lib/gateway-emulator";
import { type ParleyServer, startParley } from "../support/parley-server";
import { createStore, MODEL, type Store } from "../support/persistence";
import { clearUserLimits, createKey, setUserLimits } from "../support/usage";

const GATEWAY_KEY = "sk-openai-compat-secret-gateway-key";

describe("OpenAI-compatible endpoint with the openai SDK", { timeout: 60_000 }, () => {
  let emulator: EmulatorHandle;
  let parley: ParleyServer;
  let store: Store;
  let key: { id: string; secret: string };
  let client: OpenAI;

  beforeAll(async () => {
    emulator = await startEmulator({ chunkDelayMs: 1 });
    store = await createStore("pglite");
    parley = await startParley({
      AIGATEWAY_API_KEY: GATEWAY_KEY,
      AIGATEWAY_BASE_URL: emulator.url,
      GATEWAY_MAX_RETRIES: "0",
      ...store.env,
    });
    key = await createKey(parley.url, "sdk");
    client = new OpenAI({ baseURL: `${parley.url}/api/v1`, apiKey: key.secret, maxRetries: 0 });
  }, 120_000);

  afterAll(async () => {
    await parley?.stop();
    await emulator?.close();
    await store?.drop();
  });

  it("shows the secret once, with its prefix, and lists only the prefix", async () => {
    expect(key.secret).toMatch(/^pk_live_[A-Za-z0-9_-]{40,}$/);
    const list = (await (await fetch(`${parley.url}/api/keys`)).json()) as {
      keys: { id: string; prefix: string }[];
    };
    const listed = list.keys.find((k) => k.id === key.id);
    expect(listed?.prefix).toBe(key.secret.slice(0, 14));
    expect(JSON.stringify(list)).not.toContain(key.secret);
  });

  it("lists the offered models", async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual([
      "anthropic/claude-sonnet-4",
      "anthropic/claude-sonnet-4.6",
    ]);
  });

  it("streams an answer, the gateway's chunks through, usage last, recorded as api usage", async () => {
    const before = emulator.requests.length;
    const stream = await client.chat.completions.create({
      model: "anthropic/claude-sonnet-4.6",
      messages: [{ role: "user", content: "Explain event loops" }],
      stream: true,
    });
    let content = "";
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta?.content ?? "";
      if (chunk.usage) usage = chunk.usage;
    }
    expect(content).toContain("```python");
    expect(usage?.prompt_tokens).toBeGreaterThan(0);
    expect(emulator.requests.length).toBe(before + 1);
    const sent = emulator.requests.at(-1)!;
    expect(sent.headers.authorization).toBe(`Bearer ${GATEWAY_KEY}`);
    expect((sent.body as { stream_options?: unknown }).stream_options).toEqual({ include_usage: true });

    const mine = (await (await fetch(`${parley.url}/api/usage`)).json()) as {
      rows: { model: string; requests: number; costUsd: number }[];
    };
    const row = mine.rows.find((r) => r.model === "anthropic/claude-sonnet-4.6");
    expect(row?.requests).toBeGreaterThanOrEqual(1);
    expect(row?.costUsd).toBeGreaterThan(0);
  });

  it("answers without streaming", async () => {
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: "Say hello" }],
    });
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices[0]?.message.content).toBeTruthy();
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  });

  it("passes tools through as given and returns the model's tool calls", async () => {
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
      model: MODEL,
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
    expect((emulator.requests.at(-1)!.body as { tools?: unknown }).tools).toEqual(tools);
  });

  it("refuses a model it does not offer, in OpenAI's error shape", async () => {
    const before = emulator.requests.length;
    const err = await client.chat.completions
      .create({ model: "openai/gpt-5", messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).code).toBe("model_not_found");
    expect(emulator.requests.length).toBe(before);
  });

  it("refuses a revoked key with 401, and no key or a browser session at all", async () => {
    const extra = await createKey(parley.url, "to revoke");
    const other = new OpenAI({ baseURL: `${parley.url}/api/v1`, apiKey: extra.secret, maxRetries: 0 });
    expect((await other.models.list()).data.length).toBe(2);
    const del = await fetch(`${parley.url}/api/keys/${extra.id}`, { method: "DELETE" });
    expect(del.status).toBe(204);
    const before = emulator.requests.length;
    const err = await other.chat.completions
      .create({ model: MODEL, messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as AuthenticationError).status).toBe(401);
    expect((err as AuthenticationError).code).toBe("invalid_api_key");
    expect(emulator.requests.length).toBe(before);

    const bare = await fetch(`${parley.url}/api/v1/models`);
    expect(bare.status).toBe(401);
    const body = (await bare.json()) as { error: { type: string } };
    expect(body.error.type).toBe("authentication_error");
    expect((await fetch(`${parley.url}/api/keys/${extra.id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("refuses a caller over budget with 429 in words, and nothing reaches the gateway", async () => {
    await setUserLimits(parley.url, { dailyUsd: 0.000001 });
    try {
      const before = emulator.requests.length;
      const err = await client.chat.completions
        .create({ model: MODEL, messages: [{ role: "user", content: "hi" }], stream: true })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RateLimitError);
      const e = err as RateLimitError;
      expect(e.status).toBe(429);
      expect(e.code).toBe("budget_exceeded");
      expect(e.message).toContain("Your daily budget of $0.00 is used up");
      expect(e.message).toContain("resets at 00:00 UTC");
      expect(e.headers?.get("x-should-retry")).toBe("false");
      expect(emulator.requests.length).toBe(before);
    } finally {
      await clearUserLimits(parley.url);
    }
  });

  it("counts API calls against the per-minute limit (in the database without Redis)", async () => {
    await setUserLimits(parley.url, { requestsPerMinute: 1 });
    try {
      const call = () =>
        client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }] });
      // The default window is a minute: two calls in a row land in one window unless the test
      // straddles a minute boundary, so a third call settles it.
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await call().catch((e: unknown) => e));
      const refused = results.find((r) => r instanceof RateLimitError) as RateLimitError | undefined;
      expect(refused?.code).toBe("user_rate_limited");
      expect(refused?.message).toMatch(
        /Your limit of 1 request per minute is reached; .* It resets in \d+ s\./,
      );
      expect(Number(refused?.headers?.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await clearUserLimits(parley.url);
    }
  });

  it("never puts the gateway key in a response", async () => {
    const res = await fetch(`${parley.url}/api/v1/chat/completions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key.secret}`, "Content-Type": "application/json" },
      body: JSON.stringify({ model: MODEL, messages: [{ role: "user", content: "hi [fault:401]" }] }),
    });
    const text = await res.text();
    expect(res.status).toBe(502);
    expect(text).not.toContain(GATEWAY_KEY);
    expect(JSON.parse(text).error.message).toBeTruthy();
  });
});
