/**
 * MCP tools end to end: a local MCP server (the SDK's McpServer over streamable HTTP on
 * 127.0.0.1) with two tools; Parley lists them, the emulator calls them, the results come back as
 * tool results. Also: a server that went away, a blocked address, member permissions, a tool
 * answered by hand. Real HTTP against `next start`.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callMcpTool, listMcpTools } from "@/lib/tools/mcp/client";
import { type Client, person, signUp } from "../support/accounts";
import { type FakeMcp, startFakeMcp } from "../support/fake-mcp-server";
import { type ParleyServer, startParley } from "../support/parley-server";
import { MODEL } from "../support/persistence";

const allowLocal = { allow: ["127.0.0.1"], timeoutMs: 3_000, maxBytes: 100_000 };
type Frame = { event?: string; data: string };

function framesOf(text: string): Frame[] {
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? "";
      return event ? { event, data } : { data };
    });
}
/** The answer's text: the content deltas of every gateway chunk. */
const answerText = (frames: Frame[]) =>
  frames
    .filter((f) => !f.event && f.data.startsWith("{"))
    .map((f) => {
      const chunk = JSON.parse(f.data) as { choices?: { delta?: { content?: string } }[] };
      return chunk.choices?.[0]?.delta?.content ?? "";
    })
    .join("");
const named = (frames: Frame[], name: string) =>
  frames.filter((f) => f.event === name).map((f) => JSON.parse(f.data) as Record<string, unknown>);

let mcp: FakeMcp;
beforeAll(async () => {
  mcp = await startFakeMcp();
});
afterAll(() => mcp?.close());

describe("the MCP client", () => {
  it("lists the server's tools and calls them", async () => {
    const server = { name: "test", transport: "http" as const, url: mcp.url, command: null, args: [] };
    const tools = await listMcpTools(server, allowLocal);
    expect(tools.map((t) => t.name).sort()).toEqual(["add", "fail", "shout", "slow"]);
    expect(tools.find((t) => t.name === "add")?.inputSchema).toMatchObject({
      type: "object",
      properties: { a: { type: "number" }, b: { type: "number" } },
    });
    const signal = new AbortController().signal;
    expect(await callMcpTool(server, "add", { a: 2, b: 40 }, allowLocal, signal)).toEqual({ sum: 42 });
    expect(await callMcpTool(server, "shout", { text: "hi" }, allowLocal, signal)).toEqual({ text: "HI" });
    expect(await callMcpTool(server, "fail", {}, allowLocal, signal)).toEqual({
      error: "This tool always fails.",
    });
  });

  it("refuses a loopback server unless allowed, with the guarded fetch's words", async () => {
    const server = { name: "test", transport: "http" as const, url: mcp.url, command: null, args: [] };
    await expect(listMcpTools(server, { ...allowLocal, allow: [] })).rejects.toThrow(
      "Parley refused to call 127.0.0.1: loopback addresses are blocked.",
    );
  });
});

describe("the MCP client's limits", () => {
  it("a tool that answers too late is a timeout, in words", async () => {
    const server = { name: "test", transport: "http" as const, url: mcp.url, command: null, args: [] };
    const signal = new AbortController().signal;
    await expect(callMcpTool(server, "slow", {}, { ...allowLocal, timeoutMs: 500 }, signal)).rejects.toThrow(
      /did not answer within 500 ms/,
    );
  });

  it("a server URL that redirects to the metadata address is refused (never followed)", async () => {
    // The SDK follows only same-origin redirects; the guarded fetch would refuse this hop anyway
    // (tests/integration/guarded-fetch.test.ts).
    const url = mcp.url.replace("/mcp", "/redirect-to-metadata");
    const server = { name: "test", transport: "http" as const, url, command: null, args: [] };
    await expect(listMcpTools(server, allowLocal)).rejects.toThrow(
      /Redirect to http:\/\/169\.254\.169\.254\/latest\/meta-data\/ not followed/,
    );
  });
});

