/**
 * Gateway failures as one error class with a stable code. The words come from Parley's one
 * wording table (lib/errors/wording.ts); this module only decides which code a failure is and
 * which facts (status, Retry-After, system code, a short upstream reason) sharpen its words.
 *
 * `userMessage` is what a person sees. It never carries the upstream body: at most a short,
 * sanitised `error.message` from a JSON body, and only where that text helps (bad request,
 * unknown model, stream errors). Keys, bearer tokens and long opaque strings are redacted even then.
 */
import type { ErrorCode } from "../errors/codes";
import { ERROR_WORDS, type ErrorContext, errorMessage, isTlsCode } from "../errors/wording";
import type { ParleyEventMap } from "../stream/events";

export type GatewayErrorInit = {
  code: ErrorCode;
  /**
   * Safe words that replace the table's (becomes `userMessage`, and `Error.message`, so logs read
   * the same words). Leave it out: the table words the code, sharpened by `context`.
   */
  message?: string;
  context?: ErrorContext;
  /** Whether the same request may work if sent again; defaults to the table's advice. */
  retryable?: boolean;
  status?: number;
  retryAfterSeconds?: number;
  cause?: unknown;
};

export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  /** Whether trying again could succeed (the retry policy uses it). */
  readonly retryable: boolean;
  readonly userMessage: string;

  constructor(init: GatewayErrorInit) {
    const context: ErrorContext = {
      ...(init.status === undefined ? {} : { status: init.status }),
      ...(init.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: init.retryAfterSeconds }),
      ...init.context,
    };
    const message = init.message ?? errorMessage(init.code, context);
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "GatewayError";
    this.code = init.code;
    this.userMessage = message;
    this.retryable = init.retryable ?? ERROR_WORDS[init.code].retry;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterSeconds !== undefined) this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** A bug or unexpected failure on our side; the cause stays on `cause` for the logs only. */
  static internal(cause: unknown): GatewayError {
    return new GatewayError({ code: "internal", retryable: true, cause });
  }
}

/** Statuses where the provider is overloaded or a proxy could not reach it: worth a retry. */
const UNAVAILABLE = new Set([408, 502, 503, 504, 529]);

export function errorFromResponse(status: number, headers: Headers, bodyText: string): GatewayError {
  const body = parseErrorBody(bodyText);
  const reason = sanitiseUpstreamMessage(body?.message);
  // 503s carry Retry-After too (maintenance, overload); the retry policy honours it either way.
  const retryAfterSeconds = parseRetryAfter(headers);
  const make = (code: ErrorCode, retryable: boolean, context?: ErrorContext) =>
    new GatewayError({
      code,
      retryable,
      status,
      ...(retryable && retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      ...(context ? { context } : {}),
    });

  // OpenAI-style gateways answer an exhausted balance with 429; waiting will not fix it.
  if (
    status === 402 ||
    (status === 429 && /insufficient_(quota|credits)/.test(`${body?.code} ${body?.type}`))
  ) {
    return make("payment_required", false);
  }
  if (status === 429) return make("rate_limited", true);
  if (status === 401) return make("unauthorized", false);
  if (status === 403) return make("forbidden", false);
  if (status === 413) return make("too_large", false, { by: "ai_gateway" });
  if (status === 404 || body?.code === "model_not_found") {
    return make("model_not_found", false, reason ? { reason } : undefined);
  }
  if (UNAVAILABLE.has(status)) return make("upstream_unavailable", true);
  if (status >= 500) return make("upstream_error", true);
  if (status >= 400) return make("bad_request", false, { by: "ai_gateway", ...(reason ? { reason } : {}) });
  // A 2xx never gets here; a 3xx means a proxy redirected us somewhere fetch would not follow.
  return make("upstream_error", false);
}

/** An `{error: {...}}` object that arrived inside a 200 stream (or a 200 JSON body). */
export function errorFromStreamBody(error: {
  message?: string;
  type?: string;
  code?: string | number | null;
}): GatewayError {
  const reason = sanitiseUpstreamMessage(error.message);
  const kind = `${error.type ?? ""} ${error.code ?? ""}`;
  if (/rate_limit|\b429\b/.test(kind)) return new GatewayError({ code: "rate_limited", retryable: true });
  if (/overloaded|unavailable|\b(502|503|504|529)\b/.test(kind)) {
    return new GatewayError({ code: "upstream_unavailable", retryable: true });
  }
  if (/authentication|invalid_api_key|\b401\b/.test(kind)) {
    return new GatewayError({ code: "unauthorized", retryable: false });
  }
  return new GatewayError({
    code: "stream_error",
    retryable: true,
    ...(reason ? { context: { reason } } : {}),
  });
}

/**
 * The AI Gateway could not be reached from Parley's server: connection refused, DNS, TLS, or a
 * connection that died before the first byte. The system code (ECONNREFUSED, ENOTFOUND, …) is
 * safe and tells an operator where to look; the URL is not repeated (it is in their config).
 * A certificate or an unknown host will not fix itself, so those are not retried.
 */
export function gatewayUnreachableError(cause: unknown): GatewayError {
  const systemCode = systemCodeOf(cause);
  const permanent = systemCode !== undefined && (systemCode === "ENOTFOUND" || isTlsCode(systemCode));
  return new GatewayError({
    code: "gateway_unreachable",
    retryable: !permanent,
    cause,
    ...(systemCode ? { context: { systemCode } } : {}),
  });
}

export function stallError(seconds: number): GatewayError {
  return new GatewayError({ code: "stalled", retryable: true, context: { stallSeconds: seconds } });
}

export function streamCutError(cause?: unknown): GatewayError {
  return new GatewayError({ code: "stream_cut", retryable: true, cause });
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

/** The first system error code on the cause chain (an AggregateError from a dual-stack connect: its first). */
function systemCodeOf(cause: unknown): string | undefined {
  for (let e: unknown = cause, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z][A-Z0-9_]{2,40}$/.test(code)) return code;
    const errors = (e as { errors?: unknown }).errors;
    e = (e as { cause?: unknown }).cause ?? (Array.isArray(errors) ? errors[0] : undefined);
  }
  return undefined;
}
