/**
 * "Nothing lost": a saved turn (POST /api/chat without `messages`) is stored on the server. Real HTTP
 * against `next start` and the gateway emulator, on PGlite and on Postgres. The database is read
 * through the conversation API while the answer streams.
 */
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DriverName } from "@/lib/db/connect";
import { type EmulatorHandle, startEmulator } from "@/lib/gateway-emulator";
import { toStreamFrame } from "@/lib/stream/events";
import { applyFrame, build, createMessageBuilder } from "@/lib/stream/message-builder";
import { type ParleyServer, startParley } from "../support/parley-server";
import {
  createStore,
  deferred,
  MODEL,
  readConversation,
  type Store,
  textOf,
  until,
} from "../support/persistence";
import { type ReceivedFrame, readSse } from "../support/sse-client";

type Saved = {
  conversationId: string;
  userMessageId: string | null;
  assistantMessageId: string;
  generationId: string;
};
type Ref = { id?: string; parentId?: string | null; regenerate?: boolean };

const PNG_1PX =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

/** A saved turn: the server builds the history from what it stored, so none is sent. */
const ask = (content: unknown, ref: Ref = {}) => ({
  model: MODEL,
  ...(ref.id !== undefined && { conversationId: ref.id }),
  ...(ref.parentId !== undefined && { parentId: ref.parentId }),
  ...(ref.regenerate ? { regenerate: true } : { message: { id: randomUUID(), content } }),
});

/** What the browser shows for these frames: the shared builder, `parley.saved` included. */
function shown(frames: ReceivedFrame[]) {
  const b = createMessageBuilder({ startedAt: 0 });
  for (const f of frames) {
    const frame = toStreamFrame(f.event, f.data, f.id);
    if (frame) applyFrame(b, frame, 0);
  }
  const m = build(b);
  return { ...m, text: textOf(m.parts) };
}

const drivers: DriverName[] = ["pglite", "postgres"];

