import "server-only";
import { z } from "zod";
import { guardedFetch, OutboundError } from "../security/guarded-fetch";
import { BUILTIN_TOOL_LABELS } from "./catalog";
import { defineTool, outboundPolicy, type ToolContext } from "./define";
import type { WeatherResult } from "./results";

export type { WeatherResult } from "./results";

/**
 * The get_weather tool: current conditions from Open-Meteo (free, no key). Two calls: geocoding
 * turns the city into coordinates, then the forecast API gives the current values. Both answers
 * are validated, so a changed or broken upstream yields a clear tool error, not a crash.
 */
/** A failure the model (and the user) can read as it is. */
export class WeatherError extends Error {
  override name = "WeatherError";
}

export type WeatherArgs = { city: string; units?: "celsius" | "fahrenheit" };

const place = z.object({
  name: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  country: z.string().optional(),
  country_code: z.string().optional(),
  admin1: z.string().optional(),
});
// Open-Meteo omits `results` entirely when nothing matches.
const geocodingAnswer = z.object({ results: z.array(place).optional() });

const forecastAnswer = z.object({
  current: z.object({
    time: z.string(),
    temperature_2m: z.number(),
    relative_humidity_2m: z.number(),
    apparent_temperature: z.number(),
    weather_code: z.number(),
    wind_speed_10m: z.number(),
  }),
  current_units: z.record(z.string(), z.string()).optional(),
});

/** WMO weather interpretation codes, as documented by Open-Meteo. */
const WMO: Record<number, string> = {
  0: "Clear sky",
  1: "Mainly clear",
  2: "Partly cloudy",
  3: "Overcast",
  45: "Fog",
  48: "Depositing rime fog",
  51: "Light drizzle",
  53: "Moderate drizzle",
  55: "Dense drizzle",
  56: "Light freezing drizzle",
  57: "Dense freezing drizzle",
  61: "Slight rain",
  63: "Moderate rain",
  65: "Heavy rain",
  66: "Light freezing rain",
  67: "Heavy freezing rain",
  71: "Slight snowfall",
  73: "Moderate snowfall",
  75: "Heavy snowfall",
  77: "Snow grains",
  80: "Slight rain showers",
  81: "Moderate rain showers",
  82: "Violent rain showers",
  85: "Slight snow showers",
  86: "Heavy snow showers",
  95: "Thunderstorm",
  96: "Thunderstorm with slight hail",
  99: "Thunderstorm with heavy hail",
};

export function describeWeatherCode(code: number): string {
  return WMO[code] ?? `Unknown conditions (WMO code ${code})`;
}

export async function getWeather(args: WeatherArgs, ctx: ToolContext): Promise<WeatherResult> {
  const units = args.units ?? "celsius";
  // One deadline for both calls: the model waits on the whole tool, not on each request.
  const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(ctx.config.timeoutMs)]);
  const found = await geocode(args.city, ctx, signal);

  const url = new URL(ctx.config.forecastUrl);
  url.searchParams.set("latitude", String(found.latitude));
  url.searchParams.set("longitude", String(found.longitude));
  url.searchParams.set(
    "current",
    "temperature_2m,relative_humidity_2m,apparent_temperature,weather_code,wind_speed_10m",
  );
  url.searchParams.set("temperature_unit", units);
  url.searchParams.set("timezone", "auto");
  const forecast = forecastAnswer.safeParse(await getJson(url, ctx, signal));
  if (!forecast.success) throw new WeatherError("The weather service sent an answer in an unexpected shape.");
  const c = forecast.data.current;
  const u = forecast.data.current_units ?? {};
  return {
    city: found.name,
    country: found.country ?? null,
    latitude: found.latitude,
    longitude: found.longitude,
    temperature: c.temperature_2m,
    apparent_temperature: c.apparent_temperature,
    humidity: c.relative_humidity_2m,
    wind_speed: c.wind_speed_10m,
    conditions: describeWeatherCode(c.weather_code),
    units: {
      temperature: u.temperature_2m ?? (units === "fahrenheit" ? "°F" : "°C"),
      wind_speed: u.wind_speed_10m ?? "km/h",
      humidity: u.relative_humidity_2m ?? "%",
    },
    time: c.time,
  };
}

/**
 * Models often write "Paris, France" or "Florence, Alabama"; Open-Meteo only matches the name.
 * So the name alone is searched, and a qualifier after the comma picks among a few candidates.
 */
async function geocode(city: string, ctx: ToolContext, signal: AbortSignal): Promise<z.infer<typeof place>> {
  const [name = "", ...rest] = city.split(",").map((s) => s.trim());
  const qualifier = rest.join(" ").toLowerCase();
  if (!name) throw new WeatherError('Give a city name, for example "Paris".');
  const url = new URL(ctx.config.geocodingUrl);
  url.searchParams.set("name", name);
  url.searchParams.set("count", qualifier ? "10" : "1");
  url.searchParams.set("language", "en");
  url.searchParams.set("format", "json");
  const answer = geocodingAnswer.safeParse(await getJson(url, ctx, signal));
  if (!answer.success) throw new WeatherError("The weather service sent an answer in an unexpected shape.");
  const results = answer.data.results ?? [];
  const matches = (p: z.infer<typeof place>) =>
    [p.country, p.country_code, p.admin1].some((v) => v !== undefined && qualifier.includes(v.toLowerCase()));
  const best = (qualifier ? results.find(matches) : undefined) ?? results[0];
  if (!best)
    throw new WeatherError(`No place called "${city}" was found. Check the spelling or try a nearby city.`);
  return best;
}

async function getJson(url: URL, ctx: ToolContext, signal: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await guardedFetch(
      url,
      { signal, headers: { Accept: "application/json" } },
      outboundPolicy(ctx.config),
    );
    if (!response.ok) {
      await response.body?.cancel();
      throw new WeatherError(`The weather service answered with HTTP ${response.status}. Try again later.`);
    }
    return await response.json();
  } catch (error) {
    if (error instanceof WeatherError) throw error;
    if (ctx.signal.aborted) throw new WeatherError("The weather lookup was cancelled.");
    if (signal.aborted || (error instanceof OutboundError && error.message.includes("did not answer"))) {
      throw new WeatherError(
        `The weather service did not answer within ${ctx.config.timeoutMs} ms. Try again later.`,
      );
    }
    // A refused destination says so (an admin may need to allow it); nothing else is shown raw.
    if (error instanceof OutboundError) throw error;
    if (error instanceof SyntaxError)
      throw new WeatherError("The weather service sent an answer that is not JSON.");
    throw new WeatherError("The weather service could not be reached. Try again later.");
  }
}

// Models write "metric", "F" or null as often as the enum; accept what is unambiguous.
const unitsArg = z.preprocess(
  (v) => {
    if (typeof v !== "string") return v ?? undefined;
    const s = v.trim().toLowerCase();
    if (s === "c" || s === "metric" || s === "°c") return "celsius";
    if (s === "f" || s === "imperial" || s === "°f") return "fahrenheit";
    return s;
  },
  z.enum(["celsius", "fahrenheit"]).optional().describe("Temperature unit. Default celsius."),
);

export const weatherTool = defineTool({
  name: "get_weather",
  label: BUILTIN_TOOL_LABELS.get_weather,
  description:
    "Get the current weather (temperature, humidity, wind, conditions) for a city, from Open-Meteo.",
  args: z.object({
    city: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .describe('City name, optionally with its country, e.g. "Paris, France".'),
    units: unitsArg,
  }),
  run: (args, ctx) => getWeather(args, ctx),
  readable: [WeatherError, OutboundError],
});
