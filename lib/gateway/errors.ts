/**
 * Gateway failures as one error class with a stable code. Pure (no server-only): the browser
 * imports the default words per code too.
 *
 * `userMessage` is what a person sees. It is written here, in plain words, and never carries the
 * upstream body: at most a short, sanitised `error.message` from a JSON body, and only for the
 * statuses where that text helps (bad request, unknown model, stream errors). Keys, bearer tokens
 * and long opaque strings are redacted from it even then.
 */
import type { ParleyErrorCode, ParleyEventMap } from "../stream/events";

export const DEFAULT_MESSAGES: Record<ParleyErrorCode, string> = {
  bad_request: "The AI Gateway rejected the request as invalid.",
  unauthorized:
    "The AI Gateway rejected the API key. Check AIGATEWAY_API_KEY in the server's environment and restart Parley.",
  payment_required: "The AI Gateway account is out of credit. Add credit to the account, then try again.",
  forbidden: "This API key is not allowed to use this model or feature on the AI Gateway.",
  model_not_found: "The AI Gateway does not know this model.",
  too_large: "The request is too large for the AI Gateway. Remove some images or start a new conversation.",
  rate_limited: "The AI Gateway is limiting how fast requests can be made. Try again in a moment.",
  upstream_error: "The AI Gateway hit an error while answering. Try again.",
  upstream_unavailable:
    "The AI Gateway or the model provider is temporarily unavailable. Try again in a moment.",
  network:
    "Parley could not reach the AI Gateway. Check the server's network connection and AIGATEWAY_BASE_URL.",
  stalled: "The AI Gateway stopped sending data, so the answer was cut short. Try again.",
  stream_cut: "The connection to the AI Gateway closed before the answer was complete. Try again.",
  stream_error: "The model stopped with an error.",
  tool_loop_limit: "Stopped: the model kept asking for tools.",
  too_many_generations: "You already have the most answers running at once. Wait for one to finish.",
  interrupted:
    "The Parley server writing this answer stopped before it finished. Continue picks up from here.",
  internal: "Something went wrong inside Parley. Try again.",
};

export type GatewayErrorInit = {
  code: ParleyErrorCode;
  /** Safe to show; becomes `userMessage` (and `Error.message`, so logs read the same words). */
  message: string;
  retryable: boolean;
  status?: number;
  retryAfterSeconds?: number;
  cause?: unknown;
};

export class GatewayError extends Error {
  readonly code: ParleyErrorCode;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  /** Whether trying again could succeed (the retry policy and the UI's Retry button use it). */
  readonly retryable: boolean;
  readonly userMessage: string;

  constructor(init: GatewayErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "GatewayError";
    this.code = init.code;
    this.userMessage = init.message;
    this.retryable = init.retryable;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterSeconds !== undefined) this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** A bug or unexpected failure on our side; the cause stays on `cause` for the logs only. */
  static internal(cause: unknown): GatewayError {
    return new GatewayError({ code: "internal", message: DEFAULT_MESSAGES.internal, retryable: true, cause });
  }
}

/** Statuses where the provider is overloaded or a proxy could not reach it: worth a retry. */
const UNAVAILABLE = new Set([408, 502, 503, 504, 529]);

