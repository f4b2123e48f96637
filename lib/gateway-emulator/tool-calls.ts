import type { ChatCompletionRequest, WireTool, WireToolCall } from "@/lib/stream/wire";
import { sha256 } from "./hash";
import { detectIntents, type Intent } from "./intents";

/**
 * Turns what the prompt asks (see intents.ts) into calls of the tools the request OFFERS: a tool
 * is matched by its exact name first (`get_weather`), then by what its name or description says
 * ("weather", "calc", "time"), and arguments go into the parameter names its schema declares
 * (`city`, or `location` for a tool that wants one).
 */
type Kind = Intent["kind"];
const EXACT: Record<Kind, string[]> = {
  weather: ["get_weather", "get_current_weather", "weather"],
  calc: ["calculator", "calculate", "calc", "evaluate"],
  time: ["get_current_time", "current_time", "get_time", "time"],
};
const FUZZY: Record<Kind, RegExp> = {
  weather: /weather|forecast/i,
  calc: /calc|math|arith|evaluat|expression/i,
  time: /time|clock/i,
};
const ARG_NAMES: Record<Kind, string[]> = {
  weather: ["city", "location", "place", "q", "query"],
  calc: ["expression", "expr", "input", "formula", "query"],
  time: ["timezone", "time_zone", "tz", "zone", "location"],
};

function kindOf(tool: WireTool): Kind | undefined {
  const kinds: Kind[] = ["weather", "calc", "time"];
  const { name, description = "" } = tool.function;
  return (
    kinds.find((k) => EXACT[k].includes(name)) ?? kinds.find((k) => FUZZY[k].test(`${name} ${description}`))
  );
}

function findTool(tools: WireTool[], kind: Kind): WireTool | undefined {
  return tools.find((t) => EXACT[kind].includes(t.function.name)) ?? tools.find((t) => kindOf(t) === kind);
}

function properties(tool: WireTool): { names: string[]; required: string[] } {
  const p = tool.function.parameters ?? {};
  const props = typeof p.properties === "object" && p.properties ? Object.keys(p.properties) : [];
  const required = Array.isArray(p.required)
    ? p.required.filter((r): r is string => typeof r === "string")
    : [];
  return { names: props, required };
}

/** The schema's name for a slot: a preferred name it declares, else its first required param. */
function slot(tool: WireTool, preferred: string[]): string {
  const { names, required } = properties(tool);
  if (names.length === 0) return preferred[0]!;
  return preferred.find((n) => names.includes(n)) ?? required[0] ?? names[0]!;
}

function argsFor(tool: WireTool, intent: Intent): Record<string, unknown> {
  const { names } = properties(tool);
  if (intent.kind === "weather") {
    const args: Record<string, unknown> = { [slot(tool, ARG_NAMES.weather)]: intent.city };
    const unitsKey = ["units", "unit"].find((n) => names.includes(n));
    if (intent.units && (unitsKey || names.length === 0)) args[unitsKey ?? "units"] = intent.units;
    return args;
  }
  if (intent.kind === "calc") return { [slot(tool, ARG_NAMES.calc)]: intent.expression };
  const key = slot(tool, ARG_NAMES.time);
  if (key === "location" || key === "city") return intent.city ? { [key]: intent.city } : {};
  return intent.timezone ? { [key]: intent.timezone } : {};
}

/** For a tool forced by `tool_choice` that the prompt did not ask for: fill its required slots. */
function forcedArgs(tool: WireTool, prompt: string): Record<string, unknown> {
  const kind = kindOf(tool);
  if (kind === "time") return {};
  if (kind === "weather") return { [slot(tool, ARG_NAMES.weather)]: "London" };
  const { required } = properties(tool);
  return Object.fromEntries(required.map((r) => [r, prompt.slice(0, 200)]));
}

export type PlannedCall = { name: string; arguments: string };

/** All calls the prompt asks for, honouring `tool_choice`, before `parallel_tool_calls` applies. */
export function plannedCalls(request: ChatCompletionRequest, prompt: string): PlannedCall[] {
  const tools = request.tools ?? [];
  const choice = request.tool_choice ?? "auto";
  if (tools.length === 0 || choice === "none") return [];
  const calls: PlannedCall[] = [];
  for (const intent of detectIntents(prompt)) {
    const tool = findTool(tools, intent.kind);
    if (tool) calls.push({ name: tool.function.name, arguments: JSON.stringify(argsFor(tool, intent)) });
  }
  if (typeof choice === "object") {
    const forced = calls.filter((c) => c.name === choice.function.name);
    if (forced.length) return forced;
    const tool = tools.find((t) => t.function.name === choice.function.name)!;
    return [{ name: tool.function.name, arguments: JSON.stringify(forcedArgs(tool, prompt)) }];
  }
  if (choice === "required" && calls.length === 0) {
    const tool = tools[0]!;
    return [{ name: tool.function.name, arguments: JSON.stringify(forcedArgs(tool, prompt)) }];
  }
  return calls;
}

/** Stable ids, so the same request gets the same bytes; distinct per request and position. */
export function toWireCalls(calls: PlannedCall[], requestHash: string): WireToolCall[] {
  return calls.map((c, i) => ({
    id: `call_${sha256(`${requestHash}:${i}:${c.name}`).slice(0, 24)}`,
    type: "function",
    function: { name: c.name, arguments: c.arguments },
  }));
}
