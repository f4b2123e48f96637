import { serverEnv } from "@/lib/env";
import { gatewayConfig } from "@/lib/gateway/config";
import { ensureEmbeddedGateway } from "@/lib/gateway/embedded";
import { FrameWriter } from "@/lib/relay/frame-writer";
import { runChatTurn } from "@/lib/relay/chat-turn";
import { toolConfigFromEnv } from "@/lib/tools/registry";
import { chatRequestSchema, LIMITS } from "@/lib/validations/chat";
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

export async function POST(request: Request): Promise<Response> {
  let raw: string;
  try {
    raw = await readBodyCapped(request);
  } catch (e) {
    if (e instanceof BodyTooLargeError) {
      return badRequest(413, "too_large", `Request body is larger than ${LIMITS.bodyBytes / 1024 / 1024} MB.`);
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
    return badRequest(400, "bad_request", `${field ? `${field}: ` : ""}${issue?.message ?? "invalid request"}`, field);
  }

  await ensureEmbeddedGateway();
  const env = serverEnv();
  const upstream = new AbortController();
  // The browser leaving (tab closed, Stop pressed) must cancel the gateway call at once.
  request.signal.addEventListener("abort", () => upstream.abort(), { once: true });
  let writer: FrameWriter | undefined;

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      writer = new FrameWriter(controller, env.RELAY_PING_SECONDS * 1000);
      const sink = writer;
      void runChatTurn(parsed.data, sink, upstream.signal, {
        gateway: gatewayConfig(),
        tools: toolConfigFromEnv(),
        maxSteps: env.TOOL_MAX_STEPS,
      }).finally(() => sink.close());
    },
    cancel() {
      writer?.detach();
      upstream.abort();
    },
  });
  return new Response(stream, { headers: SSE_HEADERS });
}
