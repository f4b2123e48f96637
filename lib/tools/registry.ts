import "server-only";
import { z } from "zod";
import { logger } from "@/lib/observability/logger";
import { serverEnv } from "../env";
import type { WireTool } from "../stream/wire";
import { CalculatorError, calculator, MAX_EXPRESSION_CHARS } from "./calculator";
import { BUILTIN_TOOL_NAMES, type BuiltinToolName } from "./catalog";
import { currentTime, TimeZoneError } from "./current-time";
import { getWeather, WeatherError } from "./weather";

/**
 * The built-in tools as the model sees them (JSON-schema definitions) and as the server runs them.
 * `runTool` never throws: whatever goes wrong becomes an `{"error": "…"}` result, because the
 * model can read that, apologise or try again, while an exception would end the whole answer.
 */
export type ToolConfig = {
  geocodingUrl: string;
  forecastUrl: string;
  timeoutMs: number;
  /** Injectable clock, so tests of get_current_time are exact. */
  now?: () => Date;
};

export type ToolContext = { signal: AbortSignal; config: ToolConfig };
export type ToolOutcome = { status: "done" | "error"; result: string };

export function toolConfigFromEnv(): ToolConfig {
  const env = serverEnv();
  return {
    geocodingUrl: env.OPEN_METEO_GEOCODING_URL,
    forecastUrl: env.OPEN_METEO_FORECAST_URL,
    timeoutMs: env.TOOL_TIMEOUT_MS,
  };
}

const DEFINITIONS: Record<BuiltinToolName, WireTool["function"]> = {
  get_weather: {
    name: "get_weather",
    description:
      "Get the current weather (temperature, humidity, wind, conditions) for a city, from Open-Meteo.",
    parameters: {
      type: "object",
      properties: {
        city: {
          type: "string",
          description: 'City name, optionally with its country, e.g. "Paris, France".',
        },
        units: {
          type: "string",
          enum: ["celsius", "fahrenheit"],
          description: "Temperature unit. Default celsius.",
        },
      },
      required: ["city"],
      additionalProperties: false,
    },
  },
  calculator: {
    name: "calculator",
    description:
      "Evaluate an arithmetic expression exactly. Supports + - * / % ^, parentheses, pi, e and sqrt, abs, round, floor, ceil, min, max, sin, cos, tan (radians), log (base 10), ln, exp.",
    parameters: {
      type: "object",
      properties: { expression: { type: "string", description: 'The expression, e.g. "12 * (3 + 4) / 2".' } },
      required: ["expression"],
      additionalProperties: false,
    },
  },
  get_current_time: {
    name: "get_current_time",
    description: "Get the current date and time in a time zone.",
    parameters: {
      type: "object",
      properties: {
        timezone: { type: "string", description: 'IANA time zone, e.g. "Europe/Paris". Default UTC.' },
      },
      additionalProperties: false,
    },
  },
};

export function toolDefinitions(names: readonly BuiltinToolName[]): WireTool[] {
  return [...new Set(names)].map((name) => ({ type: "function", function: DEFINITIONS[name] }));
}

// Models write "metric", "F" or null as often as the enum; accept what is unambiguous.
const unitsArg = z.preprocess((v) => {
  if (typeof v !== "string") return v ?? undefined;
  const s = v.trim().toLowerCase();
  if (s === "c" || s === "metric" || s === "°c") return "celsius";
  if (s === "f" || s === "imperial" || s === "°f") return "fahrenheit";
  return s;
}, z.enum(["celsius", "fahrenheit"]).optional());

const ARGS = {
  get_weather: z.object({ city: z.string().trim().min(1).max(200), units: unitsArg }),
  calculator: z.object({ expression: z.string().min(1).max(MAX_EXPRESSION_CHARS) }),
  get_current_time: z.object({
    timezone: z
      .string()
      .max(100)
      .nullish()
      .transform((v) => v ?? undefined),
  }),
} as const;

const RUN: { [K in BuiltinToolName]: (args: z.infer<(typeof ARGS)[K]>, ctx: ToolContext) => unknown } = {
  get_weather: (args, ctx) => getWeather(args, ctx),
  calculator: (args) => calculator(args),
  get_current_time: (args, ctx) => currentTime(args, ctx.config.now?.() ?? new Date()),
};

/** Errors whose message was written for the model; anything else is a bug and stays generic. */
const READABLE = [CalculatorError, TimeZoneError, WeatherError];

export async function runTool(name: string, argsJson: string, ctx: ToolContext): Promise<ToolOutcome> {
  if (!isBuiltin(name)) {
    return fail(`Unknown tool "${name.slice(0, 100)}". Available tools: ${BUILTIN_TOOL_NAMES.join(", ")}.`);
  }
  let raw: unknown;
  try {
    // Some models send "" for a call without arguments.
    raw = argsJson.trim() === "" ? {} : JSON.parse(argsJson);
  } catch {
    return fail(
      "The arguments are not valid JSON (they may have been cut off). Send a complete JSON object.",
    );
  }
  const parsed = ARGS[name].safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "arguments"}: ${i.message}`);
    return fail(`Invalid arguments for ${name}: ${issues.join("; ")}.`);
  }
  if (ctx.signal.aborted) return fail("The tool call was cancelled.");
  try {
    const run = RUN[name] as (args: unknown, ctx: ToolContext) => unknown;
    return { status: "done", result: JSON.stringify(await run(parsed.data, ctx)) };
  } catch (error) {
    if (READABLE.some((E) => error instanceof E)) return fail((error as Error).message);
    // A bug, not an answer: the operator gets the stack, the model gets plain words.
    logger.error({ err: error, tool: name }, "tool failed");
    return fail(`${name} failed unexpectedly.`);
  }
}

function isBuiltin(name: string): name is BuiltinToolName {
  return (BUILTIN_TOOL_NAMES as readonly string[]).includes(name);
}

function fail(message: string): ToolOutcome {
  return { status: "error", result: JSON.stringify({ error: message }) };
}
