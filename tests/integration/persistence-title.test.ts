/**
 * The automatic title (lib/relay/title.ts) against the real gateway emulator and a real database:
 * deterministic, never overwriting a name the user chose, and harmless when the gateway fails.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb, type Db, type DbHandle } from "@/lib/db/connect";
import { createConversation, getConversation, renameConversation } from "@/lib/db/queries/conversations";
import type { GatewayConfig } from "@/lib/gateway/client";
import { type EmulatorHandle, startEmulator } from "@/lib/gateway-emulator";
import { logger } from "@/lib/observability/logger";
import { cleanTitle, titleConversation, titleRequest } from "@/lib/relay/title";
import { createUser } from "../support/db-drivers";
import { freePort } from "../support/parley-server";

const MODEL = "anthropic/claude-sonnet-4.6";
let emulator: EmulatorHandle;
let userId: string;

const gateway = (baseUrl: string): GatewayConfig => ({
  baseUrl,
  apiKey: "sk-title-test",
  stallMs: 5000,
  maxRetries: 0,
  retryBaseMs: 1,
  maxRetryAfterSeconds: 1,
});

describe("automatic titles", () => {
  let db: Db;
  let handle: DbHandle | undefined;
  // In-memory PGlite; a generous timeout because WASM start-up is slow on a busy machine.
  beforeAll(async () => {
    handle = await createDb({ driver: "pglite" });
    db = handle.db;
    emulator = await startEmulator();
    userId = await createUser(db);
  }, 120_000);
  afterAll(async () => {
    await emulator?.close();
    await handle?.close();
  });

  async function untitled(): Promise<string> {
    return (await createConversation(db, { userId, model: MODEL })).id;
  }

  it("names the conversation from its first question with one non-streaming call", async () => {
    const conversationId = await untitled();
    const before = emulator.requests.length;
    const title = await titleConversation(
      db,
      {
        userId,
        conversationId,
        model: MODEL,
        question: "explain SSE briefly [fault:500]",
        answer: "SSE is…",
      },
      gateway(emulator.url),
    );
    // The marker was meant for the chat turn: the title call is not failed by it.
    expect(title).toBe("Explain SSE briefly");
    expect((await getConversation(db, { userId, conversationId }))?.title).toBe("Explain SSE briefly");
    const sent = emulator.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({ model: MODEL, stream: false });
  });

  it("keeps a name the user gave while the title was being made", async () => {
    const conversationId = await untitled();
    await renameConversation(db, { userId, conversationId, title: "Mine" });
    const title = await titleConversation(
      db,
      { userId, conversationId, model: MODEL, question: "hello", answer: "hi" },
      gateway(emulator.url),
    );
    expect(title).toBeNull();
    expect((await getConversation(db, { userId, conversationId }))?.title).toBe("Mine");
  });

  it("leaves the conversation untitled, without throwing, when the gateway cannot be reached", async () => {
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => {});
    const conversationId = await untitled();
    const closed = `http://127.0.0.1:${await freePort()}/v1`;
    await expect(
      titleConversation(
        db,
        { userId, conversationId, model: MODEL, question: "hello", answer: "hi" },
        gateway(closed),
      ),
    ).resolves.toBeNull();
    expect((await getConversation(db, { userId, conversationId }))?.title).toBe("");
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it("fences the conversation in one user message after the instruction", () => {
    const req = titleRequest(MODEL, "q", "a");
    expect(req.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(req.messages[0]!.content).toMatch(/^Write a short title/);
    expect(req.messages[1]!.content).toBe("<user>\nq\n</user>\n<assistant>\na\n</assistant>");
    expect(req.stream).toBe(false);
  });

  it("cleans what models add around a title", () => {
    expect(cleanTitle('Title: "SSE in short".')).toBe("SSE in short");
    expect(cleanTitle("## **Owls at night**\n\nmore text")).toBe("Owls at night");
    expect(cleanTitle("   ")).toBe("");
    expect(cleanTitle("x".repeat(200))).toHaveLength(80);
  });
});
