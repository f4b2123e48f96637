import { z } from "zod";
import type { OutboundPolicy } from "../security/guarded-fetch";
import type { WireTool } from "../stream/wire";

/**
 * The one way to describe a tool: its name, label and description, a zod schema for its arguments
 * (the JSON schema the model sees is derived from it) and what it does. Built-in tools, MCP tools
 * and user-defined tools are all made with `defineTool`, and the tool loop
 * (lib/relay/run-tool-calls.ts) runs any of them the same way.
 */

import type { ApprovalMode } from "./approval";

export { APPROVAL_MODES, type ApprovalMode } from "./approval";

export type ToolConfig = {
  geocodingUrl: string;
  forecastUrl: string;
  timeoutMs: number;
  /** Injectable clock, so tests of get_current_time are exact. */
  now?: () => Date;
  /** Hosts or CIDRs outbound requests may reach although private (PARLEY_OUTBOUND_ALLOW). */
  outboundAllow?: readonly string[];
  /** Largest outbound answer, in bytes. */
  maxResponseBytes?: number;
};

export type ToolContext = { signal: AbortSignal; config: ToolConfig };

export function outboundPolicy(config: ToolConfig): OutboundPolicy {
  return {
    allow: config.outboundAllow ?? [],
    timeoutMs: config.timeoutMs,
    maxBytes: config.maxResponseBytes ?? 1_000_000,
  };
}

export type ToolSpec<A> = {
  /** What the model calls it: letters, digits, `_` and `-`, at most 64 characters. */
  name: string;
  /** What a person sees on the card and in the settings. */
  label: string;
  description: string;
  args: z.ZodType<A>;
  /**
   * The JSON schema the model sees, for tools whose schema came from elsewhere (an MCP server, a
   * pasted definition). Without it, it is derived from `args`.
   */
  parameters?: Record<string, unknown>;
  /**
   * Does the work. Throw a `readable` error (or return an `{error}` object) for failures the
   * model should read; anything else is a bug and the model gets plain words.
   * Absent for a tool the user answers by hand.
   */
  run?: (args: A, ctx: ToolContext) => unknown;
  /** Error classes whose message was written for the model (and the card) as it is. */
  readable?: readonly (abstract new (
    ...args: never[]
  ) => Error)[];
  /** Default approval when the conversation says nothing (built-ins run; others ask first). */
  approval?: ApprovalMode;
  /** Where it comes from: shown in the settings, and decides the default approval. */
  source?: "builtin" | "mcp" | "user";
};

export type Tool = Omit<ToolSpec<unknown>, "args" | "run"> & {
  args: z.ZodType<unknown>;
  run?: (args: unknown, ctx: ToolContext) => unknown;
  approval: ApprovalMode;
  source: "builtin" | "mcp" | "user";
  wire: WireTool;
};

export const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export function defineTool<A>(spec: ToolSpec<A>): Tool {
  if (!TOOL_NAME.test(spec.name)) throw new Error(`invalid tool name ${JSON.stringify(spec.name)}`);
  const parameters = spec.parameters ?? jsonSchemaOf(spec.args);
  return {
    ...spec,
    args: spec.args as z.ZodType<unknown>,
    run: spec.run as Tool["run"],
    approval: spec.approval ?? (spec.source && spec.source !== "builtin" ? "ask" : "always"),
    source: spec.source ?? "builtin",
    wire: { type: "function", function: { name: spec.name, description: spec.description, parameters } },
  };
}

/** The JSON schema of what a tool accepts, as the model should write it. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  // "output": the schema after preprocessing, i.e. the canonical values (an enum, not "F").
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "output", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return rest;
}
