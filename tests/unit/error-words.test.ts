import { describe, expect, it } from "vitest";
import {
  BROWSER_ERROR_CODES,
  describeError,
  ERROR_CODES,
  ERROR_STATUS,
  ERROR_WORDS,
  type ErrorCode,
  errorBody,
  errorMessage,
  errorResponse,
  errorWords,
  GATEWAY_ERROR_CODES,
  isErrorCode,
  normaliseErrorCode,
  SERVER_ERROR_CODES,
} from "@/lib/errors";
import { GatewayError, stallError, toErrorEvent } from "@/lib/gateway/errors";
import type { ParleyErrorCode } from "@/lib/stream/events";

/** Every context field filled, so context-dependent details are exercised too. */
const FULL = {
  retryAfterSeconds: 20,
  status: 503,
  systemCode: "ECONNREFUSED",
  stallSeconds: 60,
  reason: "something upstream",
  by: "ai_gateway" as const,
  maxSteps: 8,
  limit: 3,
};

describe("the error vocabulary", () => {
  it("is one union: the stream protocol's code is the same type", () => {
    const code: ParleyErrorCode = "gateway_unreachable" satisfies ErrorCode;
    expect(isErrorCode(code)).toBe(true);
    expect(isErrorCode("network")).toBe(false);
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const c of [...GATEWAY_ERROR_CODES, ...SERVER_ERROR_CODES, ...BROWSER_ERROR_CODES]) {
      expect(ERROR_CODES).toContain(c);
    }
  });

  it.each(ERROR_CODES)("%s has a title, a detail and retry advice", (code) => {
    for (const ctx of [{}, FULL]) {
      const words = errorWords(code, ctx);
      expect(words.title).toMatch(/^[A-Z].{10,}\.$/);
      expect(words.detail ?? "").toMatch(/^([A-Z].*\.)?$/);
      expect(typeof words.retry).toBe("boolean");
      expect(errorMessage(code, ctx)).toBe(words.detail ? `${words.title} ${words.detail}` : words.title);
      // No double full stops, no "undefined" leaking from a missing context field.
      expect(errorMessage(code, ctx)).not.toMatch(/\.\.|undefined|NaN/);
    }
  });

  it("names the AI Gateway in every gateway fault's title, and the browser in no gateway fault", () => {
    const shared = new Set<ErrorCode>(SERVER_ERROR_CODES);
    for (const code of GATEWAY_ERROR_CODES) {
      if (shared.has(code) || code === "tool_loop_limit") continue;
      expect(ERROR_WORDS[code].title, code).toContain("AI Gateway");
      expect(ERROR_WORDS[code].party, code).toBe("ai_gateway");
      expect(errorMessage(code, FULL), code).not.toMatch(/your (internet|network|connection|browser)/i);
    }
  });

  it("tells Parley's server failing to reach the AI Gateway apart from the browser failing to reach Parley", () => {
    const gateway = errorWords("gateway_unreachable", { systemCode: "ECONNREFUSED" });
    const browser = errorWords("server_unreachable");
    expect(gateway.title).not.toBe(browser.title);
    expect(gateway.detail).not.toBe(browser.detail);
    expect(gateway.title).toBe("Parley's server could not reach the AI Gateway.");
    expect(gateway.detail).toContain("AIGATEWAY_BASE_URL");
    expect(errorMessage("gateway_unreachable")).not.toMatch(/your|browser/i);
    expect(browser.title).toBe("Your browser could not reach Parley's server.");
    expect(browser.detail).toMatch(/may still be running/);
    expect(errorMessage("server_unreachable")).not.toContain("AI Gateway");
    expect(errorWords("connection_lost").detail).toMatch(/may still be running/);
    expect(errorWords("connection_lost").title).not.toBe(errorWords("stream_cut").title);
    expect(errorWords("stream_cut").title).toContain("AI Gateway");
  });

  it("advises against retrying what a retry cannot fix", () => {
    for (const code of ["unauthorized", "payment_required", "forbidden", "bad_request"] as const) {
      expect(ERROR_WORDS[code].retry, code).toBe(false);
    }
    for (const code of ["rate_limited", "stream_cut", "gateway_unreachable", "server_unreachable"] as const) {
      expect(ERROR_WORDS[code].retry, code).toBe(true);
    }
  });

  it("puts the context into the detail", () => {
    expect(errorMessage("rate_limited", { retryAfterSeconds: 1 })).toContain("Try again in 1 second.");
    expect(errorMessage("stalled", { stallSeconds: 60 })).toContain("60 seconds");
    expect(errorMessage("too_many_generations", { limit: 3 })).toContain("at most 3");
    expect(errorMessage("bad_request", { by: "ai_gateway", reason: "max_tokens too big." })).toBe(
      "The request is not valid. The AI Gateway said: max_tokens too big.",
    );
  });
});

