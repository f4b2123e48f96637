import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { completeChat, type GatewayConfig, type GatewayEvent, openChatStream } from "@/lib/gateway/client";
import { GatewayError } from "@/lib/gateway/errors";
import type { ChatCompletionRequest } from "@/lib/stream/wire";

/**
 * The client against a real local HTTP server whose handler each test scripts. Ordering is
 * enforced with gates the server awaits (opened by the test), never with sleeps.
 */
type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>;
type Seen = { at: number; body: string; headers: IncomingMessage["headers"]; url: string };

let server: Server;
let base: string;
let handler: Handler;
let seen: Seen[];

const KEY = "sk-aig-test-0123456789abcdef";
const cfg = (over: Partial<GatewayConfig> = {}): GatewayConfig => ({
  baseUrl: `${base}/v1`,
  apiKey: KEY,
  stallMs: 5_000,
  maxRetries: 2,
  retryBaseMs: 1,
  maxRetryAfterSeconds: 5,
  ...over,
});
const request: ChatCompletionRequest = {
  model: "anthropic/claude-sonnet-4.6",
  messages: [{ role: "user", content: "Hello!" }],
  stream: true,
  stream_options: { include_usage: true },
};
const live = () => ({ signal: new AbortController().signal });
const chunk = (content: string) =>
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`;

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

function sse(res: ServerResponse, status = 200) {
  res.writeHead(status, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
  res.flushHeaders();
}

async function collect(events: AsyncIterable<GatewayEvent>): Promise<GatewayEvent[]> {
  const out: GatewayEvent[] = [];
  for await (const ev of events) out.push(ev);
  return out;
}

/** Runs the iterator to its end and returns the error it threw. */
async function failure(events: AsyncIterable<GatewayEvent>, got: GatewayEvent[] = []): Promise<unknown> {
  try {
    for await (const ev of events) got.push(ev);
  } catch (error) {
    return error;
  }
  throw new Error("expected the stream to fail");
}

function closedBy(res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => res.on("close", () => resolve(!res.writableFinished)));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (d: string) => {
      body += d;
    });
    req.on("end", () => {
      seen.push({ at: performance.now(), body, headers: req.headers, url: req.url ?? "" });
      void handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
  seen = [];
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("openChatStream: streaming", () => {
  it("sends the request with the key and yields the first event before the server sends the rest", async () => {
    const rest = gate();
    let sentRest = false;
    handler = async (_req, res) => {
      sse(res);
      res.write(chunk("Hel"));
      await rest.opened;
      sentRest = true;
      // A keep-alive comment, an event split across two writes, named and id'd events.
      res.write(': keep-alive\n\ndata: {"choices":[{"index":0,"delta":{"con');
      res.write('tent":"lo"}}]}\n\nevent: message\nid: 7\ndata: {"x":1}\n\ndata: [DONE]\n\n');
      res.end();
    };
    const opened = await openChatStream(request, cfg(), live());
    expect(opened).toMatchObject({ status: 200, attempts: 1 });
    const it = opened.events[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.value).toEqual({ data: chunk("Hel").slice(6, -2) });
    expect(sentRest).toBe(false);
    rest.open();
    const tail = await collect({ [Symbol.asyncIterator]: () => it });
    expect(tail).toEqual([
      { data: '{"choices":[{"index":0,"delta":{"content":"lo"}}]}' },
      { event: "message", id: "7", data: '{"x":1}' },
      { data: "[DONE]" },
    ]);

    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe("/v1/chat/completions");
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(seen[0]?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(seen[0]!.body)).toEqual(request);
  });

  it("ends after [DONE] even if the server keeps the body open", async () => {
    const closed = gate();
    handler = (_req, res) => {
      sse(res);
      res.write(`${chunk("hi")}data: [DONE]\n\n`);
      res.on("close", closed.open);
    };
    const events = await collect((await openChatStream(request, cfg(), live())).events);
    expect(events.map((e) => e.data).at(-1)).toBe("[DONE]");
    // Releasing the connection reaches the server.
    await closed.opened;
  });

  it("treats a body that ends without [DONE] as a cut stream", async () => {
    handler = (_req, res) => {
      sse(res);
      res.end(chunk("partial"));
    };
    const got: GatewayEvent[] = [];
    const error = await failure((await openChatStream(request, cfg(), live())).events, got);
    expect(got).toHaveLength(1);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: "stream_cut" });
  });

  it("keeps a whole last event that lacks its blank line, but never a half line", async () => {
    handler = (_req, res) => {
      sse(res);
      res.end(`${chunk("a")}data: [DONE]\n`);
    };
    expect((await collect((await openChatStream(request, cfg(), live())).events)).at(-1)).toEqual({
      data: "[DONE]",
    });

    handler = (_req, res) => {
      sse(res);
      res.end(`${chunk("a")}data: {"choices":[{"ind`);
    };
    const got: GatewayEvent[] = [];
    const error = await failure((await openChatStream(request, cfg(), live())).events, got);
    expect(got.map((e) => e.data)).toEqual([chunk("a").slice(6, -2)]);
    expect(error).toMatchObject({ code: "stream_cut" });
  });

  it("skips malformed data lines, logs their count once (never their text), and goes on", async () => {
    handler = (_req, res) => {
      sse(res);
      res.end(
        `${chunk("a")}data: {"choices":[{"index":0,"delta":{"content":"PRIVATE-HALF\n\ndata: <html>PRIVATE-PAGE</html>\n\ndata:\n\nevent: error\ndata: not json is fine here\n\n${chunk("b")}data: [DONE]\n\n`,
      );
    };
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const events = await collect((await openChatStream(request, cfg(), live())).events);
      expect(events.map((e) => e.data)).toEqual([
        chunk("a").slice(6, -2),
        "not json is fine here",
        chunk("b").slice(6, -2),
        "[DONE]",
      ]);
      expect(warn).toHaveBeenCalledTimes(1);
      const logged = warn.mock.calls.flat().join(" ");
      expect(logged).toContain("skipped 3 malformed chunk(s)");
      expect(logged).not.toContain("PRIVATE");
    } finally {
      warn.mockRestore();
    }
  });

  it("streams SSE sent with the wrong content type, and reads JSON sent with none", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.end(`${chunk("a")}data: [DONE]\n\n`);
    };
    expect(await collect((await openChatStream(request, cfg(), live())).events)).toHaveLength(2);
    handler = (_req, res) => {
      res.removeHeader("Content-Type");
      res.writeHead(200);
      res.end(' {"error":{"message":"nope"}}');
    };
    expect(await collect((await openChatStream(request, cfg(), live())).events)).toEqual([
      { data: ' {"error":{"message":"nope"}}' },
    ]);
  });

  it("ends quietly after an error event in a 200 stream, leaving the error to the caller", async () => {
    handler = (_req, res) => {
      sse(res);
      res.end(`${chunk("a")}data: {"error":{"message":"Overloaded","type":"overloaded_error"}}\n\n`);
    };
    const events = await collect((await openChatStream(request, cfg(), live())).events);
    expect(events.at(-1)?.data).toContain("overloaded_error");
  });

  it("does not retry once the first byte has arrived, even when the connection dies", async () => {
    const received = gate();
    handler = async (_req, res) => {
      sse(res);
      res.write(chunk("one"));
      await received.opened;
      res.socket?.destroy();
    };
    const opened = await openChatStream(request, cfg(), live());
    const it = opened.events[Symbol.asyncIterator]();
    expect((await it.next()).value?.data).toContain("one");
    received.open();
    await expect(it.next()).rejects.toMatchObject({ code: "stream_cut" });
    expect(seen).toHaveLength(1);
  });
});

