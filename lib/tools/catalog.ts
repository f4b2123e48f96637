/**
 * The built-in tools, as the browser and the server both need to name them. The implementations
 * (which do I/O) live in lib/tools/*.ts on the server; this file is only the catalogue.
 */
export const BUILTIN_TOOL_NAMES = ["get_weather", "calculator", "get_current_time"] as const;
export type BuiltinToolName = (typeof BUILTIN_TOOL_NAMES)[number];

export const BUILTIN_TOOL_LABELS: Record<BuiltinToolName, string> = {
  get_weather: "Weather (Open-Meteo)",
  calculator: "Calculator",
  get_current_time: "Current time",
};
