import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { createLogger, requestId, withRequestId } from "@/lib/observability/logger";

/** A logger at debug level whose lines land in `lines` (raw) for the assertions. */
function capture() {
  const lines: string[] = [];
  const log = createLogger({ level: "debug", destination: { write: (s: string) => lines.push(s) } });
  const last = () => JSON.parse(lines.at(-1)!) as Record<string, unknown>;
  return { log, lines, last };
}

const SECRET = "sk-live-0123456789abcdef";
const WORDS = "my private question about the merger";

describe("logger redaction", () => {
  it("censors authorization headers, api keys and cookies, at any of the first three levels", () => {
    const { log, lines, last } = capture();
    log.info(
      {
        authorization: `Bearer ${SECRET}`,
        apiKey: SECRET,
        headers: { authorization: `Bearer ${SECRET}`, cookie: `sid=${SECRET}`, "x-api-key": SECRET },
        req: { headers: { Authorization: `Bearer ${SECRET}`, "set-cookie": `sid=${SECRET}` } },
        gateway: { apiKey: SECRET, baseUrl: "https://api.example/v1" },
      },
      "calling the gateway",
    );
    expect(lines.join("")).not.toContain(SECRET);
    const line = last();
    expect(line).toMatchObject({
      level: "info",
      msg: "calling the gateway",
      authorization: "[redacted]",
      apiKey: "[redacted]",
      headers: { authorization: "[redacted]", cookie: "[redacted]", "x-api-key": "[redacted]" },
      req: { headers: { Authorization: "[redacted]", "set-cookie": "[redacted]" } },
      // What is not secret stays readable.
      gateway: { apiKey: "[redacted]", baseUrl: "https://api.example/v1" },
    });
  });

  it("never prints message text, even inside a failed query's error", () => {
    const { log, lines } = capture();
    log.warn({
      conversationId: "c1",
      messages: [{ role: "user", content: WORDS }],
      body: { content: WORDS },
    });
    const failed = new DrizzleQueryError(
      'insert into "messages" ("id", "parts") values ($1, $2)',
      ["m1", JSON.stringify([{ type: "text", text: WORDS }])],
      new Error("connection reset"),
    );
    log.error({ err: failed }, "saving failed");
    log.error(failed);
    log.error({ err: failed });
    const out = lines.join("");
    expect(out).not.toContain("merger");
    // The SQL, the id of the thing and the cause stay: they are what an operator needs.
    expect(out).toContain('insert into \\"messages\\"');
    expect(out).toContain("c1");
    expect(out).toContain("connection reset");
  });

  it("tags lines logged inside a request with its id", () => {
    const { log, last } = capture();
    withRequestId("req-42", () => log.info("inside"));
    expect(last().reqId).toBe("req-42");
    log.info("outside");
    expect(last()).not.toHaveProperty("reqId");
  });
});

describe("requestId", () => {
  const req = (id?: string) =>
    new Request("http://x/api/health", { headers: id === undefined ? {} : { "x-request-id": id } });
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  it("keeps a short, plain incoming id", () => {
    expect(requestId(req("abc-DEF_123"))).toBe("abc-DEF_123");
  });

  it("makes a new one when the header is missing, too long or not plain", () => {
    for (const bad of [undefined, "", "x".repeat(65), "a b", 'a"}{"level":"fatal', "é"])
      expect(requestId(req(bad))).toMatch(UUID);
    expect(requestId(req())).not.toBe(requestId(req()));
  });
});
