import "server-only";
import type { UserToolRow } from "@/lib/db/schema";
import { guardedFetch, OutboundError } from "@/lib/security/guarded-fetch";
import { defineTool, outboundPolicy, type Tool, type ToolContext } from "./define";
import { argsFromJsonSchema } from "./mcp/tools";

/**
 * A pasted function definition as a Parley tool. `manual`: no `run`, so the loop waits for the
 * user's answer on the card. `endpoint`: Parley POSTs `{"name","arguments"}` to the configured
 * HTTPS URL through the guarded fetch and gives the model what it answers.
 */
export class EndpointError extends Error {
  override name = "EndpointError";
}

export function userTool(row: UserToolRow): Tool {
  return defineTool<unknown>({
    name: row.name,
    label: row.name,
    description: row.description || `${row.name} (a tool you defined).`,
    args: argsFromJsonSchema(row.parameters),
    parameters: row.parameters,
    source: "user",
    ...(row.mode === "endpoint" && row.endpointUrl
      ? { run: (args: unknown, ctx: ToolContext) => callEndpoint(row.endpointUrl!, row.name, args, ctx) }
      : {}),
    readable: [EndpointError, OutboundError],
  });
}

async function callEndpoint(url: string, name: string, args: unknown, ctx: ToolContext): Promise<unknown> {
  if (!url.startsWith("https://")) throw new EndpointError(`${name}'s endpoint must be an https:// URL.`);
  let response: Response;
  try {
    response = await guardedFetch(
      url,
      {
        method: "POST",
        signal: ctx.signal,
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ name, arguments: args }),
      },
      outboundPolicy(ctx.config),
    );
  } catch (error) {
    if (error instanceof OutboundError) throw error;
    throw new EndpointError(`${name}'s endpoint (${new URL(url).host}) could not be reached.`);
  }
  const text = await response.text();
  if (!response.ok) throw new EndpointError(`${name}'s endpoint answered with HTTP ${response.status}.`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { text };
  }
}
