import "server-only";
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP, isIPv6 } from "node:net";
import { Readable } from "node:stream";

/**
 * The one way Parley calls the outside world on a tool's behalf (weather, MCP over HTTP,
 * user-defined endpoints). A model chooses the arguments, so every destination is untrusted:
 *
 * - the host is resolved first, and every address it resolves to is checked against the blocked
 *   ranges below (private, loopback, link-local, cloud metadata, unique-local, CGNAT, unspecified,
 *   multicast, IPv4-mapped forms of those), unless PARLEY_OUTBOUND_ALLOW lists the host or range;
 * - the connection goes to the address that was checked (a `lookup` that answers with it), so a
 *   name that resolves differently a moment later (DNS rebinding) changes nothing;
 * - redirects are followed by hand, each hop checked again;
 * - the answer is cut at `maxBytes` and the whole exchange at `timeoutMs`.
 *
 * Returns a standard Response, so it plugs into anything that takes a `fetch` (the MCP SDK does).
 */
export type OutboundPolicy = {
  /** Hosts, addresses or CIDRs that may be called although they are in a blocked range. */
  allow: readonly string[];
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
};

export type OutboundErrorCode = "outbound_blocked" | "outbound_limit";

/** A refusal or a limit, worded for the card (and the model) as it is. */
export class OutboundError extends Error {
  override name = "OutboundError";
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const RANGES: [prefix: string, bits: number, type: "ipv4" | "ipv6", what: string][] = [
  ["169.254.169.254", 32, "ipv4", "cloud metadata addresses"],
  ["fd00:ec2::254", 128, "ipv6", "cloud metadata addresses"],
  ["0.0.0.0", 8, "ipv4", "unspecified addresses"],
  ["::", 128, "ipv6", "unspecified addresses"],
  ["127.0.0.0", 8, "ipv4", "loopback addresses"],
  ["::1", 128, "ipv6", "loopback addresses"],
  ["10.0.0.0", 8, "ipv4", "private network addresses"],
  ["172.16.0.0", 12, "ipv4", "private network addresses"],
  ["192.168.0.0", 16, "ipv4", "private network addresses"],
  ["100.64.0.0", 10, "ipv4", "shared (CGNAT) addresses"],
  ["169.254.0.0", 16, "ipv4", "link-local addresses"],
  ["fe80::", 10, "ipv6", "link-local addresses"],
  ["fc00::", 7, "ipv6", "unique-local (private) addresses"],
  ["224.0.0.0", 4, "ipv4", "multicast addresses"],
  ["240.0.0.0", 4, "ipv4", "reserved addresses"],
  ["ff00::", 8, "ipv6", "multicast addresses"],
  // IPv4-compatible (deprecated) and NAT64 forms can reach IPv4 hosts behind the name.
  ["::", 96, "ipv6", "reserved addresses"],
  ["64:ff9b::", 96, "ipv6", "NAT64 addresses"],
];
const BLOCKS = RANGES.map(([prefix, bits, type, what]) => {
  const list = new BlockList();
  list.addSubnet(prefix, bits, type);
  return { list, type, what };
});

/** `::ffff:127.0.0.1` or `::ffff:7f00:1` → `127.0.0.1`; anything else unchanged. */
export function unmapIPv4(address: string): string {
  const a = address.toLowerCase().replace(/^\[|\]$/g, "");
  const m = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/.exec(a);
  if (!m?.[1] || !isIPv6(a)) return a;
  const rest = m[1];
  if (rest.includes(".")) return rest;
  const [hi = "0", lo = "0"] = rest.split(":");
  const h = Number.parseInt(hi, 16);
  const l = Number.parseInt(lo, 16);
  return [h >> 8, h & 255, l >> 8, l & 255].join(".");
}

/** Why an address may not be called, or null when it may. */
export function blockedReason(address: string): string | null {
  const plain = unmapIPv4(address);
  const type = isIP(plain) === 4 ? "ipv4" : isIP(plain) === 6 ? "ipv6" : null;
  if (!type) return "addresses that are not IP addresses";
  for (const b of BLOCKS) if (b.type === type && b.list.check(plain, type)) return b.what;
  return null;
}

type Allow = { hosts: Set<string>; list: BlockList };

function parseAllow(entries: readonly string[]): Allow {
  const hosts = new Set<string>();
  const list = new BlockList();
  for (const raw of entries) {
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^\[|\]$/g, "");
    if (!entry) continue;
    const [addr = "", bits] = entry.split("/");
    const v = isIP(addr);
    if (v && bits !== undefined) list.addSubnet(addr, Number(bits), v === 4 ? "ipv4" : "ipv6");
    else if (v) list.addAddress(addr, v === 4 ? "ipv4" : "ipv6");
    else hosts.add(entry);
  }
  return { hosts, list };
}

function allowed(allow: Allow, address: string): boolean {
  const plain = unmapIPv4(address);
  const v = isIP(plain);
  return v !== 0 && allow.list.check(plain, v === 4 ? "ipv4" : "ipv6");
}

/** Comma-separated PARLEY_OUTBOUND_ALLOW → entries. */
export function parseAllowList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

type Checked = { address: string; family: 4 | 6 };

