/**
 * Server-owned generations over real HTTP (next start + the gateway emulator + PGlite): the
 * server builds the history, an answer outlives the request that started it, readers resume
 * exactly from an event id or a saved snapshot, Stop works from any reader, and Continue carries
 * on a cut answer.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorHandle, startEmulator } from "@/lib/gateway-emulator";
import { EXPORT_FORMAT, EXPORT_VERSION } from "@/lib/import-export/format";
import { longConversationExport } from "../support/long-conversation";
import { type ParleyServer, startParley } from "../support/parley-server";
import { createStore, MODEL, type Store, textOf, until } from "../support/persistence";
import { readSse } from "../support/sse-client";
import { assemble, chunksIn, fromSnapshot, newTurn, read, records, stop } from "../support/turns";

type GatewayBody = { messages: { role: string; content: unknown }[] };

describe("server-owned generations", { timeout: 60_000 }, () => {
  let emulator: EmulatorHandle;
  let parley: ParleyServer;
  let store: Store;
  let chat: string;

  beforeAll(async () => {
    emulator = await startEmulator({ chunkDelayMs: 2 });
    store = await createStore("pglite");
    parley = await startParley({
      AIGATEWAY_API_KEY: "sk-generations-test",
      AIGATEWAY_BASE_URL: emulator.url,
      MAX_GENERATIONS_PER_USER: "2",
      CONTEXT_TOKENS: "20000",
      ...store.env,
    });
    chat = `${parley.url}/api/chat`;
  }, 120_000);

  afterAll(async () => {
    await parley?.stop();
    await emulator?.close();
    await store?.drop();
  });

  /** The last request the gateway got whose last user message contains `text`. */
  function gatewayRequest(text: string): GatewayBody | undefined {
    return emulator.requests
      .map((r) => r.body as GatewayBody)
      .findLast((b) => JSON.stringify(b?.messages?.at(-1)?.content ?? "").includes(text));
  }

  it("keeps one message when the same message id is sent twice, and streams the same answer", async () => {
    const body = newTurn("Say hello once");
    const first = read(chat, body);
    const saved = await first.saved;
    const a = await first.done;
    const again = read(chat, body);
    const b = await again.done;
    expect(JSON.parse(b.frames.find((f) => f.event === "parley.saved")!.data).generationId).toBe(
      saved.generationId,
    );
    expect(assemble(b.frames).text).toBe(assemble(a.frames).text);
    const { messages } = await records(parley.url, saved.conversationId);
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    const answers = emulator.requests.filter(
      (r) => (r.body as { stream?: boolean }).stream && JSON.stringify(r.body).includes("Say hello once"),
    );
    expect(answers).toHaveLength(1); // the title call aside, the gateway was asked once

    // Two sends racing each other land once too.
    const twin = newTurn("Say hello twice at once", { conversationId: saved.conversationId });
    const [x, y] = await Promise.all([read(chat, twin).done, read(chat, twin).done]);
    expect([x.status, y.status]).toEqual([200, 200]);
    const after = await records(parley.url, saved.conversationId);
    expect(after.messages.filter((m) => m.role === "user")).toHaveLength(2);
  });

  it("runs the answer to its end after the request that started it is closed", async () => {
    const turn = read(chat, newTurn("Keep going [long:600] [pace:chunk=5]"), {
      stopWhen: (all) => chunksIn(all).length >= 5,
    });
    const saved = await turn.saved;
    await turn.done;
    const answer = await until(async () => {
      const { messages } = await records(parley.url, saved.conversationId);
      const m = messages.find((r) => r.id === saved.assistantMessageId);
      return m?.status !== "streaming" && m;
    }, "the answer to finish without a reader");
    expect(answer.status).toBe("done");
    expect(textOf(answer.parts as never).length).toBeGreaterThan(500);
  });

  it("replays exactly the events after Last-Event-ID (header or query), then follows live", async () => {
    const whole = read(chat, newTurn("Resume me [long:400] [pace:chunk=5]"));
    const saved = await whole.saved;
    // A second reader drops out after 12 frames...
    const early = read(`${parley.url}/api/generations/${saved.generationId}/stream`, undefined, {
      stopWhen: (all) => all.length >= 12,
    });
    const head = (await early.done).frames;
    const lastId = head.at(-1)!.id!;
    // ...and comes back once by header, once by query.
    const byHeader = read(`${parley.url}/api/generations/${saved.generationId}/stream`, undefined, {
      headers: { "Last-Event-ID": lastId },
    });
    const byQuery = read(
      `${parley.url}/api/generations/${saved.generationId}/stream?lastEventId=${lastId}`,
      undefined,
    );
    const full = (await whole.done).frames;
    for (const resumed of [await byHeader.done, await byQuery.done]) {
      const ids = resumed.frames.map((f) => Number(f.id));
      expect(ids[0]).toBe(Number(lastId) + 1);
      expect(ids).toEqual(ids.map((_, i) => Number(lastId) + 1 + i)); // no gap, no repeat
      const joined = [...head, ...resumed.frames];
      expect(joined.map((f) => f.data)).toEqual(full.map((f) => f.data));
      expect(assemble(joined).text).toBe(assemble(full).text);
    }
  });

  it("a saved snapshot plus the events after its id build the uninterrupted answer, character for character", async () => {
    const whole = read(chat, newTurn("Snapshot me [long:1500] [pace:chunk=6]"));
    const saved = await whole.saved;
    const snap = await until(async () => {
      const { messages } = await records(parley.url, saved.conversationId);
      const m = messages.find((r) => r.id === saved.assistantMessageId)!;
      return m.status === "streaming" && m.streamState && (m.lastEventId ?? 0) > 5 && m;
    }, "a progress save mid-answer");
    const resumed = read(
      `${parley.url}/api/generations/${saved.generationId}/stream?lastEventId=${snap.lastEventId}`,
      undefined,
    );
    const rebuilt = assemble((await resumed.done).frames, fromSnapshot(snap.streamState!));
    const uninterrupted = assemble((await whole.done).frames);
    expect(rebuilt.text.length).toBeGreaterThan(1000);
    expect(rebuilt.text).toBe(uninterrupted.text);
    expect(rebuilt.status).toBe("done");
    const { messages } = await records(parley.url, saved.conversationId);
    expect(textOf(messages.at(-1)!.parts as never)).toBe(uninterrupted.text);
  });

  it("shows two readers the same answer, and Stop from the second ends it for both", async () => {
    const first = read(chat, newTurn("Two tabs [long:3000] [pace:chunk=10]"));
    const saved = await first.saved;
    const second = read(`${parley.url}/api/generations/${saved.generationId}/stream`, undefined);
    await until(async () => chunksIn(second.frames).length >= 10, "the second reader to get text");
    expect((await stop(parley.url, saved.generationId)).status).toBe(202);
    const [a, b] = [await first.done, await second.done];
    for (const s of [a, b]) expect(s.frames.some((f) => f.event === "parley.stopped")).toBe(true);
    const [ta, tb] = [assemble(a.frames), assemble(b.frames)];
    expect(ta.status).toBe("stopped");
    expect(tb.text).toBe(ta.text);
    const { messages } = await records(parley.url, saved.conversationId);
    const m = messages.at(-1)!;
    expect(m.status).toBe("stopped");
    expect(textOf(m.parts as never)).toBe(ta.text);
    // Stopping an answer that is over changes nothing.
    expect((await (await stop(parley.url, saved.generationId)).json()).status).toBe("stopped");
  });

  it("refuses an answer past the per-user limit with a 429 in words", async () => {
    const slow = [
      read(chat, newTurn("Slow one [fault:slow-first-byte:20000]")),
      read(chat, newTurn("Slow two [fault:slow-first-byte:20000]")),
    ];
    const running = await Promise.all(slow.map((s) => s.saved));
    const res = await fetch(chat, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(newTurn("One too many")),
    });
    expect(res.status).toBe(429);
    const { error } = await res.json();
    expect(error.code).toBe("too_many_generations");
    expect(error.message).toMatch(/limit is 2/);
    for (const r of running) await stop(parley.url, r.generationId);
    await Promise.all(slow.map((s) => s.done));
  });

  it("builds what the gateway sees from the stored path: a 300-message conversation goes whole", async () => {
    const res = await fetch(`${parley.url}/api/import`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(longConversationExport(300)),
    });
    expect(res.status).toBe(201);
    const conversationId = (await res.json()).conversations[0].id as string;
    // The page opens at its latest 50 messages; the turn names only the conversation.
    const opened = await records(parley.url, conversationId, 50);
    expect(opened.messages).toHaveLength(50);
    const turn = read(chat, newTurn("Question 301", { conversationId }));
    await turn.done;
    const sent = gatewayRequest("Question 301")!;
    expect(sent.messages).toHaveLength(301);
    expect(sent.messages[0]).toEqual({ role: "user", content: "Message #1: a question from the user?" });
    expect(turn.frames.some((f) => f.event === "parley.context")).toBe(false);
  });

  it("leaves out the oldest turns of a conversation longer than the context, and says how many", async () => {
    const big = (n: number) => `${n % 2 ? "Question" : "Answer"} ${n}: ${"lorem ipsum ".repeat(800)}`;
    const at = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
    const res = await fetch(`${parley.url}/api/import`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        conversations: [
          {
            id: "big",
            title: "Too long",
            model: MODEL,
            createdAt: at(0),
            updatedAt: at(40),
            currentLeafId: "m40",
            messages: Array.from({ length: 40 }, (_, i) => ({
              id: `m${i + 1}`,
              parentId: i ? `m${i}` : null,
              role: i % 2 ? "assistant" : "user",
              parts: [{ type: "text", text: big(i + 1) }],
              status: "done",
              createdAt: at(i + 1),
            })),
          },
        ],
      }),
    });
    const conversationId = (await res.json()).conversations[0].id as string;
    const turn = read(chat, newTurn("Still there?", { conversationId }));
    const saved = await turn.saved;
    await turn.done;
    const sent = gatewayRequest("Still there?")!;
    const dropped = 41 - sent.messages.length;
    expect(dropped).toBeGreaterThan(0);
    expect(dropped % 2).toBe(0); // whole turns
    expect(sent.messages[0]!.role).toBe("user");
    expect(sent.messages.at(-1)).toEqual({ role: "user", content: "Still there?" });
    const note = JSON.parse(turn.frames.find((f) => f.event === "parley.context")!.data);
    expect(note.droppedMessages).toBe(dropped);
    const { messages } = await records(parley.url, conversationId);
    expect(messages.find((m) => m.id === saved.assistantMessageId)!.droppedMessages).toBe(dropped);
  });

  it("continues a cut answer into the same message, ending as the uncut answer would", async () => {
    const prompt = "Explain backpressure in streams [fault:cut*1]";
    const cut = read(chat, newTurn(prompt));
    const saved = await cut.saved;
    const cutStream = await cut.done;
    const partial = assemble(cutStream.frames);
    expect(partial.meta.error?.code).toBe("stream_cut");
    expect(partial.text.length).toBeGreaterThan(0);

    const more = read(chat, {
      model: MODEL,
      conversationId: saved.conversationId,
      continueMessageId: saved.assistantMessageId,
    });
    const cont = await more.saved;
    expect(cont.assistantMessageId).toBe(saved.assistantMessageId);
    expect(cont.userMessageId).toBeNull();
    await more.done;
    const sent = emulator.requests.at(-1)!.body as GatewayBody;
    expect(sent.messages.at(-1)).toEqual({ role: "assistant", content: partial.text.trimEnd() });

    // The same question, uncut (the fault fired once), for comparison.
    const uncut = await readSse(chat, { model: MODEL, messages: [{ role: "user", content: prompt }] });
    const expected = assemble(uncut.frames).text;
    const { messages } = await records(parley.url, saved.conversationId);
    expect(messages).toHaveLength(2);
    expect(messages[1]!.status).toBe("done");
    expect(textOf(messages[1]!.parts as never)).toBe(expected);
  });

  it("answers 404 for a generation that is not this user's, or unknown", async () => {
    const unknown = randomUUID();
    expect((await fetch(`${parley.url}/api/generations/${unknown}/stream`)).status).toBe(404);
    expect((await stop(parley.url, unknown)).status).toBe(404);
    expect((await fetch(`${parley.url}/api/generations/not-a-uuid/stream`)).status).toBe(404);
  });
});
