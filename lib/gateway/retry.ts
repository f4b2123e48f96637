/**
 * When to try a gateway call again, and how long to wait first. Pure apart from `sleep`.
 *
 * Only failures before the first byte are retried: once a chunk has reached the browser, a second
 * call would produce a different answer spliced onto the first, and would be billed again.
 */
import type { ErrorCode } from "../errors/codes";
import type { GatewayError } from "./errors";

export type RetryPolicy = {
  /** Retries after the first attempt (0 = never retry). */
  maxRetries: number;
  retryBaseMs: number;
  /** A Retry-After longer than this is not waited out: the user sees the error and the wait. */
  maxRetryAfterSeconds: number;
};

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/** A backoff never waits longer than this, however many attempts. */
export const MAX_BACKOFF_MS = 30_000;

/**
 * Exponential backoff with jitter on top: retry n (1-based) waits base·2^(n-1) plus up to half of
 * that again at random, so clients that failed together do not all come back together.
 */
export function backoffDelayMs(attempt: number, baseMs: number, rng: () => number = Math.random): number {
  const exp = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.min(MAX_BACKOFF_MS, Math.round(exp + rng() * (exp / 2)));
}

/**
 * Codes that say "the same request may well work in a moment". 401, 402 and 403 are never here:
 * a wrong key or an empty account does not fix itself. A stall is not retried either: the
 * gateway took the request and may be working on it.
 */
const RETRYABLE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "rate_limited",
  "upstream_unavailable",
  "upstream_error",
  "gateway_unreachable",
]);

export function retryDecision(
  input: { error: GatewayError; retriesSoFar: number; receivedFirstByte: boolean },
  policy: RetryPolicy,
  rng: () => number = Math.random,
): RetryDecision {
  const { error, retriesSoFar } = input;
  if (input.receivedFirstByte) return { retry: false };
  if (retriesSoFar >= policy.maxRetries) return { retry: false };
  if (!error.retryable || !RETRYABLE_CODES.has(error.code)) return { retry: false };
  const backoff = backoffDelayMs(retriesSoFar + 1, policy.retryBaseMs, rng);
  if (error.retryAfterSeconds === undefined) return { retry: true, delayMs: backoff };
  if (error.retryAfterSeconds > policy.maxRetryAfterSeconds) return { retry: false };
  // Never come back earlier than the gateway asked; a "0" still gets the ordinary backoff.
  return { retry: true, delayMs: Math.max(error.retryAfterSeconds * 1000, backoff) };
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
