import { describe, expect, it } from "vitest";
import {
  errorFromResponse,
  errorFromStreamBody,
  GatewayError,
  gatewayUnreachableError,
  parseRetryAfter,
  sanitiseUpstreamMessage,
  stallError,
  streamCutError,
  toErrorEvent,
} from "@/lib/gateway/errors";

const none = new Headers();
const body = (message: string, type = "error", code: string | null = null) =>
  JSON.stringify({ error: { message, type, code } });

describe("errorFromResponse", () => {
  it.each([
    [400, "bad_request", false],
    [401, "unauthorized", false],
    [402, "payment_required", false],
    [403, "forbidden", false],
    [404, "model_not_found", false],
    [413, "too_large", false],
    [422, "bad_request", false],
    [429, "rate_limited", true],
    [500, "upstream_error", true],
    [502, "upstream_unavailable", true],
    [503, "upstream_unavailable", true],
    [504, "upstream_unavailable", true],
    [529, "upstream_unavailable", true],
  ] as const)("maps HTTP %i to %s (retryable: %s)", (status, code, retryable) => {
    const err = errorFromResponse(status, none, body("upstream says no"));
    expect(err).toBeInstanceOf(GatewayError);
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe(code);
    expect(err.status).toBe(status);
    expect(err.retryable).toBe(retryable);
    expect(err.userMessage.length).toBeGreaterThan(10);
    expect(err.message).toBe(err.userMessage);
  });

  it("tells the operator where the key lives on 401, in plain words", () => {
    const err = errorFromResponse(
      401,
      none,
      body("Incorrect API key provided: sk-aig-1234567890abcdef", "authentication_error"),
    );
    expect(err.userMessage).toMatch(/^The AI Gateway rejected the API key/);
    expect(err.userMessage).toContain("AIGATEWAY_API_KEY");
    expect(err.userMessage).not.toContain("sk-aig");
  });

  it("honours Retry-After in seconds on 429", () => {
    const err = errorFromResponse(429, new Headers({ "Retry-After": "7" }), body("slow down"));
    expect(err.retryAfterSeconds).toBe(7);
    expect(err.userMessage).toContain("7 seconds");
  });

  it("honours Retry-After as an HTTP date on 429", () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    const err = errorFromResponse(429, new Headers({ "Retry-After": at }), "");
    // toUTCString drops milliseconds, so the wait is 29 or 30 seconds.
    expect(err.retryAfterSeconds).toBeGreaterThanOrEqual(29);
    expect(err.retryAfterSeconds).toBeLessThanOrEqual(30);
  });

  it("has no retryAfterSeconds when the header is absent or garbage", () => {
    expect(errorFromResponse(429, none, "").retryAfterSeconds).toBeUndefined();
    expect(
      errorFromResponse(429, new Headers({ "Retry-After": "soon" }), "").retryAfterSeconds,
    ).toBeUndefined();
    expect(toErrorEvent(errorFromResponse(429, none, ""))).not.toHaveProperty("retryAfterSeconds");
  });

  it("treats an exhausted balance answered as 429 as payment_required, which waiting will not fix", () => {
    const err = errorFromResponse(
      429,
      none,
      body("You exceeded your current quota", "insufficient_quota", "insufficient_quota"),
    );
    expect(err.code).toBe("payment_required");
    expect(err.retryable).toBe(false);
  });

  it("recognises model_not_found in a 400 body", () => {
    const err = errorFromResponse(
      400,
      none,
      body("The model 'x' does not exist", "invalid_request_error", "model_not_found"),
    );
    expect(err.code).toBe("model_not_found");
  });

  it("shows a short upstream reason on 400, but never the raw body", () => {
    const err = errorFromResponse(400, none, body("max_tokens: must be at most 64000"));
    expect(err.userMessage).toBe(
      "The request is not valid. The AI Gateway said: max_tokens: must be at most 64000.",
    );
    const html = errorFromResponse(
      400,
      none,
      "<html><body>nginx says Authorization: Bearer sk-secret</body></html>",
    );
    expect(html.userMessage).toBe("The request is not valid. The AI Gateway refused it.");
  });

  it.each([400, 401, 403, 404, 429, 500, 503])("never echoes a secret from the body of a %i", (status) => {
    const secrets = [
      "sk-aig-live-0123456789abcdefghij",
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
      "Bearer abc.def.ghi",
    ];
    const text = body(
      `Request failed. key=${secrets[0]} token ${secrets[1]} header Authorization: ${secrets[2]}`,
    );
    const err = errorFromResponse(status, new Headers({ authorization: `Bearer ${secrets[0]}` }), text);
    for (const s of secrets) expect(err.userMessage).not.toContain(s);
    expect(JSON.stringify(toErrorEvent(err))).not.toMatch(/sk-aig|eyJhbGci|abc\.def/);
  });

  it("caps the upstream reason and keeps it on one line", () => {
    const err = errorFromResponse(400, none, body(`first line\nsecond line ${"word ".repeat(200)}`));
    expect(err.userMessage).not.toContain("\n");
    expect(err.userMessage.length).toBeLessThan(260);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-05-05T12:00:00Z");
  it("reads seconds, fractional seconds, dates in the past, and retry-after-ms", () => {
    expect(parseRetryAfter(new Headers({ "retry-after": "0" }), now)).toBe(0);
    expect(parseRetryAfter(new Headers({ "retry-after": "1.5" }), now)).toBe(2);
    expect(parseRetryAfter(new Headers({ "retry-after": "Tue, 05 May 2026 12:00:42 GMT" }), now)).toBe(42);
    expect(parseRetryAfter(new Headers({ "retry-after": "Tue, 05 May 2026 11:00:00 GMT" }), now)).toBe(0);
    expect(parseRetryAfter(new Headers({ "retry-after-ms": "2500", "retry-after": "9" }), now)).toBe(3);
    expect(parseRetryAfter(new Headers({ "retry-after": "-5" }), now)).toBeUndefined();
  });
});

describe("the other error makers", () => {
  it("gatewayUnreachableError names the AI Gateway and the system code, but not the URL or key", () => {
    const cause = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:443"), { code: "ECONNREFUSED" }),
    });
    const err = gatewayUnreachableError(cause);
    expect(err).toMatchObject({ code: "gateway_unreachable", retryable: true });
    expect(err.userMessage).toMatch(/^Parley's server could not reach the AI Gateway\./);
    expect(err.userMessage).toContain("(ECONNREFUSED)");
    expect(err.userMessage).toContain("AIGATEWAY_BASE_URL");
    expect(err.userMessage).not.toContain("10.0.0.1");
    expect(err.userMessage).not.toMatch(/your (own )?(network|connection)/i);
    expect(err.cause).toBe(cause);
  });

  it("gatewayUnreachableError does not retry what will not fix itself (unknown host, TLS)", () => {
    const withCode = (code: string) =>
      gatewayUnreachableError(
        new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) }),
      );
    expect(withCode("ENOTFOUND")).toMatchObject({ retryable: false });
    expect(withCode("ENOTFOUND").userMessage).toContain("host name could not be resolved");
    expect(withCode("CERT_HAS_EXPIRED")).toMatchObject({ retryable: false });
    expect(withCode("CERT_HAS_EXPIRED").userMessage).toContain("TLS");
    expect(withCode("ECONNRESET")).toMatchObject({ retryable: true });
    expect(withCode("UND_ERR_SOCKET").userMessage).toContain("closed before it answered");
    // Node's dual-stack connect rejects with an AggregateError whose first error has the code.
    const both = new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })], "x");
    expect(gatewayUnreachableError(new TypeError("fetch failed", { cause: both })).userMessage).toContain(
      "(ECONNREFUSED)",
    );
    expect(gatewayUnreachableError(new Error("no code")).userMessage).toContain("The connection failed.");
  });

  it("stallError and streamCutError say what happened", () => {
    expect(stallError(60)).toMatchObject({
      code: "stalled",
      userMessage: expect.stringContaining("60 seconds"),
    });
    expect(streamCutError()).toMatchObject({ code: "stream_cut", retryable: true });
  });

  it("errorFromStreamBody maps known kinds and sanitises the rest", () => {
    expect(errorFromStreamBody({ message: "Overloaded", type: "overloaded_error" }).code).toBe(
      "upstream_unavailable",
    );
    expect(errorFromStreamBody({ message: "Too many", type: "rate_limit_error" }).code).toBe("rate_limited");
    expect(errorFromStreamBody({ message: "x", code: 429 }).code).toBe("rate_limited");
    const other = errorFromStreamBody({
      message: "Provider returned error: sk-or-v1-aaaaaaaaaaaaaaaa",
      type: "server_error",
    });
    expect(other.code).toBe("stream_error");
    expect(other.userMessage).toBe(
      "The AI Gateway reported an error mid-answer. It said: Provider returned error: [redacted]. What arrived before it is kept. Try again.",
    );
  });

  it("toErrorEvent carries code, message, status and retryAfterSeconds only", () => {
    const err = errorFromResponse(429, new Headers({ "Retry-After": "3" }), body("slow"));
    expect(toErrorEvent(err)).toEqual({
      code: "rate_limited",
      message: err.userMessage,
      status: 429,
      retryAfterSeconds: 3,
    });
    expect(toErrorEvent(streamCutError())).toEqual({
      code: "stream_cut",
      message: streamCutError().userMessage,
    });
  });

  it("GatewayError.internal hides the cause from the message", () => {
    const err = GatewayError.internal(new Error("db password wrong: hunter2"));
    expect(err.code).toBe("internal");
    expect(err.userMessage).not.toContain("hunter2");
  });

  it("sanitiseUpstreamMessage drops empty and non-string input", () => {
    expect(sanitiseUpstreamMessage(undefined)).toBeUndefined();
    expect(sanitiseUpstreamMessage({ nested: true })).toBeUndefined();
    expect(sanitiseUpstreamMessage(" \n\t ")).toBeUndefined();
  });
});
