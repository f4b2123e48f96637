import "server-only";
import type { Db } from "@/lib/db/connect";
import { logger } from "@/lib/observability/logger";
import type { WireMessage } from "@/lib/stream/wire";
import { recordUsage } from "@/lib/usage/record";
import type { ChatRequestBody } from "@/lib/validations/chat";
import { type ChatTurnDeps, runChatTurn } from "./chat-turn";
import { SSE_HEADERS } from "./follow-response";
import { FrameWriter } from "./frame-writer";
import { inlineAttachmentImages } from "./inline-attachments";

/**
 * The stateless form of `POST /api/chat`: the caller sends the whole history and keeps it; nothing
 * is saved, and the answer lives exactly as long as the request (the caller leaving cancels the
 * gateway call). Tests, benchmarks and scripts use it; the chat page uses saved turns. Its usage
 * is recorded when it ends; limits are checked by the route before this runs.
 */
export async function statelessTurn(
  body: ChatRequestBody,
  ctx: { db: Db; userId: string; signal: AbortSignal; pingMs: number },
  deps: ChatTurnDeps,
): Promise<Response> {
  // Saved images (`/api/attachments/<id>`, this user's only) go to the gateway as data URLs.
  const messages = await inlineAttachmentImages(ctx.db, ctx.userId, body.messages as WireMessage[]);
  const upstream = new AbortController();
  ctx.signal.addEventListener("abort", () => upstream.abort(), { once: true });
  if (ctx.signal.aborted) upstream.abort();
  let writer: FrameWriter | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const out = new FrameWriter(controller, ctx.pingMs);
      writer = out;
      void runChatTurn({ model: body.model, messages, settings: body.settings }, out, upstream.signal, deps)
        .then((result) =>
          recordUsage(ctx.db, { userId: ctx.userId, model: body.model, kind: "chat", usage: result.usage }),
        )
        .catch((e: unknown) => logger.error({ err: e }, "stateless turn failed"))
        .finally(() => out.close());
    },
    cancel() {
      writer?.detach();
      upstream.abort();
    },
  });
  return new Response(stream, { headers: SSE_HEADERS });
}
