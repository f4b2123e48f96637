import { completeChat, openChatStream } from "@/lib/gateway/client";
import { gatewayConfig } from "@/lib/gateway/config";
import { ensureEmbeddedGateway } from "@/lib/gateway/embedded";
import { errorFromStreamBody, GatewayError } from "@/lib/gateway/errors";
import { logger } from "@/lib/observability/logger";
import { type ChatCompletionRequest, MODELS, type Usage } from "@/lib/stream/wire";
import { enforceLimits } from "@/lib/usage/limits";
import { recordUsage } from "@/lib/usage/record";
import { V1_LIMITS, v1ChatRequestSchema } from "@/lib/validations/openai";
import { parse, readJson } from "../../../_lib/http";
import { handleV1, OpenAiError, toOpenAiError } from "../../_lib/openai";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const encoder = new TextEncoder();
const sse = (data: string) => encoder.encode(`data: ${data}\n\n`);

/**
 * `POST /api/v1/chat/completions`, for the OpenAI SDK and scripts, with a Parley API key. The body
 * goes to the gateway as given (tools included; Parley runs none of them) through the same client
 * as the chat, so retries, stall detection and error mapping are shared. The answer is the
 * gateway's own JSON or chunks, byte for byte; errors are OpenAI-shaped, mid-stream too. Budgets
 * and the per-minute limit are checked before the gateway is called; usage is recorded as `api`.
 */
export const POST = handleV1(async (request, { db, userId, keyId }) => {
  const body = parse(v1ChatRequestSchema, await readJson(request, V1_LIMITS.bodyBytes));
  if (!(MODELS as readonly string[]).includes(body.model)) {
    throw new OpenAiError(
      404,
      `The model \`${body.model.slice(0, 100)}\` is not offered here. Offered: ${MODELS.join(", ")}.`,
      "invalid_request_error",
      "model_not_found",
    );
  }
  await enforceLimits(db, userId);
  await ensureEmbeddedGateway();
  const gateway = gatewayConfig();
  const record = (usage: Usage | null | undefined) =>
    recordUsage(db, { userId, model: body.model, kind: "api", usage, apiKeyId: keyId });

  if (!body.stream) {
    const { stream: _s, stream_options: _o, ...rest } = body;
    const completion = await completeChat(
      { ...rest, stream: false } as unknown as ChatCompletionRequest,
      gateway,
      { signal: request.signal },
    );
    await record(completion.usage);
    return Response.json(completion);
  }

  // Usage is always asked for (Parley needs it for budgets); its chunk has no choices, which the
  // SDK expects whether or not the caller asked for it.
  const upstream = { ...body, stream_options: { ...body.stream_options, include_usage: true } };
  const opened = await openChatStream(upstream as unknown as ChatCompletionRequest, gateway, {
    signal: request.signal,
  });
  const iterator = opened.events[Symbol.asyncIterator]();
  let usage: Usage | null = null;
  let recorded = false;
  const finish = () => {
    if (recorded) return;
    recorded = true;
    void record(usage);
  };
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) {
          finish();
          controller.close();
          return;
        }
        const { event, data } = next.value;
        if (event === "error" || data.startsWith('{"error"')) {
          // Upstream error text is never relayed raw: it becomes Parley's own words.
          controller.enqueue(sse(errorChunk(errorFromStreamBody(safeError(data)))));
          return;
        }
        if (data !== "[DONE]" && data.includes('"usage"')) usage = usageIn(data) ?? usage;
        controller.enqueue(sse(data));
      } catch (e) {
        finish();
        if (!request.signal.aborted) {
          controller.enqueue(sse(errorChunk(e instanceof GatewayError ? e : GatewayError.internal(e))));
        }
        controller.close();
      }
    },
    async cancel() {
      finish();
      await iterator.return?.();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
});

function usageIn(data: string): Usage | null {
  try {
    const chunk = JSON.parse(data) as { usage?: Usage | null };
    return chunk.usage ?? null;
  } catch {
    return null;
  }
}

function safeError(data: string): { message: string; code?: string | number | null } {
  try {
    const parsed = JSON.parse(data) as { error?: { message: string; code?: string | number | null } };
    return parsed.error ?? { message: "" };
  } catch {
    return { message: "" };
  }
}

/** A mid-stream failure as a chunk the SDK raises (`{"error":{…}}`). */
function errorChunk(e: GatewayError): string {
  const err = toOpenAiError(e);
  logger.warn({ code: e.code }, "v1 stream failed after the first byte");
  return JSON.stringify({ error: { message: err.message, type: err.type, code: err.code, param: null } });
}