describe("openChatStream: retries before the first byte", () => {
  it("retries 429 and 503, then streams", async () => {
    const statuses = [429, 503];
    handler = (_req, res) => {
      const status = statuses.shift();
      if (status)
        return void res
          .writeHead(status, { "Content-Type": "application/json" })
          .end('{"error":{"message":"busy"}}');
      sse(res);
      res.end(`${chunk("ok")}data: [DONE]\n\n`);
    };
    const retries: { attempt: number; code: string }[] = [];
    const opened = await openChatStream(request, cfg(), {
      ...live(),
      onRetry: ({ attempt, error }) => retries.push({ attempt, code: error.code }),
    });
    expect(opened.attempts).toBe(3);
    expect(retries).toEqual([
      { attempt: 1, code: "rate_limited" },
      { attempt: 2, code: "upstream_unavailable" },
    ]);
    expect((await collect(opened.events)).map((e) => e.data)).toEqual([chunk("ok").slice(6, -2), "[DONE]"]);
    expect(seen.map((s) => s.body)).toEqual([seen[0]?.body, seen[0]?.body, seen[0]?.body]);
  });

  it("gives up after maxRetries with the last error", async () => {
    handler = (_req, res) => void res.writeHead(503).end();
    const error = await openChatStream(request, cfg({ maxRetries: 1 }), live()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "upstream_unavailable", status: 503 });
    expect(seen).toHaveLength(2);
  });

  it("waits as long as Retry-After asks", async () => {
    let first = true;
    handler = (_req, res) => {
      if (first) {
        first = false;
        return void res.writeHead(429, { "Retry-After": "1" }).end();
      }
      sse(res);
      res.end("data: [DONE]\n\n");
    };
    const delays: number[] = [];
    await openChatStream(request, cfg(), { ...live(), onRetry: ({ delayMs }) => delays.push(delayMs) });
    expect(delays).toEqual([1000]);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it("does not wait out a Retry-After above the cap: the user gets it", async () => {
    handler = (_req, res) => void res.writeHead(429, { "Retry-After": "120" }).end();
    const error = await openChatStream(request, cfg(), live()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "rate_limited", retryAfterSeconds: 120 });
    expect((error as GatewayError).userMessage).toContain("120 seconds");
    expect(seen).toHaveLength(1);
  });

  it("does not retry a rejected key, and never shows it", async () => {
    handler = (req, res) =>
      void res.writeHead(401, { "Content-Type": "application/json" }).end(
        JSON.stringify({
          error: { message: `Invalid key ${req.headers.authorization}`, type: "authentication_error" },
        }),
      );
    const error = (await openChatStream(request, cfg(), live()).catch((e: unknown) => e)) as GatewayError;
    expect(error.code).toBe("unauthorized");
    expect(error.userMessage).not.toContain(KEY);
    expect(error.message).not.toContain(KEY);
    expect(seen).toHaveLength(1);
  });

  it("maps a refused connection to gateway_unreachable, naming the AI Gateway, after its retries", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    let retries = 0;
    const error = await openChatStream(request, cfg({ baseUrl: `http://127.0.0.1:${port}/v1` }), {
      ...live(),
      onRetry: () => retries++,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "gateway_unreachable", retryable: true });
    expect((error as GatewayError).userMessage).toMatch(/^Parley's server could not reach the AI Gateway\./);
    expect((error as GatewayError).userMessage).toContain("ECONNREFUSED");
    expect((error as GatewayError).userMessage).toContain("AIGATEWAY_BASE_URL");
    expect(retries).toBe(2);
  });

  it("maps a connection reset before the first byte to gateway_unreachable, after its retries", async () => {
    handler = (req) => {
      req.socket.destroy();
    };
    const error = await openChatStream(request, cfg(), live()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "gateway_unreachable", retryable: true });
    expect((error as GatewayError).userMessage).toContain("closed before it answered");
    expect(seen).toHaveLength(3);
  });

  it("maps an unknown host to gateway_unreachable without retrying", async () => {
    let retries = 0;
    const error = await openChatStream(request, cfg({ baseUrl: "http://gateway.invalid/v1" }), {
      ...live(),
      onRetry: () => retries++,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "gateway_unreachable" });
    const message = (error as GatewayError).userMessage;
    expect(message).toContain("host name could not be resolved");
    // A machine without a resolver answers EAI_AGAIN (try again later), which is retried.
    if (message.includes("ENOTFOUND"))
      expect({ retryable: (error as GatewayError).retryable, retries }).toEqual({
        retryable: false,
        retries: 0,
      });
  });
});