export function errorFromResponse(status: number, headers: Headers, bodyText: string): GatewayError {
  const body = parseErrorBody(bodyText);
  const detail = sanitiseUpstreamMessage(body?.message);
  // 503s carry Retry-After too (maintenance, overload); the retry policy honours it either way.
  const retryAfterSeconds = parseRetryAfter(headers);
  const make = (code: ParleyErrorCode, retryable: boolean, message = DEFAULT_MESSAGES[code]) =>
    new GatewayError({
      code,
      message,
      retryable,
      status,
      ...(retryable && retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    });

  // OpenAI-style gateways answer an exhausted balance with 429; waiting will not fix it.
  if (
    status === 402 ||
    (status === 429 && /insufficient_(quota|credits)/.test(`${body?.code} ${body?.type}`))
  ) {
    return make("payment_required", false);
  }
  if (status === 429) {
    const when = retryAfterSeconds === undefined ? "in a moment" : `in ${formatSeconds(retryAfterSeconds)}`;
    return make(
      "rate_limited",
      true,
      `The AI Gateway is limiting how fast requests can be made. Try again ${when}.`,
    );
  }
  if (status === 401) return make("unauthorized", false);
  if (status === 403) return make("forbidden", false);
  if (status === 413) return make("too_large", false);
  if (status === 404 || body?.code === "model_not_found") {
    return make("model_not_found", false, withDetail(DEFAULT_MESSAGES.model_not_found, detail));
  }
  if (UNAVAILABLE.has(status)) return make("upstream_unavailable", true);
  if (status >= 500) {
    return make(
      "upstream_error",
      true,
      `The AI Gateway hit an error (HTTP ${status}) while answering. Try again.`,
    );
  }
  if (status >= 400)
    return make("bad_request", false, withDetail("The AI Gateway rejected the request", detail));
  // A 2xx never gets here; a 3xx means a proxy redirected us somewhere fetch would not follow.
  return make("upstream_error", false, `The AI Gateway answered with an unexpected HTTP ${status}.`);
}

/** An `{error: {...}}` object that arrived inside a 200 stream (or a 200 JSON body). */
export function errorFromStreamBody(error: {
  message?: string;
  type?: string;
  code?: string | number | null;
}): GatewayError {
  const detail = sanitiseUpstreamMessage(error.message);
  const kind = `${error.type ?? ""} ${error.code ?? ""}`;
  if (/rate_limit|\b429\b/.test(kind)) return streamed("rate_limited", true, DEFAULT_MESSAGES.rate_limited);
  if (/overloaded|unavailable|\b(502|503|504|529)\b/.test(kind)) {
    return streamed("upstream_unavailable", true, DEFAULT_MESSAGES.upstream_unavailable);
  }
  if (/authentication|invalid_api_key|\b401\b/.test(kind)) {
    return streamed("unauthorized", false, DEFAULT_MESSAGES.unauthorized);
  }
  return streamed("stream_error", true, withDetail("The model stopped with an error", detail));
}

function streamed(code: ParleyErrorCode, retryable: boolean, message: string): GatewayError {
  return new GatewayError({ code, message, retryable });
}

export function networkError(cause: unknown): GatewayError {
  // The system code (ECONNREFUSED, ENOTFOUND, …) is safe and tells an operator where to look.
  const sys = systemCode(cause);
  const message = sys ? `${DEFAULT_MESSAGES.network.slice(0, -1)} (${sys}).` : DEFAULT_MESSAGES.network;
  return new GatewayError({ code: "network", message, retryable: true, cause });
}

export function stallError(seconds: number): GatewayError {
  return new GatewayError({
    code: "stalled",
    message: `The AI Gateway sent nothing for ${formatSeconds(seconds)}, so Parley stopped waiting. Try again.`,
    retryable: true,
  });
}

export function streamCutError(cause?: unknown): GatewayError {
  return new GatewayError({
    code: "stream_cut",
    message: DEFAULT_MESSAGES.stream_cut,
    retryable: true,
    cause,
  });
}

export function toErrorEvent(err: GatewayError): ParleyEventMap["parley.error"] {
  const event: ParleyEventMap["parley.error"] = { code: err.code, message: err.userMessage };
  if (err.status !== undefined) event.status = err.status;
  if (err.retryAfterSeconds !== undefined) event.retryAfterSeconds = err.retryAfterSeconds;
  return event;
}

/**
 * Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). Some gateways also send
 * `retry-after-ms`, which is more precise and wins. Returns whole seconds, never negative.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms")?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.ceil(Number(ms) / 1000);
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value));
  // An HTTP date always names a day and month; this keeps "-5" from parsing as the year -5.
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

const MAX_DETAIL_CHARS = 200;

/**
 * Makes an upstream error message safe to show: one line, no control characters, secrets
 * redacted, length capped. Returns undefined for nothing worth showing.
 */
export function sanitiseUpstreamMessage(message: unknown): string | undefined {
  if (typeof message !== "string") return undefined;
  let text = message
    .replace(/\p{Cc}+/gu, " ")
    .replace(/\bBearer\s+\S+/gi, "Bearer [redacted]")
    .replace(/\b(authorization|api[-_ ]?key|x-api-key)\s*[:=]\s*\S+/gi, "$1: [redacted]")
    .replace(/\b(sk|pk|rk)[-_][A-Za-z0-9_-]{8,}/g, "[redacted]")
    // Long opaque runs are tokens, JWTs or signatures, never words a person needs.
    .replace(/[A-Za-z0-9_\-+/=.]{32,}/g, "[redacted]")
    .replace(/\s+/g, " ")
    .trim();
  if (!text) return undefined;
  if (text.length > MAX_DETAIL_CHARS) text = `${text.slice(0, MAX_DETAIL_CHARS - 1)}…`;
  return text;
}

type ParsedErrorBody = { message?: unknown; type?: unknown; code?: unknown };

/** Only a JSON error object is read; HTML pages and plain text from proxies are ignored. */
function parseErrorBody(text: string): ParsedErrorBody | undefined {
  try {
    const json: unknown = JSON.parse(text);
    if (!json || typeof json !== "object") return undefined;
    const inner = (json as { error?: unknown }).error;
    if (inner && typeof inner === "object") return inner as ParsedErrorBody;
    if (typeof inner === "string") return { message: inner };
    return json as ParsedErrorBody;
  } catch {
    return undefined;
  }
}

function withDetail(base: string, detail: string | undefined): string {
  const head = base.replace(/\.$/, "");
  return detail ? `${head}: ${detail.replace(/\.$/, "")}.` : `${head}.`;
}

function formatSeconds(s: number): string {
  return s === 1 ? "1 second" : `${s} seconds`;
}

function systemCode(cause: unknown): string | undefined {
  for (let e: unknown = cause, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z][A-Z0-9_]{2,40}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
