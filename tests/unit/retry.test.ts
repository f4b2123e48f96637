import { describe, expect, it } from "vitest";
import { errorFromResponse, gatewayUnreachableError, stallError, streamCutError } from "@/lib/gateway/errors";
import { backoffDelayMs, MAX_BACKOFF_MS, type RetryPolicy, retryDecision, sleep } from "@/lib/gateway/retry";

const policy: RetryPolicy = { maxRetries: 2, retryBaseMs: 500, maxRetryAfterSeconds: 20 };
const noJitter = () => 0;
const fullJitter = () => 0.999_999;
const status = (s: number, headers: Record<string, string> = {}) =>
  errorFromResponse(s, new Headers(headers), "");

describe("backoffDelayMs", () => {
  it("doubles per attempt and adds up to half again as jitter", () => {
    expect([1, 2, 3].map((n) => backoffDelayMs(n, 500, noJitter))).toEqual([500, 1000, 2000]);
    expect([1, 2, 3].map((n) => backoffDelayMs(n, 500, fullJitter))).toEqual([750, 1500, 3000]);
    expect(backoffDelayMs(2, 500, () => 0.5)).toBe(1250);
  });

  it("is capped, and zero with a zero base", () => {
    expect(backoffDelayMs(30, 500, fullJitter)).toBe(MAX_BACKOFF_MS);
    expect(backoffDelayMs(3, 0, fullJitter)).toBe(0);
  });
});

describe("retryDecision", () => {
  const decide = (
    error: Parameters<typeof retryDecision>[0]["error"],
    retriesSoFar = 0,
    receivedFirstByte = false,
  ) => retryDecision({ error, retriesSoFar, receivedFirstByte }, policy, noJitter);

  it("retries 429, 5xx and an unreachable gateway before the first byte", () => {
    for (const e of [
      status(429),
      status(500),
      status(502),
      status(503),
      gatewayUnreachableError(new Error("x")),
    ]) {
      expect(decide(e)).toEqual({ retry: true, delayMs: 500 });
    }
  });

  it("never retries after the first byte", () => {
    expect(decide(status(503), 0, true)).toEqual({ retry: false });
    expect(decide(streamCutError())).toEqual({ retry: false });
  });

  it("does not retry what waiting cannot fix", () => {
    for (const s of [400, 401, 402, 403, 404, 413]) expect(decide(status(s))).toEqual({ retry: false });
    expect(decide(stallError(60))).toEqual({ retry: false });
  });

  it("stops after maxRetries", () => {
    expect(decide(status(503), 1)).toEqual({ retry: true, delayMs: 1000 });
    expect(decide(status(503), 2)).toEqual({ retry: false });
    expect(
      retryDecision(
        { error: status(503), retriesSoFar: 0, receivedFirstByte: false },
        { ...policy, maxRetries: 0 },
      ),
    ).toEqual({
      retry: false,
    });
  });

  it("waits as long as Retry-After asks, and never less than the backoff", () => {
    expect(decide(status(429, { "Retry-After": "3" }))).toEqual({ retry: true, delayMs: 3000 });
    expect(decide(status(429, { "Retry-After": "0" }))).toEqual({ retry: true, delayMs: 500 });
    expect(decide(status(503, { "Retry-After": "2" }))).toEqual({ retry: true, delayMs: 2000 });
    expect(decide(status(503, { "Retry-After": "21" }))).toEqual({ retry: false });
  });

  it("gives the user a Retry-After longer than the cap instead of waiting it out", () => {
    const err = status(429, { "Retry-After": "120" });
    expect(decide(err)).toEqual({ retry: false });
    expect(err.retryAfterSeconds).toBe(120);
    expect(decide(status(429, { "Retry-After": "20" }))).toEqual({ retry: true, delayMs: 20_000 });
  });
});

describe("sleep", () => {
  it("rejects with the abort reason as soon as the signal aborts", async () => {
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
    await expect(sleep(10, controller.signal)).rejects.toThrow("stop");
  });
});