// Generous: these start real servers on two shared cores.
describe.each(drivers)("saved chat turns (%s)", { timeout: 60_000 }, (driver) => {
  let emulator: EmulatorHandle;
  let parley: ParleyServer;
  let store: Store;

  beforeAll(async () => {
    emulator = await startEmulator({ chunkDelayMs: 2 });
    store = await createStore(driver);
    parley = await startParley({
      AIGATEWAY_API_KEY: "sk-persistence-test",
      AIGATEWAY_BASE_URL: emulator.url,
      GATEWAY_RETRY_BASE_MS: "10",
      GATEWAY_MAX_RETRIES: "2",
      GATEWAY_STALL_SECONDS: "5",
      ...store.env,
    });
  }, 120_000);

  afterAll(async () => {
    await parley?.stop();
    await emulator?.close();
    await store?.drop();
  });

  /** Starts a turn; `saved` resolves with the first frame, `done` with the whole stream. */
  function start(body: unknown, stopAfterChunks?: number, signal?: AbortSignal) {
    const saved = deferred<Saved>();
    const frames: ReceivedFrame[] = [];
    const done = readSse(`${parley.url}/api/chat`, body, {
      signal,
      onFrame: (f, all) => {
        frames.push(f);
        if (f.event === "parley.saved") saved.resolve(JSON.parse(f.data) as Saved);
        if (stopAfterChunks !== undefined && all.filter((x) => !x.event).length >= stopAfterChunks)
          return "stop";
        return undefined;
      },
    });
    return { saved: saved.promise, done, frames };
  }

  /** Resolves when the emulator receives a request whose last message contains `text`. */
  function gatewayCalledWith(text: string) {
    return new Promise<void>((resolve) => {
      const onRequest = (body: { messages?: { content?: unknown }[] }) => {
        if (JSON.stringify(body?.messages?.at(-1)?.content ?? "").includes(text)) {
          emulator.events.off("request", onRequest);
          resolve();
        }
      };
      emulator.events.on("request", onRequest);
    });
  }

  it("saves the user's message before the gateway answers", async () => {
    // The gateway holds its first byte far longer than the read below can take, even on a busy
    // machine; the test leaves (Stop) once it has looked, instead of waiting for the answer.
    const prompt = "Hold on a moment [fault:slow-first-byte:15000]";
    const called = gatewayCalledWith("Hold on a moment");
    const leave = new AbortController();
    const turn = start(ask(prompt), undefined, leave.signal);
    const saved = await turn.saved;
    await called;
    const during = await readConversation(parley.url, saved.conversationId);
    // Nothing has come back from the gateway yet, and the question is already stored.
    expect(turn.frames.filter((f) => !f.event)).toHaveLength(0);
    expect(turn.frames[0]?.event).toBe("parley.saved");
    expect(during.messages.map((m) => [m.id, m.role, m.status])).toEqual([
      [saved.userMessageId, "user", "done"],
      [saved.assistantMessageId, "assistant", "streaming"],
    ]);
    expect(during.messages[0]!.parts).toEqual([{ type: "text", text: prompt }]);

    // Leaving does not stop a server-owned answer; Stop does.
    leave.abort();
    await turn.done.catch(() => undefined);
    const stop = await fetch(`${parley.url}/api/generations/${saved.generationId}/stop`, { method: "POST" });
    expect(stop.status).toBe(202);
    const answer = await until(async () => {
      const { messages } = await readConversation(parley.url, saved.conversationId);
      return messages[1]?.status !== "streaming" && messages[1];
    }, "the answer's final save");
    expect(answer.status).toBe("stopped");
    expect(answer.parts).toEqual([]);
  });

  it("keeps the question when the gateway fails, with the error on the answer", async () => {
    const turn = start(ask("This will fail [fault:500*9]"));
    const saved = await turn.saved;
    await turn.done;
    const { messages } = await readConversation(parley.url, saved.conversationId);
    expect(messages[0]).toMatchObject({
      role: "user",
      parts: [{ type: "text", text: "This will fail [fault:500*9]" }],
    });
    expect(messages[1]).toMatchObject({
      role: "assistant",
      status: "error",
      error: { code: "upstream_error" },
    });
    expect(messages[1]!.error?.message).toBeTruthy();
  });

  it("saves the answer while it streams, at least once a second", async () => {
    const turn = start(ask("Write at length [long:1200] [pace:chunk=10]"));
    const saved = await turn.saved;
    const seen = new Set<number>();
    // Distinct saved lengths while the stream is still running (no parley.done yet).
    await until(
      async () => {
        const { messages } = await readConversation(parley.url, saved.conversationId);
        const a = messages.find((m) => m.id === saved.assistantMessageId)!;
        if (turn.frames.some((f) => f.event === "parley.done")) throw new Error("the stream ended first");
        expect(a.status).toBe("streaming");
        const len = textOf(a.parts).length;
        if (len > 0) seen.add(len);
        return seen.size >= 2;
      },
      "two progress saves mid-stream",
      15_000,
    );
    const s = await turn.done;
    const final = shown(s.frames).text;
    const { messages } = await readConversation(parley.url, saved.conversationId);
    const a = messages.find((m) => m.id === saved.assistantMessageId)!;
    expect(a.status).toBe("done");
    expect(textOf(a.parts)).toBe(final);
    for (const len of seen) expect(len).toBeLessThan(final.length);
  });

  it("keeps the partial answer as stopped when Stop is pressed", async () => {
    const aborted = once(emulator.events, "aborted");
    const turn = start(ask("A story please [long:800] [pace:chunk=30]"));
    const saved = await turn.saved;
    await until(async () => turn.frames.filter((f) => !f.event).length >= 15, "15 chunks");
    await fetch(`${parley.url}/api/generations/${saved.generationId}/stop`, { method: "POST" });
    const s = await turn.done;
    await aborted;
    expect(s.frames.some((f) => f.event === "parley.stopped")).toBe(true);
    const received = shown(s.frames).text;
    expect(received.length).toBeGreaterThan(0);
    const a = await until(async () => {
      const { messages } = await readConversation(parley.url, saved.conversationId);
      const m = messages.find((x) => x.id === saved.assistantMessageId)!;
      return m.status !== "streaming" && m;
    }, "the stopped answer's final save");
    expect(a.status).toBe("stopped");
    expect(a.error).toBeNull();
    // The reader got every frame up to the stop: what it built is exactly what was saved.
    expect(textOf(a.parts)).toBe(received);
  });

  it("titles a new conversation after its first answer; the next turn hangs under the answer", async () => {
    const turn = start(ask("explain server-sent events briefly"));
    const saved = await turn.saved;
    await turn.done;
    const titled = await until(async () => {
      const c = await readConversation(parley.url, saved.conversationId);
      return c.conversation.title ? c : null;
    }, "a title");
    expect(titled.conversation.title).toBe("Explain server-sent events briefly");
    const titleCall = emulator.requests.find((r) =>
      JSON.stringify((r.body as { messages: unknown[] }).messages).includes("Write a short title"),
    );
    expect(titleCall?.body).toMatchObject({ stream: false });

    // The title arrives on the stream too, after the answer.
    expect(turn.frames.some((f) => f.event === "parley.title")).toBe(true);
    const next = start(
      ask("and websockets?", { id: saved.conversationId, parentId: saved.assistantMessageId }),
    );
    const second = await next.saved;
    await next.done;
    expect(second.conversationId).toBe(saved.conversationId);
    const after = await readConversation(parley.url, saved.conversationId);
    expect(after.messages.map((m) => m.id)).toEqual([
      saved.userMessageId,
      saved.assistantMessageId,
      second.userMessageId,
      second.assistantMessageId,
    ]);
    expect(after.messages[2]!.parentId).toBe(saved.assistantMessageId);
    expect(after.conversation.title).toBe("Explain server-sent events briefly");

    // Regenerate: no new user message, a second answer under the same question.
    const again = start(
      ask("and websockets?", { id: saved.conversationId, parentId: second.userMessageId!, regenerate: true }),
    );
    const third = await again.saved;
    await again.done;
    expect(third.userMessageId).toBeNull();
    const branched = await readConversation(parley.url, saved.conversationId);
    const last = branched.messages.at(-1)!;
    expect(last.id).toBe(third.assistantMessageId);
    expect(last.parentId).toBe(second.userMessageId);
    expect(last.siblingIds).toEqual([second.assistantMessageId, third.assistantMessageId]);
    expect(last.status).toBe("done");
  });

  it("stores images as attachments, not data URLs", async () => {
    const turn = start(
      ask([
        { type: "text", text: "What is this?" },
        { type: "image_url", image_url: { url: `data:image/png;base64,${PNG_1PX}` } },
      ]),
    );
    const saved = await turn.saved;
    await turn.done;
    const { messages } = await readConversation(parley.url, saved.conversationId);
    const [text, image] = messages[0]!.parts;
    expect(text).toEqual({ type: "text", text: "What is this?" });
    expect(image).toMatchObject({
      type: "image",
      mediaType: "image/png",
      bytes: Buffer.from(PNG_1PX, "base64").length,
    });
    const url = (image as { url: string }).url;
    expect(url).toMatch(/^\/api\/attachments\/[0-9a-f-]{36}$/);
    const res = await fetch(`${parley.url}${url}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from(PNG_1PX, "base64"));
  });

  it("continues a reopened conversation whose history holds a saved image: the gateway gets its bytes", async () => {
    const first = start(
      ask([
        { type: "text", text: "Describe it" },
        { type: "image_url", image_url: { url: `data:image/png;base64,${PNG_1PX}` } },
      ]),
    );
    const saved = await first.saved;
    await first.done;
    const reached = gatewayCalledWith("And now?");
    const next = start(ask("And now?", { id: saved.conversationId, parentId: saved.assistantMessageId }));
    await reached;
    const { status } = await next.done;
    expect(status).toBe(200);
    const sent = emulator.requests.at(-1)!.body as { messages: { content: unknown }[] };
    expect(JSON.stringify(sent.messages[0]!.content)).toContain(`data:image/png;base64,${PNG_1PX}`);
    expect(JSON.stringify(sent)).not.toContain("/api/attachments/");
  });

  it("refuses an attachment that is not this user's", async () => {
    const res = await fetch(`${parley.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(
        ask([
          { type: "text", text: "x" },
          { type: "image_url", image_url: { url: "/api/attachments/00000000-0000-4000-8000-000000000000" } },
        ]),
      ),
    });
    expect(res.status).toBe(404);
  });

  it("answers 404 before streaming for a conversation or parent that is not this user's", async () => {
    let reached = false;
    const spy = (body: unknown) => {
      if (JSON.stringify(body).includes("never reaches the gateway")) reached = true;
    };
    emulator.events.on("request", spy);
    const cases: Ref[] = [
      { id: "0190a5e4-0000-7000-8000-000000000000" },
      { id: store.foreign.conversationId },
      { id: store.foreign.conversationId, parentId: store.foreign.messageId },
    ];
    // And someone else's message as the parent inside a conversation of our own.
    const own = start(ask("mine"));
    const mine = await own.saved;
    await own.done;
    cases.push({ id: mine.conversationId, parentId: store.foreign.messageId });
    for (const conversation of cases) {
      const res = await fetch(`${parley.url}/api/chat`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(ask("this never reaches the gateway", conversation)),
      });
      expect(res.status, JSON.stringify(conversation)).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect((await res.json()).error.code).toBe("not_found");
    }
    emulator.events.off("request", spy);
    expect(reached).toBe(false);
    // Nothing was added to our own conversation by the refused turn.
    expect((await readConversation(parley.url, mine.conversationId)).messages).toHaveLength(2);
  });

  it("refuses a malformed conversation reference with 400", async () => {
    for (const conversation of [
      { id: "not-a-uuid" },
      { regenerate: true },
      { parentId: mineless() },
    ] as Ref[]) {
      const res = await fetch(`${parley.url}/api/chat`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(ask("hi", conversation)),
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe("bad_request");
    }
  });
});

/** A well-formed id with no conversation: a parent for a new conversation is refused. */
function mineless(): string {
  return "0190a5e4-0000-7000-8000-000000000001";
}
