import "server-only";
import type { ChatCompletion, ChatCompletionRequest } from "../stream/wire";
import {
  failureAfterFirstByte,
  type GatewayEvent,
  JSON_BODY_BYTES,
  readText,
  responseEvents,
  startCall,
} from "./attempt";
import {
  errorFromResponse,
  errorFromStreamBody,
  GatewayError,
  gatewayUnreachableError,
  stallError,
} from "./errors";
import { retryDecision, sleep } from "./retry";

/**
 * The only code that talks to the AI Gateway (it holds the key, hence server-only). It opens one
 * chat-completions call with retries before the first byte, then hands back the SSE events one by
 * one as each network chunk is parsed, so the relay can forward them without buffering.
 */
export type GatewayConfig = {
  /** Base URL including /v1. */
  baseUrl: string;
  apiKey: string;
  /** No byte for this long (waiting for headers or for the next chunk) means stalled. */
  stallMs: number;
  maxRetries: number;
  retryBaseMs: number;
  maxRetryAfterSeconds: number;
};

export type { GatewayEvent };

export type OpenedStream = { status: number; attempts: number; events: AsyncIterable<GatewayEvent> };

export type CallOptions = {
  signal: AbortSignal;
  onRetry?: (info: { attempt: number; delayMs: number; error: GatewayError }) => void;
};

/** Error bodies are only read for a short message; anything past this is dropped. */
const ERROR_BODY_BYTES = 64 * 1024;

/**
 * Throws GatewayError before the first byte (after any retries), or the signal's reason when the
 * caller aborts. Afterwards `events` throws instead, and nothing is retried. Iterate `events` to
 * its end, break out of it, or abort the signal: each of those releases the connection.
 */
export async function openChatStream(
  req: ChatCompletionRequest,
  cfg: GatewayConfig,
  opts: CallOptions,
): Promise<OpenedStream> {
  const { call, response, attempts } = await send(req, cfg, opts, "text/event-stream");
  return { status: response.status, attempts, events: responseEvents(response, call, opts.signal) };
}

/** The non-streaming call (titles and other small jobs): same retries and error mapping. */
export async function completeChat(
  req: ChatCompletionRequest,
  cfg: GatewayConfig,
  opts: CallOptions,
): Promise<ChatCompletion> {
  const { stream_options: _ignored, ...rest } = req;
  const { call, response } = await send({ ...rest, stream: false }, cfg, opts, "application/json");
  let text: string;
  try {
    text = await readText(response, call, JSON_BODY_BYTES);
  } catch (cause) {
    throw failureAfterFirstByte(cause, call, opts.signal);
  } finally {
    call.dispose();
  }
  let json: ChatCompletion;
  try {
    json = JSON.parse(text) as ChatCompletion;
  } catch {
    throw new GatewayError({
      code: "upstream_error",
      message: "The AI Gateway sent an answer Parley could not read. Try again.",
      retryable: true,
      status: response.status,
    });
  }
  if (json.error) throw errorFromStreamBody(json.error);
  return json;
}

async function send(req: ChatCompletionRequest, cfg: GatewayConfig, opts: CallOptions, accept: string) {
  const url = `${cfg.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  const body = JSON.stringify(req);
  for (let retries = 0; ; retries++) {
    opts.signal.throwIfAborted();
    const call = startCall(cfg.stallMs, opts.signal);
    let error: GatewayError;
    try {
      call.arm();
      const response = await fetch(url, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${cfg.apiKey}`,
          "Content-Type": "application/json",
          Accept: accept,
        },
        body,
        signal: call.signal,
        // A chat completion is never cacheable; this also keeps Next's fetch patch off the hot path.
        cache: "no-store",
      });
      call.disarm();
      if (response.ok && response.body) return { call, response, attempts: retries + 1 };
      const text = await readText(response, call, ERROR_BODY_BYTES).catch(() => "");
      error = errorFromResponse(response.status, response.headers, text);
    } catch (cause) {
      call.dispose();
      if (opts.signal.aborted) throw opts.signal.reason;
      // No response at all: refused, DNS, TLS, or a connection that died before the headers.
      error = call.stalled ? stallError(cfg.stallMs / 1000) : gatewayUnreachableError(cause);
    }
    call.dispose();
    if (opts.signal.aborted) throw opts.signal.reason;
    const decision = retryDecision({ error, retriesSoFar: retries, receivedFirstByte: false }, cfg);
    if (!decision.retry) throw error;
    opts.onRetry?.({ attempt: retries + 1, delayMs: decision.delayMs, error });
    await sleep(decision.delayMs, opts.signal);
  }
}