describe("openChatStream: stalls and aborts", () => {
  it("declares a stream stalled when no byte arrives for stallMs", async () => {
    handler = (_req, res) => {
      sse(res);
      res.write(chunk("and then silence"));
    };
    const got: GatewayEvent[] = [];
    const error = await failure((await openChatStream(request, cfg({ stallMs: 150 }), live())).events, got);
    expect(got).toHaveLength(1);
    expect(error).toMatchObject({ code: "stalled" });
  });

  it("declares a stall before the headers too, without retrying", async () => {
    handler = () => {};
    const error = await openChatStream(request, cfg({ stallMs: 150 }), live()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "stalled" });
    expect(seen).toHaveLength(1);
  });

  it("aborting mid-stream closes the upstream connection at once", async () => {
    let serverSawClose!: Promise<boolean>;
    handler = (_req, res) => {
      serverSawClose = closedBy(res);
      sse(res);
      res.write(chunk("first"));
    };
    const controller = new AbortController();
    const opened = await openChatStream(request, cfg(), { signal: controller.signal });
    const it = opened.events[Symbol.asyncIterator]();
    await it.next();
    const pending = it.next();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(await serverSawClose).toBe(true);
  });

  it("aborting before the headers cancels the request", async () => {
    let serverSawClose!: Promise<boolean>;
    const arrived = gate();
    handler = (_req, res) => {
      serverSawClose = closedBy(res);
      arrived.open();
    };
    const controller = new AbortController();
    const pending = openChatStream(request, cfg(), { signal: controller.signal });
    await arrived.opened;
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(await serverSawClose).toBe(true);
  });
});

describe("JSON answers", () => {
  const completion = {
    id: "chatcmpl-1",
    object: "chat.completion",
    choices: [{ index: 0, message: { role: "assistant", content: "A title" }, finish_reason: "stop" }],
    usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
  };

  it("openChatStream yields one synthetic event when the gateway answers JSON", async () => {
    handler = (_req, res) =>
      void res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(completion));
    const events = await collect((await openChatStream(request, cfg(), live())).events);
    expect(events).toEqual([{ data: JSON.stringify(completion) }]);
  });

  it("completeChat sends stream: false and returns the parsed completion", async () => {
    handler = (_req, res) =>
      void res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(completion));
    expect(await completeChat(request, cfg(), live())).toEqual(completion);
    const sent = JSON.parse(seen[0]!.body);
    expect(sent.stream).toBe(false);
    expect(sent).not.toHaveProperty("stream_options");
    expect(seen[0]?.headers.accept).toBe("application/json");
  });

  it("completeChat retries like the stream does and maps an error body in a 200", async () => {
    const answers = [503, 200];
    handler = (_req, res) => {
      if (answers.shift() === 503) return void res.writeHead(503).end();
      res
        .writeHead(200, { "Content-Type": "application/json" })
        .end('{"error":{"message":"Overloaded","type":"overloaded_error"}}');
    };
    const error = await completeChat(request, cfg(), live()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "upstream_unavailable" });
    expect(seen).toHaveLength(2);
  });
});
