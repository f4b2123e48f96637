import { sha256 } from "./hash";

/**
 * Fault injection. A spec is `NAME[:ARG][*N]`: `429:retry=5`, `slow-first-byte:800`, `503*2`.
 * Status faults answer before any byte of a completion; `reset` drops the connection (TCP RST)
 * before any byte; stream faults break a 200 stream at a chosen point. `*N` limits the fault to the first N requests carrying the same spec and prompt,
 * which is how tests exercise a client's retries.
 */
export type StatusFault = {
  kind: "status";
  status: 401 | 402 | 403 | 413 | 429 | 500 | 503;
  retryAfter?: number;
};
export type StreamFaultName = "cut" | "malformed" | "stall" | "stream-error" | "event-error";
export type Fault =
  | StatusFault
  | { kind: "stream"; name: StreamFaultName }
  | { kind: "slow-first-byte"; delayMs: number }
  /** The connection is reset before any byte of the response, as a crashing proxy does. */
  | { kind: "reset" };

export type ParsedFault = { fault: Fault; times?: number } | { error: string };

const STATUSES = [401, 402, 403, 413, 429, 500, 503] as const;
const STREAM_FAULTS: StreamFaultName[] = ["cut", "malformed", "stall", "stream-error", "event-error"];

export function parseFault(spec: string): ParsedFault {
  const m = /^([a-z0-9-]+)(?::([^*]+))?(?:\*(\d+))?$/i.exec(spec.trim());
  if (!m) return { error: `Unknown fault spec "${spec}".` };
  const [, name = "", arg, count] = m;
  const times = count === undefined ? undefined : Number(count);
  const status = STATUSES.find((s) => String(s) === name);
  if (status) {
    if (status !== 429) return { fault: { kind: "status", status }, times };
    const retry = arg ? /^retry=(\d+)$/.exec(arg)?.[1] : "1";
    if (retry === undefined) return { error: `Bad 429 argument "${arg}" (want retry=N).` };
    return { fault: { kind: "status", status, retryAfter: Number(retry) }, times };
  }
  if (name === "slow-first-byte") {
    const delayMs = arg === undefined ? 3000 : Number(arg);
    if (!Number.isFinite(delayMs) || delayMs < 0) return { error: `Bad delay in "${spec}".` };
    return { fault: { kind: "slow-first-byte", delayMs }, times };
  }
  if (name === "reset" && arg === undefined) return { fault: { kind: "reset" }, times };
  const streamName = STREAM_FAULTS.find((f) => f === name);
  if (streamName) return { fault: { kind: "stream", name: streamName }, times };
  return {
    error: `Unknown fault "${name}". Known: ${[...STATUSES, "slow-first-byte", "reset", ...STREAM_FAULTS].join(", ")}.`,
  };
}

/** Counts requests per (spec, prompt) so `*N` faults fire N times and then let requests through. */
export class FaultCounter {
  private readonly seen = new Map<string, number>();

  /** True while this request is among the first `times` carrying the same spec and prompt. */
  shouldFire(spec: string, prompt: string, times: number | undefined): boolean {
    if (times === undefined) return true;
    const key = sha256(`${spec}\n${prompt}`);
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    return n <= times;
  }
}

type ErrorShape = { message: string; type: string; code: string };

/** Error bodies shaped like the gateway's own (OpenAI style), one per status fault. */
export const STATUS_ERRORS: Record<StatusFault["status"], ErrorShape> = {
  401: {
    message: "Invalid API key provided (emulated).",
    type: "authentication_error",
    code: "invalid_api_key",
  },
  402: {
    message: "Insufficient credits: add funds to your account to continue (emulated).",
    type: "insufficient_quota",
    code: "insufficient_credits",
  },
  403: {
    message: "This key may not use this model (emulated).",
    type: "permission_error",
    code: "forbidden",
  },
  413: {
    message: "Request entity too large (emulated).",
    type: "invalid_request_error",
    code: "request_too_large",
  },
  429: {
    message: "Rate limit exceeded, retry later (emulated).",
    type: "rate_limit_error",
    code: "rate_limit_exceeded",
  },
  500: {
    message: "The server had an error processing your request (emulated).",
    type: "server_error",
    code: "internal_error",
  },
  503: {
    message: "The upstream provider is overloaded (emulated).",
    type: "server_error",
    code: "service_unavailable",
  },
};

/** Error sent inside a 200 stream by `stream-error` and `event-error`. */
export const IN_STREAM_ERROR = {
  message: "The upstream provider failed mid-stream (emulated).",
  type: "server_error",
  code: "provider_error",
};
