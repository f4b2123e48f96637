/**
 * What the built-in tools answer, as JSON the model and the cards read. Client-safe: cards import
 * these types; the tools that produce them (server-only) do too.
 */
export type WeatherResult = {
  city: string;
  country: string | null;
  latitude: number;
  longitude: number;
  temperature: number;
  apparent_temperature: number;
  humidity: number;
  wind_speed: number;
  conditions: string;
  units: { temperature: string; wind_speed: string; humidity: string };
  /** Local time of the observation at the place, as Open-Meteo reports it. */
  time: string;
};

export type CurrentTimeResult = {
  timezone: string;
  /** ISO 8601 with the zone's offset, e.g. 2026-05-05T14:03:07+02:00. */
  iso: string;
  /** Human-readable, e.g. "Tuesday 5 May 2026 at 14:03:07 CEST" (exact punctuation follows ICU). */
  local: string;
  utc_offset: string;
};

export type CalculatorResult = { expression: string; result: number };

/** What any tool answers when it fails: the model reads `error`; `code` is Parley's vocabulary. */
export type ToolErrorResult = { error: string; code?: string };
