import { getDb } from "@/lib/db/client";
import type { Db } from "@/lib/db/connect";
import { DbError } from "@/lib/db/errors";
import { currentUserId } from "@/lib/db/local-user";
import { serverEnv } from "@/lib/env";
import type { GatewayConfig } from "@/lib/gateway/client";
import { gatewayConfig } from "@/lib/gateway/config";
import { ensureEmbeddedGateway } from "@/lib/gateway/embedded";
import { runChatTurn } from "@/lib/relay/chat-turn";
import { FrameWriter } from "@/lib/relay/frame-writer";
import { hasAttachmentImages, inlineAttachmentImages } from "@/lib/relay/inline-attachments";
import { type OpenedTurn, openTurn } from "@/lib/relay/open-turn";
import { PersistingSink } from "@/lib/relay/persisting-sink";
import { answerText, titleConversation } from "@/lib/relay/title";
import type { MessagePart } from "@/lib/stream/message-parts";
import type { WireMessage } from "@/lib/stream/wire";
import { toolConfigFromEnv } from "@/lib/tools/registry";
import { type ChatRequestBody, chatRequestSchema, LIMITS } from "@/lib/validations/chat";
import { BodyTooLargeError, readBodyCapped } from "./read-body";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform stops proxies from compressing (and so buffering) the stream.
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  // nginx buffers proxied responses unless told not to.
  "X-Accel-Buffering": "no",
};

function badRequest(status: number, code: string, message: string, field?: string): Response {
  return Response.json({ error: { code, message, ...(field ? { field } : {}) } }, { status });
}

type SavedTurn = { db: Db; userId: string; turn: OpenedTurn };

/**
 * Writes the conversation, the user's message and the empty answer before anything streams, or
 * answers with the JSON error that stops the turn: another user's (or an unknown) id is a 404.
 */
async function openSavedTurn(body: ChatRequestBody): Promise<SavedTurn | Response> {
  const userId = currentUserId();
  try {
    const db = await getDb();
    return { db, userId, turn: await openTurn(db, userId, body) };
  } catch (e) {
    if (e instanceof DbError && e.code === "not_found") {
      return badRequest(404, "not_found", `The ${e.message.replace(/ not found$/, "")} was not found.`);
    }
    if (e instanceof DbError) return badRequest(400, "bad_request", e.message);
    console.error("[chat] could not save the turn:", e);
    // Streaming an answer that cannot be kept would break the promise that nothing is lost.
    return badRequest(503, "internal", "Parley could not save the conversation. Try again in a moment.");
  }
}

/** Saved images in the history (`/api/attachments/<id>`) go to the gateway as data URLs. */
async function inlineSavedImages(body: ChatRequestBody): Promise<ChatRequestBody | Response> {
  const messages = body.messages as WireMessage[];
  if (!hasAttachmentImages(messages)) return body;
  try {
    const db = await getDb();
    const inlined = await inlineAttachmentImages(db, currentUserId(), messages);
    return { ...body, messages: inlined as ChatRequestBody["messages"] };
  } catch (e) {
    if (e instanceof DbError && e.code === "not_found") {
      return badRequest(404, "not_found", "An image in this conversation was not found.");
    }
    throw e;
  }
}

/** After the stream closed: name a conversation that has no title yet. Never fails the turn. */
function afterSavedTurn(saved: SavedTurn, parts: MessagePart[], model: string, gateway: GatewayConfig): void {
  const answer = answerText(parts);
  if (!saved.turn.untitled || !answer.trim()) return;
  void titleConversation(
    saved.db,
    {
      userId: saved.userId,
      conversationId: saved.turn.saved.conversationId,
      model,
      question: saved.turn.question,
      answer,
    },
    gateway,
  );
}

export async function POST(request: Request): Promise<Response> {
  let raw: string;
  try {
    raw = await readBodyCapped(request);
  } catch (e) {
    if (e instanceof BodyTooLargeError) {
      return badRequest(
        413,
        "too_large",
        `Request body is larger than ${LIMITS.bodyBytes / 1024 / 1024} MB.`,
      );
    }
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return badRequest(400, "bad_request", "Request body is not valid JSON.");
  }
  const parsed = chatRequestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || undefined;
    return badRequest(
      400,
      "bad_request",
      `${field ? `${field}: ` : ""}${issue?.message ?? "invalid request"}`,
      field,
    );
  }

  await ensureEmbeddedGateway();
  const env = serverEnv();
  const inlined = await inlineSavedImages(parsed.data);
  if (inlined instanceof Response) return inlined;
  const body = inlined;
  const deps = { gateway: gatewayConfig(), tools: toolConfigFromEnv(), maxSteps: env.TOOL_MAX_STEPS };
  let saved: SavedTurn | undefined;
  if (body.conversation) {
    const opened = await openSavedTurn(body);
    if (opened instanceof Response) return opened;
    saved = opened;
  }
  const upstream = new AbortController();
  // The browser leaving (tab closed, Stop pressed) must cancel the gateway call at once.
  request.signal.addEventListener("abort", () => upstream.abort(), { once: true });
  // It may have left while the turn was being saved; the listener above would never fire.
  if (request.signal.aborted) upstream.abort();
  let writer: FrameWriter | undefined;

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const out = new FrameWriter(controller, env.RELAY_PING_SECONDS * 1000);
      writer = out;
      const persist = saved
        ? new PersistingSink(out, {
            db: saved.db,
            userId: saved.userId,
            messageId: saved.turn.saved.assistantMessageId,
            model: body.model,
            startedAt: Date.now(),
          })
        : undefined;
      const sink = persist ?? out;
      if (saved) sink.event("parley.saved", saved.turn.saved);
      void runChatTurn(body, sink, upstream.signal, deps)
        // The final save lands before the stream ends, so a client that refetches sees it.
        .then(() => persist?.finish(upstream.signal.aborted))
        .finally(() => out.close())
        .then((final) => {
          if (saved && final) afterSavedTurn(saved, final.parts, body.model, deps.gateway);
        })
        .catch((e: unknown) => console.error("[chat] turn failed:", e));
    },
    cancel() {
      writer?.detach();
      upstream.abort();
    },
  });
  return new Response(stream, { headers: SSE_HEADERS });
}
