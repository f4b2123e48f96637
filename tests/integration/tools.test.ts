import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_TOOL_NAMES } from "@/lib/tools/catalog";
import { currentTime } from "@/lib/tools/current-time";
import { runTool, type ToolConfig, toolDefinitions } from "@/lib/tools/registry";
import { FAKE_OBSERVATION_TIME, startFakeOpenMeteo } from "../support/fake-open-meteo";

let meteo: Awaited<ReturnType<typeof startFakeOpenMeteo>>;
let config: ToolConfig;
const live = () => new AbortController().signal;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function run(name: string, args: unknown, cfg: ToolConfig = config, signal = live()) {
  const outcome = await runTool(name, typeof args === "string" ? args : JSON.stringify(args), {
    signal,
    config: cfg,
  });
  return { status: outcome.status, result: JSON.parse(outcome.result) as Record<string, unknown> };
}

beforeAll(async () => {
  meteo = await startFakeOpenMeteo();
  // The fake listens on 127.0.0.1, which the guarded fetch refuses unless allowed.
  config = {
    geocodingUrl: meteo.geocodingUrl,
    forecastUrl: meteo.forecastUrl,
    timeoutMs: 2_000,
    outboundAllow: ["127.0.0.1"],
  };
});
afterAll(() => meteo?.close());

describe("get_weather against the fake Open-Meteo", () => {
  it("geocodes the city, then reads the current weather there", async () => {
    const before = meteo.requests.length;
    const { status, result } = await run("get_weather", { city: "Paris" });
    expect(status).toBe("done");
    expect(result).toEqual({
      city: "Paris",
      country: "France",
      latitude: 48.85341,
      longitude: 2.3488,
      temperature: 18.5,
      apparent_temperature: 17.9,
      humidity: 62,
      wind_speed: 11.2,
      conditions: "Partly cloudy",
      units: { temperature: "°C", wind_speed: "km/h", humidity: "%" },
      time: FAKE_OBSERVATION_TIME,
    });
    const [geo, forecast] = meteo.requests.slice(before);
    expect(geo).toEqual({
      path: "/v1/search",
      query: { name: "Paris", count: "1", language: "en", format: "json" },
    });
    expect(forecast?.query).toEqual({
      latitude: "48.85341",
      longitude: "2.3488",
      current: "temperature_2m,relative_humidity_2m,apparent_temperature,weather_code,wind_speed_10m",
      temperature_unit: "celsius",
      timezone: "auto",
    });
  });

  it("answers in Fahrenheit when asked, accepting the model's loose spellings", async () => {
    for (const units of ["fahrenheit", "F", "imperial"]) {
      const { result } = await run("get_weather", { city: "Tokyo", units });
      expect(result).toMatchObject({ city: "Tokyo", temperature: 75.4, units: { temperature: "°F" } });
    }
  });

  it("uses a qualifier after the comma to pick the right place", async () => {
    expect((await run("get_weather", { city: "Florence" })).result.country).toBe("Italy");
    expect((await run("get_weather", { city: "Florence, Alabama" })).result.country).toBe("United States");
    expect((await run("get_weather", { city: "New York, US" })).result.city).toBe("New York");
  });

  it("says clearly when the city does not exist", async () => {
    const { status, result } = await run("get_weather", { city: "Atlantis" });
    expect(status).toBe("error");
    expect(result.error).toBe(
      'No place called "Atlantis" was found. Check the spelling or try a nearby city.',
    );
  });

  it("says clearly when Open-Meteo cannot be reached", async () => {
    const closed = createServer();
    const base = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const { status, result } = await run(
      "get_weather",
      { city: "Paris" },
      { ...config, geocodingUrl: `${base}/v1/search` },
    );
    expect(status).toBe("error");
    expect(result.error).toBe("The weather service could not be reached. Try again later.");
  });

  it("gives up at the timeout when Open-Meteo accepts but never answers", async () => {
    const hung = createServer(() => {});
    const base = await listen(hung);
    const started = performance.now();
    const { status, result } = await run(
      "get_weather",
      { city: "Paris" },
      { ...config, geocodingUrl: `${base}/v1/search`, timeoutMs: 300 },
    );
    const elapsed = performance.now() - started;
    hung.closeAllConnections();
    hung.close();
    expect(status).toBe("error");
    expect(result.error).toBe("The weather service did not answer within 300 ms. Try again later.");
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2_000);
  });

  it("reports an upstream HTTP error without its body", async () => {
    const broken = createServer((_req, res) => res.writeHead(500).end("stack trace with secrets"));
    const base = await listen(broken);
    const { result } = await run(
      "get_weather",
      { city: "Paris" },
      { ...config, forecastUrl: `${base}/v1/forecast` },
    );
    broken.close();
    expect(result.error).toBe("The weather service answered with HTTP 500. Try again later.");
  });
});

