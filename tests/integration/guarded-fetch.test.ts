import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockedReason, guardedFetch, OutboundError, unmapIPv4 } from "@/lib/security/guarded-fetch";

/**
 * The SSRF suite: every request a tool makes goes through guardedFetch, which must refuse
 * private, loopback, link-local and metadata destinations (after DNS, after redirects) with words
 * a person can read on the card, and reach them only when PARLEY_OUTBOUND_ALLOW lists them.
 */
const policy = { allow: [] as string[], timeoutMs: 2_000, maxBytes: 10_000 };

let ok: Server;
let okUrl: string;
let redirector: Server;
let redirectUrl: string;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  ok = createServer((req, res) => {
    if (req.url === "/big") res.end("x".repeat(50_000));
    else if (req.url === "/hang") return;
    else res.end(JSON.stringify({ ok: true, host: req.headers.host }));
  });
  okUrl = await listen(ok);
  redirector = createServer((req, res) => {
    const to = new URL(req.url ?? "/", "http://x").searchParams.get("to") ?? "/";
    res.writeHead(302, { location: to }).end();
  });
  redirectUrl = await listen(redirector);
});
afterAll(() => {
  ok?.closeAllConnections();
  ok?.close();
  redirector?.close();
});

async function refusal(url: string, allow: string[] = []): Promise<OutboundError> {
  const error = await guardedFetch(url, undefined, { ...policy, allow }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, url).toBeInstanceOf(OutboundError);
  return error as OutboundError;
}

describe("guardedFetch refuses what a tool must not reach", () => {
  it.each([
    ["http://127.0.0.1/", "Parley refused to call 127.0.0.1: loopback addresses are blocked."],
    ["http://[::1]/", "Parley refused to call ::1: loopback addresses are blocked."],
    ["http://10.0.0.5/", "Parley refused to call 10.0.0.5: private network addresses are blocked."],
    ["http://172.20.1.1/", "Parley refused to call 172.20.1.1: private network addresses are blocked."],
    ["http://192.168.1.1/", "Parley refused to call 192.168.1.1: private network addresses are blocked."],
    [
      "http://169.254.169.254/latest/meta-data/",
      "Parley refused to call 169.254.169.254: cloud metadata addresses are blocked.",
    ],
    [
      "http://[fd00:ec2::254]/",
      "Parley refused to call fd00:ec2::254: cloud metadata addresses are blocked.",
    ],
    ["http://169.254.10.1/", "Parley refused to call 169.254.10.1: link-local addresses are blocked."],
    ["http://[fe80::1]/", "Parley refused to call fe80::1: link-local addresses are blocked."],
    ["http://[fc00::5]/", "Parley refused to call fc00::5: unique-local (private) addresses are blocked."],
    ["http://100.64.0.1/", "Parley refused to call 100.64.0.1: shared (CGNAT) addresses are blocked."],
    ["http://0.0.0.0/", "Parley refused to call 0.0.0.0: unspecified addresses are blocked."],
    ["http://[::]/", "Parley refused to call ::: unspecified addresses are blocked."],
    ["http://[::ffff:127.0.0.1]/", "Parley refused to call ::ffff:7f00:1: loopback addresses are blocked."],
    [
      "http://[::ffff:a9fe:a9fe]/",
      "Parley refused to call ::ffff:a9fe:a9fe: cloud metadata addresses are blocked.",
    ],
  ])("%s", async (url, message) => {
    const error = await refusal(url);
    expect(error.code).toBe("outbound_blocked");
    expect(error.message).toBe(message);
  });

  it("checks the address a name resolves to (localhost is loopback)", async () => {
    const error = await refusal(`http://localhost:${new URL(okUrl).port}/`);
    expect(error.code).toBe("outbound_blocked");
    expect(error.message).toMatch(
      /^Parley refused to call localhost \((127\.0\.0\.1|::1)\): loopback addresses are blocked\.$/,
    );
  });

  it("re-checks every redirect: an allowed host redirecting to a blocked one is refused", async () => {
    // The redirector is on an allowlisted address; where it points is not.
    const error = await refusal(
      `${redirectUrl}/?to=${encodeURIComponent("http://169.254.169.254/latest/meta-data/")}`,
      ["127.0.0.1/32"],
    );
    expect(error.message).toBe(
      "Parley refused to call 169.254.169.254: cloud metadata addresses are blocked.",
    );
    const toLocal = await refusal(`${redirectUrl}/?to=${encodeURIComponent("http://10.1.2.3/")}`, [
      "127.0.0.1",
    ]);
    expect(toLocal.message).toBe("Parley refused to call 10.1.2.3: private network addresses are blocked.");
  });

  it("refuses schemes other than http and https", async () => {
    const error = await refusal("file:///etc/passwd");
    expect(error.message).toMatch(/only http and https are allowed/);
  });

  it("classifies addresses, including IPv4-mapped IPv6 ones", () => {
    expect(unmapIPv4("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(unmapIPv4("::ffff:7f00:1")).toBe("127.0.0.1");
    expect(blockedReason("::ffff:10.0.0.1")).toBe("private network addresses");
    expect(blockedReason("8.8.8.8")).toBeNull();
    expect(blockedReason("2606:4700:4700::1111")).toBeNull();
    expect(blockedReason("::ffff:8.8.8.8")).toBeNull();
  });
});

describe("guardedFetch with an allowlist", () => {
  it("reaches an allowlisted address (by address, by CIDR or by host name)", async () => {
    for (const allow of [["127.0.0.1"], ["127.0.0.0/8"], ["localhost"]]) {
      const url = allow[0] === "localhost" ? okUrl.replace("127.0.0.1", "localhost") : okUrl;
      const response = await guardedFetch(url, undefined, { ...policy, allow });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ ok: true });
    }
  });

  it("follows a redirect between allowed addresses", async () => {
    const response = await guardedFetch(
      `${redirectUrl}/?to=${encodeURIComponent(`${okUrl}/there`)}`,
      undefined,
      { ...policy, allow: ["127.0.0.1"] },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
  });

  it("cuts an answer larger than the size limit", async () => {
    const response = await guardedFetch(`${okUrl}/big`, undefined, { ...policy, allow: ["127.0.0.1"] }).catch(
      (e: unknown) => e,
    );
    const error = response instanceof Response ? await response.text().catch((e: unknown) => e) : response;
    expect(error).toBeInstanceOf(OutboundError);
    expect((error as Error).message).toBe(
      `${new URL(okUrl).host} sent more than 10000 bytes (the limit for a tool's answer).`,
    );
  });

  it("gives up at the time limit", async () => {
    const started = performance.now();
    const error = await guardedFetch(`${okUrl}/hang`, undefined, {
      ...policy,
      allow: ["127.0.0.1"],
      timeoutMs: 300,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundError);
    expect((error as Error).message).toMatch(/did not answer within 300 ms/);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