/** Resolves the host and checks every address; the connection will use the first. */
export async function checkDestination(url: URL, policy: Pick<OutboundPolicy, "allow">): Promise<Checked> {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new OutboundError(
      "outbound_blocked",
      `Parley refused to call ${url.protocol}//${url.host}: only http and https are allowed.`,
    );
  }
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  const allow = parseAllow(policy.allow);
  const hostAllowed = allow.hosts.has(host);
  let addresses: { address: string; family: number }[];
  try {
    addresses = isIP(host)
      ? [{ address: host, family: isIP(host) }]
      : await dnsLookup(host, { all: true, verbatim: true });
  } catch {
    throw new OutboundError("outbound_limit", `Parley could not resolve ${host}: the name does not exist.`);
  }
  if (addresses.length === 0) {
    throw new OutboundError("outbound_limit", `Parley could not resolve ${host}: the name has no address.`);
  }
  if (!hostAllowed) {
    for (const a of addresses) {
      const why = blockedReason(a.address);
      if (why && !allowed(allow, a.address)) {
        const shown = host === a.address ? host : `${host} (${a.address})`;
        throw new OutboundError("outbound_blocked", `Parley refused to call ${shown}: ${why} are blocked.`);
      }
    }
  }
  const first = addresses[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** A `fetch` bound to a policy, for code that takes one (the MCP SDK's transports). */
export function createGuardedFetch(policy: OutboundPolicy): FetchLike {
  return (input, init) => guardedFetch(input, init, policy);
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function guardedFetch(
  input: string | URL,
  init: RequestInit | undefined,
  policy: OutboundPolicy,
): Promise<Response> {
  const timeout = AbortSignal.timeout(policy.timeoutMs);
  const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  let url = new URL(input);
  let method = (init?.method ?? "GET").toUpperCase();
  let body = await bodyBytes(init?.body);
  const headers = new Headers(init?.headers);
  const maxRedirects = policy.maxRedirects ?? 5;
  try {
    for (let hop = 0; ; hop++) {
      const checked = await checkDestination(url, policy);
      const res = await send(url, checked, method, headers, body, signal);
      const location = res.headers.location;
      if (!REDIRECTS.has(res.statusCode ?? 0) || !location || init?.redirect === "manual") {
        return toResponse(res, policy, url, signal);
      }
      res.resume();
      if (hop >= maxRedirects) {
        throw new OutboundError(
          "outbound_limit",
          `Parley stopped after ${maxRedirects} redirects from ${url.host}.`,
        );
      }
      const next = new URL(location, url);
      if (
        res.statusCode === 303 ||
        ((res.statusCode === 301 || res.statusCode === 302) && method === "POST")
      ) {
        method = "GET";
        body = undefined;
        headers.delete("content-type");
      }
      // Credentials go to the host they were meant for, never to where a redirect points.
      if (next.origin !== url.origin) {
        headers.delete("authorization");
        headers.delete("cookie");
      }
      url = next;
    }
  } catch (error) {
    if (error instanceof OutboundError) throw error;
    if (timeout.aborted && !init?.signal?.aborted) {
      throw new OutboundError(
        "outbound_limit",
        `${url.host} did not answer within ${policy.timeoutMs} ms (the limit for a tool's request).`,
      );
    }
    throw error;
  }
}

async function bodyBytes(body: RequestInit["body"]): Promise<Uint8Array | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return new TextEncoder().encode(body);
  return new Uint8Array(await new Response(body).arrayBuffer());
}

function send(
  url: URL,
  checked: Checked,
  method: string,
  headers: Headers,
  body: Uint8Array | undefined,
  signal: AbortSignal,
): Promise<http.IncomingMessage> {
  const lib = url.protocol === "https:" ? https : http;
  const outHeaders: Record<string, string> = Object.fromEntries(headers.entries());
  if (body) outHeaders["content-length"] = String(body.byteLength);
  return new Promise((resolve, reject) => {
    const req = lib.request(
      {
        protocol: url.protocol,
        host: url.hostname.replace(/^\[|\]$/g, ""),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method,
        headers: outHeaders,
        agent: false,
        signal,
        // The connection goes to the address that was checked, whatever the name says now.
        lookup: ((_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) => {
          if (opts?.all) cb(null, [{ address: checked.address, family: checked.family }]);
          else cb(null, checked.address, checked.family);
        }) as unknown as http.RequestOptions["lookup"],
      },
      resolve,
    );
    req.on("error", reject);
    req.end(body);
  });
}

function toResponse(
  res: http.IncomingMessage,
  policy: OutboundPolicy,
  url: URL,
  signal: AbortSignal,
): Response {
  const declared = Number(res.headers["content-length"] ?? "0");
  const tooLarge = () =>
    new OutboundError(
      "outbound_limit",
      `${url.host} sent more than ${policy.maxBytes} bytes (the limit for a tool's answer).`,
    );
  if (declared > policy.maxBytes) {
    res.destroy();
    throw tooLarge();
  }
  let size = 0;
  const limited = Readable.from(
    (async function* () {
      for await (const chunk of res as AsyncIterable<Buffer>) {
        size += chunk.byteLength;
        if (size > policy.maxBytes) {
          res.destroy();
          throw tooLarge();
        }
        yield chunk;
      }
    })(),
  );
  signal.addEventListener("abort", () => limited.destroy(signal.reason), { once: true });
  const headers = new Headers();
  for (const [k, v] of Object.entries(res.headers)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
  }
  const status = res.statusCode ?? 502;
  const nullBody = status === 204 || status === 304 || status < 200;
  return new Response(nullBody ? null : (Readable.toWeb(limited) as ReadableStream<Uint8Array>), {
    status,
    statusText: res.statusMessage,
    headers,
  });
}