describe("MCP and user-defined tools in a saved turn", { timeout: 120_000 }, () => {
  let parley: ParleyServer;
  let admin: Client;
  let member: Client;

  beforeAll(async () => {
    parley = await startParley({
      PARLEY_AUTH: "password",
      PARLEY_DATA_DIR: mkdtempSync(path.join(tmpdir(), "parley-mcp-")),
      AIGATEWAY_API_KEY: "",
      EMULATOR_FIRST_BYTE_MS: "0",
      EMULATOR_CHUNK_DELAY_MS: "0",
      // The test's MCP server is on loopback: allowed explicitly, as an admin would.
      PARLEY_OUTBOUND_ALLOW: "127.0.0.1",
      TOOL_TIMEOUT_MS: "3000",
    });
    admin = await signUp(parley.url, person("Ada"));
    await admin.fetch("/api/admin/settings", { method: "PATCH", json: { signUpPolicy: "open" } });
    member = await signUp(parley.url, person("Max"));
  });
  afterAll(async () => {
    await parley?.stop();
  });

  async function addServer(c: Client, url = mcp.url) {
    const res = await c.fetch("/api/tools/mcp", {
      method: "POST",
      json: { transport: "http", name: "Test tools", url },
    });
    return {
      status: res.status,
      json: (await res.json()) as {
        server: { id: string; tools: { ref: string; wireName: string }[]; listError?: string };
      },
    };
  }

  async function turn(c: Client, content: string, settings: Record<string, unknown>) {
    const res = await c.fetch("/api/chat", {
      method: "POST",
      json: { model: MODEL, message: { id: randomUUID(), content }, settings },
    });
    return framesOf(await res.text());
  }

  it("an admin adds the server; the emulator calls both tools; the results come back", async () => {
    const { status, json } = await addServer(admin);
    expect(status).toBe(201);
    const { server } = json;
    expect(server.tools.map((t) => t.wireName).sort()).toEqual([
      "test_tools__add",
      "test_tools__fail",
      "test_tools__shout",
      "test_tools__slow",
    ]);
    const refs = server.tools.map((t) => t.ref);
    const frames = await turn(
      admin,
      'Use them [call:test_tools__add {"a":2,"b":3}] [call:test_tools__shout {"text":"hey"}]',
      {
        tools: [],
        extra_tools: refs,
        tool_approval: { test_tools__add: "always", test_tools__shout: "always" },
      },
    );
    const results = named(frames, "parley.tool_result");
    expect(results.map((r) => [r.name, r.status, r.result])).toEqual(
      expect.arrayContaining([
        ["test_tools__add", "done", '{"sum":5}'],
        ["test_tools__shout", "done", '{"text":"HEY"}'],
      ]),
    );
    expect(answerText(frames)).toContain("sum: 5");
    expect(named(frames, "parley.done")).toHaveLength(1);
  });

  it("a server that went away: its tool errors on the card, the turn goes on", async () => {
    const gone = await startFakeMcp();
    const { json } = await addServer(admin, gone.url);
    await gone.close();
    const ref = json.server.tools.find((t) => t.wireName.endsWith("__add"))!;
    const frames = await turn(admin, `Add [call:${ref.wireName} {"a":1,"b":1}]`, {
      tools: [],
      extra_tools: [ref.ref],
      tool_approval: { [ref.wireName]: "always" },
    });
    const [result] = named(frames, "parley.tool_result");
    expect(result?.status).toBe("error");
    expect(JSON.parse(String(result?.result)).error).toMatch(/MCP server "Test tools" could not be reached/);
    expect(named(frames, "parley.error")).toHaveLength(0);
    expect(named(frames, "parley.done")[0]?.finishReason).toBe("stop");
  });

  it("members add HTTP servers only when an admin allows it, and never stdio", async () => {
    expect((await addServer(member)).status).toBe(403);
    await admin.fetch("/api/admin/settings", { method: "PATCH", json: { mcpMembersMayAdd: true } });
    expect((await addServer(member)).status).toBe(201);
    const stdio = await member.fetch("/api/tools/mcp", {
      method: "POST",
      json: { transport: "stdio", name: "x", command: "node", args: ["-e", "1"] },
    });
    expect(stdio.status).toBe(403);
    // Owner-scoped: the member sees only their own server; the admin's is a 404 for them.
    const mine = (await (await member.fetch("/api/tools/mcp")).json()) as { servers: { id: string }[] };
    expect(mine.servers).toHaveLength(1);
    const adminServers = (await (await admin.fetch("/api/tools/mcp")).json()) as {
      servers: { id: string }[];
    };
    const foreign = adminServers.servers[0]!.id;
    expect((await member.fetch(`/api/tools/mcp/${foreign}`, { method: "DELETE" })).status).toBe(404);
  });

  it("a user-defined tool answered by hand: the turn waits, the answer goes to the model", async () => {
    const created = await member.fetch("/api/tools/user", {
      method: "POST",
      json: {
        mode: "manual",
        definition: {
          type: "function",
          function: {
            name: "lookup_order",
            description: "Look up an order.",
            parameters: { type: "object", properties: { order: { type: "string" } }, required: ["order"] },
          },
        },
      },
    });
    expect(created.status).toBe(201);
    const { tool } = (await created.json()) as { tool: { ref: string } };
    const bad = await member.fetch("/api/tools/user", {
      method: "POST",
      json: { mode: "manual", definition: { name: "has space", parameters: { type: "object" } } },
    });
    expect(bad.status).toBe(400);

    const res = await member.fetch("/api/chat", {
      method: "POST",
      json: {
        model: MODEL,
        message: { id: randomUUID(), content: 'Where is it? [call:lookup_order {"order":"A-17"}]' },
        settings: { tools: [], extra_tools: [tool.ref] },
      },
    });
    const reader = res.body!.getReader();
    let text = "";
    while (!text.includes("parley.tool_approval")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    const waiting = named(framesOf(text), "parley.tool_approval")[0]!;
    expect(waiting).toMatchObject({ name: "lookup_order", kind: "answer", arguments: '{"order":"A-17"}' });
    const answered = await member.fetch(`/api/generations/${waiting.generationId}/tools/${waiting.id}`, {
      method: "POST",
      json: { decision: "answer", answer: "Shipped on Monday." },
    });
    expect(answered.status).toBe(202);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    const frames = framesOf(text);
    expect(named(frames, "parley.tool_result")[0]).toMatchObject({
      status: "done",
      result: "Shipped on Monday.",
    });
    expect(answerText(frames)).toContain("Shipped on Monday.");
    // Nothing waits any more.
    const again = await member.fetch(`/api/generations/${waiting.generationId}/tools/${waiting.id}`, {
      method: "POST",
      json: { decision: "deny" },
    });
    expect(again.status).toBe(409);
  });
});