describe("get_current_time", () => {
  const at = new Date("2026-01-15T08:30:00Z");
  const fixed = () => ({ ...config, now: () => at });

  it.each([
    ["Europe/Paris", "2026-01-15T09:30:00+01:00"],
    ["Asia/Tokyo", "2026-01-15T17:30:00+09:00"],
    ["America/New_York", "2026-01-15T03:30:00-05:00"],
    ["Asia/Kolkata", "2026-01-15T14:00:00+05:30"],
    ["UTC", "2026-01-15T08:30:00+00:00"],
  ])("gives the local time in %s", async (timezone, iso) => {
    const { status, result } = await run("get_current_time", { timezone }, fixed());
    expect(status).toBe("done");
    expect(result).toMatchObject({ timezone, iso });
    expect(new Date(result.iso as string).getTime()).toBe(at.getTime());
  });

  it("follows daylight saving time", () => {
    expect(currentTime({ timezone: "Europe/Paris" }, new Date("2026-07-01T12:00:00Z")).utc_offset).toBe(
      "+02:00",
    );
  });

  it("defaults to UTC and canonicalises the zone's spelling", async () => {
    expect((await run("get_current_time", {}, fixed())).result.timezone).toBe("UTC");
    expect((await run("get_current_time", "", fixed())).result.timezone).toBe("UTC");
    expect((await run("get_current_time", { timezone: null }, fixed())).result.timezone).toBe("UTC");
    expect((await run("get_current_time", { timezone: "europe/paris" }, fixed())).result.timezone).toBe(
      "Europe/Paris",
    );
    // Punctuation varies with the ICU version; the words and the wall-clock time do not.
    expect((await run("get_current_time", { timezone: "Asia/Tokyo" }, fixed())).result.local).toMatch(
      /^Thursday,? 15 January 2026 at 17:30:00 /,
    );
  });

  it("rejects a zone that is not IANA, with a hint", async () => {
    const { status, result } = await run("get_current_time", { timezone: "Mars/Olympus" });
    expect(status).toBe("error");
    expect(result.error).toMatch(
      /"Mars\/Olympus" is not an IANA time zone\. Use a name like "Europe\/Paris"/,
    );
  });
});

describe("runTool", () => {
  it("runs the calculator", async () => {
    expect(await run("calculator", { expression: "12 * (3 + 4)" })).toEqual({
      status: "done",
      result: { expression: "12 * (3 + 4)", result: 84 },
    });
    expect((await run("calculator", { expression: "process.exit()" })).result.error).toMatch(
      /Unexpected character "\."/,
    );
  });

  it("answers an unknown tool with an error the model can read", async () => {
    const { status, result } = await run("delete_everything", {});
    expect(status).toBe("error");
    expect(result.error).toBe(
      'Unknown tool "delete_everything". Available tools: get_weather, calculator, get_current_time.',
    );
  });

  it("answers invalid, partial or mistyped arguments with an error, never a throw", async () => {
    expect((await run("get_weather", '{"city": "Par')).result.error).toMatch(/not valid JSON/);
    expect((await run("get_weather", "[1,2]")).result.error).toMatch(/^Invalid arguments for get_weather/);
    expect((await run("get_weather", {})).result.error).toMatch(/city/);
    expect((await run("get_weather", { city: "Paris", units: "kelvin" })).result.error).toMatch(/units/);
    expect((await run("calculator", { expression: 42 })).result.error).toMatch(/expression/);
  });

  it("does not start a tool once the turn was cancelled", async () => {
    const controller = new AbortController();
    controller.abort();
    const before = meteo.requests.length;
    const { status } = await run("get_weather", { city: "Paris" }, config, controller.signal);
    expect(status).toBe("error");
    expect(meteo.requests.length).toBe(before);
  });

  it("describes each tool with a JSON schema", () => {
    const defs = toolDefinitions([...BUILTIN_TOOL_NAMES, "calculator"]);
    expect(defs.map((d) => d.function.name)).toEqual(["get_weather", "calculator", "get_current_time"]);
    expect(defs[0]?.function.parameters).toMatchObject({
      type: "object",
      properties: { city: { type: "string" }, units: { enum: ["celsius", "fahrenheit"] } },
      required: ["city"],
    });
    expect(defs[1]?.function.parameters).toMatchObject({ required: ["expression"] });
    expect(defs[2]?.function.parameters).toMatchObject({ properties: { timezone: { type: "string" } } });
  });
});