describe("GatewayError takes its words from the table", () => {
  it("words a code from the table unless told otherwise", () => {
    const err = new GatewayError({ code: "forbidden", status: 403 });
    expect(err.userMessage).toBe(errorMessage("forbidden"));
    expect(err.retryable).toBe(false);
    expect(toErrorEvent(stallError(5)).message).toBe(errorMessage("stalled", { stallSeconds: 5 }));
    expect(new GatewayError({ code: "tool_loop_limit", message: "Stopped after 8." }).userMessage).toBe(
      "Stopped after 8.",
    );
  });
});

describe("describeError (the browser's error box)", () => {
  it("shows the table's title and the server's detail after it", () => {
    const message = errorMessage("gateway_unreachable", { systemCode: "ECONNREFUSED" });
    const words = describeError({ code: "gateway_unreachable", message });
    expect(words.title).toBe("Parley's server could not reach the AI Gateway.");
    expect(words.detail).toContain("(ECONNREFUSED)");
    expect(words.party).toBe("ai_gateway");
  });

  it("keeps a server message worded another way as the detail", () => {
    const words = describeError({ code: "bad_request", message: "settings.temperature: Too big" });
    expect(words).toMatchObject({
      title: "The request is not valid.",
      detail: "settings.temperature: Too big",
    });
    expect(describeError({ code: "stalled", message: "" }).detail).toBe(errorWords("stalled").detail);
  });

  it("shows an unknown code's own message", () => {
    expect(describeError({ code: "teapot", message: "I'm a teapot." })).toMatchObject({
      title: "I'm a teapot.",
    });
    expect(describeError({ code: "teapot", message: "" }).title).toBe("Something went wrong.");
  });

  it("rewords the browser's old codes by who was at fault", () => {
    // What lib/client/chat-stream.ts sent before it knew the new codes.
    expect(normaliseErrorCode("network", "Parley's server could not be reached.")).toBe("server_unreachable");
    expect(normaliseErrorCode("stream_cut", "The connection closed before the answer finished.")).toBe(
      "connection_lost",
    );
    expect(describeError({ code: "network", message: "Parley's server could not be reached." })).toEqual(
      errorWords("server_unreachable"),
    );
    // Saved by an older server: `network` was the server failing to reach the gateway.
    const old = describeError({
      code: "network",
      message: "Parley could not reach the AI Gateway (ECONNREFUSED).",
    });
    expect(old.title).toBe("Parley's server could not reach the AI Gateway.");
    expect(old.detail).toContain("ECONNREFUSED");
    expect(normaliseErrorCode("stream_cut", "anything else")).toBe("stream_cut");
  });
});

describe("JSON errors", () => {
  it("answer with the code's status and the table's words unless given more specific ones", async () => {
    const res = errorResponse("unavailable");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      error: { code: "unavailable", message: errorMessage("unavailable") },
    });
    expect(errorBody("bad_request", { message: "model: invalid", field: "model" })).toEqual({
      error: { code: "bad_request", message: "model: invalid", field: "model" },
    });
    expect(errorResponse("too_many_generations", { context: { limit: 2 } }).status).toBe(429);
    expect(ERROR_STATUS.not_found).toBe(404);
  });
});
