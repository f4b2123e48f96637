import "server-only";
import { logger } from "@/lib/observability/logger";
import { serverEnv } from "../env";
import { parseAllowList } from "../security/guarded-fetch";
import type { WireTool } from "../stream/wire";
import { calculatorTool } from "./calculator";
import { BUILTIN_TOOL_NAMES, type BuiltinToolName } from "./catalog";
import { currentTimeTool } from "./current-time";
import type { Tool, ToolConfig, ToolContext } from "./define";
import { weatherTool } from "./weather";

export type { ApprovalMode, Tool, ToolConfig, ToolContext } from "./define";

/**
 * The tools a turn may use, and how any of them runs. `runDefinedTool` never throws: whatever goes
 * wrong becomes an `{"error": "…"}` result, because the model can read that, apologise or try
 * again, while an exception would end the whole answer.
 */
export type ToolOutcome = { status: "done" | "error"; result: string };

export const BUILTIN_TOOLS: Record<BuiltinToolName, Tool> = {
  get_weather: weatherTool,
  calculator: calculatorTool,
  get_current_time: currentTimeTool,
};

/** The tools one turn offers, by the name the model calls them. */
export type ToolSet = Map<string, Tool>;

export function builtinToolSet(names: readonly BuiltinToolName[] = BUILTIN_TOOL_NAMES): ToolSet {
  return new Map([...new Set(names)].map((n) => [n, BUILTIN_TOOLS[n]]));
}

export function toolConfigFromEnv(): ToolConfig {
  const env = serverEnv();
  return {
    geocodingUrl: env.OPEN_METEO_GEOCODING_URL,
    forecastUrl: env.OPEN_METEO_FORECAST_URL,
    timeoutMs: env.TOOL_TIMEOUT_MS,
    outboundAllow: parseAllowList(env.PARLEY_OUTBOUND_ALLOW),
    maxResponseBytes: env.TOOL_MAX_RESPONSE_BYTES,
  };
}

export function toolDefinitions(names: readonly BuiltinToolName[]): WireTool[] {
  return [...builtinToolSet(names).values()].map((t) => t.wire);
}

/** Runs a built-in tool by name (tests and the stateless relay). */
export function runTool(name: string, argsJson: string, ctx: ToolContext): Promise<ToolOutcome> {
  return runFromSet(builtinToolSet(), name, argsJson, ctx);
}

export function runFromSet(
  set: ToolSet,
  name: string,
  argsJson: string,
  ctx: ToolContext,
): Promise<ToolOutcome> {
  const tool = set.get(name);
  if (!tool) {
    return Promise.resolve(
      fail(`Unknown tool "${name.slice(0, 100)}". Available tools: ${[...set.keys()].join(", ")}.`),
    );
  }
  return runDefinedTool(tool, argsJson, ctx);
}

/** Parses the model's arguments against the tool's schema; an error outcome when they do not fit. */
export function parseArgs(
  tool: Tool,
  argsJson: string,
): { ok: true; args: unknown } | { ok: false; outcome: ToolOutcome } {
  let raw: unknown;
  try {
    // Some models send "" for a call without arguments.
    raw = argsJson.trim() === "" ? {} : JSON.parse(argsJson);
  } catch {
    return {
      ok: false,
      outcome: fail(
        "The arguments are not valid JSON (they may have been cut off). Send a complete JSON object.",
      ),
    };
  }
  const parsed = tool.args.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "arguments"}: ${i.message}`);
    return { ok: false, outcome: fail(`Invalid arguments for ${tool.name}: ${issues.join("; ")}.`) };
  }
  return { ok: true, args: parsed.data };
}

export async function runDefinedTool(tool: Tool, argsJson: string, ctx: ToolContext): Promise<ToolOutcome> {
  const parsed = parseArgs(tool, argsJson);
  if (!parsed.ok) return parsed.outcome;
  if (ctx.signal.aborted) return fail("The tool call was cancelled.");
  if (!tool.run) return fail(`${tool.name} is answered by hand and cannot run on its own.`);
  try {
    const value = await tool.run(parsed.args, ctx);
    const isError = value !== null && typeof value === "object" && "error" in value;
    return { status: isError ? "error" : "done", result: JSON.stringify(value) };
  } catch (error) {
    if (tool.readable?.some((E) => error instanceof E)) {
      const code = (error as { code?: unknown }).code;
      return fail((error as Error).message, typeof code === "string" ? code : undefined);
    }
    // A bug, not an answer: the operator gets the stack, the model gets plain words.
    logger.error({ err: error, tool: tool.name }, "tool failed");
    return fail(`${tool.name} failed unexpectedly.`);
  }
}

export function fail(message: string, code?: string): ToolOutcome {
  return { status: "error", result: JSON.stringify(code ? { error: message, code } : { error: message }) };
}
