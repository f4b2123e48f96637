import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

/**
 * A local MCP server for the tests: streamable HTTP on 127.0.0.1, stateless, exposing two tools
 * (`add` and `shout`), plus `fail` (a tool error) and `slow` (for timeouts). `/redirect-to-metadata` answers with a redirect
 * to 169.254.169.254, for the test where a tool's refused request shows on the card.
 */
function mcpServer(): McpServer {
  const server = new McpServer({ name: "parley-test-tools", version: "1.0.0" });
  server.registerTool(
    "add",
    {
      title: "Add",
      description: "Add two numbers.",
      inputSchema: { a: z.number(), b: z.number() },
    },
    async ({ a, b }) => ({ content: [{ type: "text", text: JSON.stringify({ sum: a + b }) }] }),
  );
  server.registerTool(
    "shout",
    {
      title: "Shout",
      description: "Upper-case a text.",
      inputSchema: { text: z.string() },
    },
    async ({ text }) => ({ content: [{ type: "text", text: text.toUpperCase() }] }),
  );
  server.registerTool("slow", { description: "Answers after two seconds." }, async () => {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    return { content: [{ type: "text", text: "late" }] };
  });
  server.registerTool("fail", { description: "Always fails." }, async () => ({
    isError: true,
    content: [{ type: "text", text: "This tool always fails." }],
  }));
  return server;
}

export type FakeMcp = { url: string; calls: string[]; close: () => Promise<void> };

export async function startFakeMcp({ port = 0 }: { port?: number } = {}): Promise<FakeMcp> {
  const calls: string[] = [];
  const http: Server = createServer(async (req, res) => {
    if (req.url === "/health") {
      res.end("ok");
      return;
    }
    if (req.url?.startsWith("/redirect-to-metadata")) {
      res.writeHead(307, { location: "http://169.254.169.254/latest/meta-data/" }).end();
      return;
    }
    if (!req.url?.startsWith("/mcp")) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown) : undefined;
    if (body && typeof body === "object" && "method" in body && body.method === "tools/call") {
      calls.push(String((body as { params?: { name?: string } }).params?.name));
    }
    // Stateless: a server and transport per request, as the SDK's examples do.
    const server = mcpServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  });
  await new Promise<void>((resolve) => http.listen(port, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    url: `${url}/mcp`,
    calls,
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf("--port");
  const port = i >= 0 ? Number(process.argv[i + 1]) : 4020;
  startFakeMcp({ port }).then((fake) => {
    console.log(JSON.stringify({ url: fake.url }));
    const stop = () => fake.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
