/**
 * A real HTTP fake of Open-Meteo's two endpoints (geocoding and forecast), with fixed cities and
 * fixed weather, so tool tests and browser tests never touch the internet and always see the same
 * numbers. Answers are shaped like the real API's, including its quirk of omitting `results` when
 * no place matches.
 *
 *   In tests:   const meteo = await startFakeOpenMeteo();  // meteo.geocodingUrl, meteo.forecastUrl
 *   As server:  npx tsx tests/support/fake-open-meteo.ts --port 4010   (prints the URLs as JSON)
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

export type FakeCity = {
  name: string;
  country: string;
  country_code: string;
  admin1: string;
  latitude: number;
  longitude: number;
  timezone: string;
  /** Fixed current weather, in °C and km/h. */
  weather: { temperature: number; apparent: number; humidity: number; wind: number; code: number };
};

/** Ordered like the real API (most populous first), so "Florence" is Italy's. */
export const FAKE_CITIES: FakeCity[] = [
  city("Paris", "France", "FR", "Île-de-France", 48.85341, 2.3488, "Europe/Paris", [18.5, 17.9, 62, 11.2, 2]),
  city("Tokyo", "Japan", "JP", "Tokyo", 35.6895, 139.69171, "Asia/Tokyo", [24.1, 25.3, 70, 8.6, 1]),
  city(
    "London",
    "United Kingdom",
    "GB",
    "England",
    51.50853,
    -0.12574,
    "Europe/London",
    [12.3, 10.8, 81, 19.4, 61],
  ),
  city("Florence", "Italy", "IT", "Tuscany", 43.77925, 11.24626, "Europe/Rome", [21.7, 21.2, 55, 6.1, 0]),
  city(
    "Florence",
    "United States",
    "US",
    "Alabama",
    34.79981,
    -87.67725,
    "America/Chicago",
    [27.4, 29, 66, 9.3, 3],
  ),
  city(
    "New York",
    "United States",
    "US",
    "New York",
    40.71427,
    -74.00597,
    "America/New_York",
    [15.2, 14.1, 58, 16, 3],
  ),
  city(
    "Berlin",
    "Germany",
    "DE",
    "Land Berlin",
    52.52437,
    13.41053,
    "Europe/Berlin",
    [9.8, 7.5, 76, 14.8, 45],
  ),
  city(
    "Sydney",
    "Australia",
    "AU",
    "New South Wales",
    -33.86785,
    151.20732,
    "Australia/Sydney",
    [19, 18.4, 64, 22.1, 80],
  ),
  city(
    "Reykjavik",
    "Iceland",
    "IS",
    "Capital Region",
    64.13548,
    -21.89541,
    "Atlantic/Reykjavik",
    [-2.5, -8.1, 85, 31.5, 73],
  ),
  city(
    "San Francisco",
    "United States",
    "US",
    "California",
    37.77493,
    -122.41942,
    "America/Los_Angeles",
    [14.6, 13.9, 79, 20.3, 45],
  ),
];

function city(
  name: string,
  country: string,
  country_code: string,
  admin1: string,
  latitude: number,
  longitude: number,
  timezone: string,
  [temperature, apparent, humidity, wind, code]: [number, number, number, number, number],
): FakeCity {
  return {
    name,
    country,
    country_code,
    admin1,
    latitude,
    longitude,
    timezone,
    weather: { temperature, apparent, humidity, wind, code },
  };
}

/** The fixed observation time every forecast reports (local time at the place, as Open-Meteo does). */
export const FAKE_OBSERVATION_TIME = "2026-05-05T12:00";

export type FakeOpenMeteo = {
  geocodingUrl: string;
  forecastUrl: string;
  requests: { path: string; query: Record<string, string> }[];
  close(): Promise<void>;
};

export async function startFakeOpenMeteo(
  opts: { port?: number; host?: string } = {},
): Promise<FakeOpenMeteo> {
  const requests: FakeOpenMeteo["requests"] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const query = Object.fromEntries(url.searchParams);
    requests.push({ path: url.pathname, query });
    if (req.method !== "GET") return send(res, 405, { error: true, reason: "Method not allowed" });
    if (url.pathname === "/v1/search") return send(res, 200, geocoding(query));
    if (url.pathname === "/v1/forecast") {
      const answer = forecast(query);
      return send(res, "error" in answer ? 400 : 200, answer);
    }
    send(res, 404, { error: true, reason: `Unknown path ${url.pathname}` });
  });
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, resolve);
  });
  const base = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    geocodingUrl: `${base}/v1/search`,
    forecastUrl: `${base}/v1/forecast`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

function geocoding(q: Record<string, string>) {
  const name = (q.name ?? "").trim().toLowerCase();
  const count = Math.max(1, Math.min(100, Number(q.count ?? 10) || 10));
  const found = FAKE_CITIES.filter((c) => name.length >= 2 && c.name.toLowerCase().startsWith(name)).slice(
    0,
    count,
  );
  // Like the real API: no `results` key at all when nothing matches.
  if (found.length === 0) return { generationtime_ms: 0.4 };
  return {
    results: found.map((c, i) => ({
      id: 1000 + i,
      name: c.name,
      latitude: c.latitude,
      longitude: c.longitude,
      country: c.country,
      country_code: c.country_code,
      admin1: c.admin1,
      timezone: c.timezone,
    })),
    generationtime_ms: 0.4,
  };
}

function forecast(q: Record<string, string>) {
  const lat = Number(q.latitude);
  const lon = Number(q.longitude);
  if (!q.latitude || !q.longitude || Number.isNaN(lat) || Number.isNaN(lon)) {
    return { error: true, reason: "Parameter 'latitude' and 'longitude' must be numbers" };
  }
  const place = FAKE_CITIES.find(
    (c) => Math.abs(c.latitude - lat) < 0.01 && Math.abs(c.longitude - lon) < 0.01,
  );
  // Anywhere else on Earth gets a mild, fixed day.
  const w = place?.weather ?? { temperature: 20, apparent: 20, humidity: 50, wind: 10, code: 0 };
  const fahrenheit = q.temperature_unit === "fahrenheit";
  const t = (c: number) => (fahrenheit ? Math.round(((c * 9) / 5) * 10 + 320) / 10 : c);
  return {
    latitude: lat,
    longitude: lon,
    timezone: place?.timezone ?? "GMT",
    current_units: {
      time: "iso8601",
      interval: "seconds",
      temperature_2m: fahrenheit ? "°F" : "°C",
      relative_humidity_2m: "%",
      apparent_temperature: fahrenheit ? "°F" : "°C",
      weather_code: "wmo code",
      wind_speed_10m: "km/h",
    },
    current: {
      time: FAKE_OBSERVATION_TIME,
      interval: 900,
      temperature_2m: t(w.temperature),
      relative_humidity_2m: w.humidity,
      apparent_temperature: t(w.apparent),
      weather_code: w.code,
      wind_speed_10m: w.wind,
    },
  };
}

// Run as a script: browser tests start it as a separate server and read its URLs from stdout.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf("--port");
  const port = i >= 0 ? Number(process.argv[i + 1]) : 4010;
  startFakeOpenMeteo({ port }).then((fake) => {
    console.log(JSON.stringify({ geocodingUrl: fake.geocodingUrl, forecastUrl: fake.forecastUrl }));
    const stop = () => fake.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
