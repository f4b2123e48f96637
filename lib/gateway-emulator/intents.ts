/**
 * Reads what a prompt asks of the built-in tools: the weather in named cities, arithmetic, the
 * current time. Kept deliberately simple and deterministic; it only has to recognise the prompts
 * people type into a demo and the ones the tests use ("Weather in Paris and in Tokyo?").
 */
export type Intent =
  | { kind: "weather"; city: string; units?: "celsius" | "fahrenheit"; at: number }
  | { kind: "calc"; expression: string; at: number }
  | { kind: "time"; timezone?: string; city?: string; at: number };

const CITY_ZONES: Record<string, string> = {
  paris: "Europe/Paris",
  london: "Europe/London",
  berlin: "Europe/Berlin",
  madrid: "Europe/Madrid",
  rome: "Europe/Rome",
  lisbon: "Europe/Lisbon",
  amsterdam: "Europe/Amsterdam",
  moscow: "Europe/Moscow",
  tokyo: "Asia/Tokyo",
  beijing: "Asia/Shanghai",
  shanghai: "Asia/Shanghai",
  singapore: "Asia/Singapore",
  dubai: "Asia/Dubai",
  mumbai: "Asia/Kolkata",
  delhi: "Asia/Kolkata",
  sydney: "Australia/Sydney",
  "new york": "America/New_York",
  chicago: "America/Chicago",
  toronto: "America/Toronto",
  "los angeles": "America/Los_Angeles",
  "san francisco": "America/Los_Angeles",
  "são paulo": "America/Sao_Paulo",
};

// Capitalised words that follow "in"/"for" but are not places.
const NOT_CITIES = new Set([
  "The",
  "A",
  "An",
  "Celsius",
  "Fahrenheit",
  "Today",
  "Tomorrow",
  "UTC",
  "I",
  "It",
  "My",
]);
const CITY = /\b(?:in|for|at|and|of)\s+((?:[A-Z][\p{L}.'-]+)(?:\s+[A-Z][\p{L}.'-]+)*)/gu;
const CITY_LOWER =
  /\b(?:in|for)\s+([\p{L}][\p{L}'-]*(?:\s+[\p{L}][\p{L}'-]*)?)(?=\s*(?:[?,.!;]|\band\b|\btoday\b|\bnow\b|$))/giu;
const WEATHER = /\b(weather|forecast|temperature|raining|rain|sunny|snowing)\b/i;
const TIME =
  /\b(what time|current time|the time|time (?:is it|in|now|zone)|local time|time right now|what's the time)\b/i;
const CALC_WORDS = /\b(calculate|compute|evaluate|solve|what(?:'s| is)|how much is)\b|=\s*\?/i;
const IANA =
  /\b((?:Africa|America|Asia|Atlantic|Australia|Europe|Pacific)\/[A-Z][A-Za-z_]+(?:\/[A-Z][A-Za-z_]+)?|UTC)\b/;

const titleCase = (s: string) => s.replace(/\p{L}+/gu, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase());

function cities(prompt: string): { name: string; at: number }[] {
  const found: { name: string; at: number }[] = [];
  for (const m of prompt.matchAll(CITY)) {
    const words = m[1]!.split(/\s+/).filter((w) => !NOT_CITIES.has(w));
    if (words.length)
      found.push({ name: words.join(" ").replace(/[.']+$/, ""), at: m.index! + m[0].indexOf(m[1]!) });
  }
  if (found.length) return found;
  // Lower-case fallback ("weather in paris"): one place after "in"/"for".
  for (const m of prompt.matchAll(CITY_LOWER)) {
    const name = m[1]!.replace(/\b(the|today|now)\b/gi, "").trim();
    if (name && !/^(celsius|fahrenheit)$/i.test(name)) found.push({ name: titleCase(name), at: m.index! });
  }
  return found;
}

/** Arithmetic such as "12 * (3 + 4)" or "12x7": runs of digits, operators and brackets. */
function expressions(prompt: string): { expression: string; at: number }[] {
  const out: { expression: string; at: number }[] = [];
  for (const m of prompt.matchAll(/[\d.\s+\-*/x×÷^%()]+/g)) {
    const raw = m[0].trim();
    if (!/\d\s*\)*\s*[-+*/x×÷^%]\s*\(*\s*[\d(]/.test(raw)) continue;
    const expression = raw.replace(/(\d)\s*[x×]\s*(?=[\d(])/g, "$1 * ").replace(/÷/g, "/");
    out.push({ expression, at: m.index! + m[0].indexOf(raw) });
  }
  return out;
}

export function zoneFor(city: string | undefined): string | undefined {
  return city ? CITY_ZONES[city.toLowerCase()] : undefined;
}

/** Everything the prompt asks for, in the order it asks. */
export function detectIntents(prompt: string): Intent[] {
  const intents: Intent[] = [];
  const places = cities(prompt);
  const timeMatch = TIME.exec(prompt);
  let timeCity: string | undefined;
  if (timeMatch) {
    const after = places.find((p) => p.at > timeMatch.index);
    const zone = IANA.exec(prompt)?.[1];
    timeCity = after?.name;
    intents.push({ kind: "time", timezone: zone ?? zoneFor(timeCity), city: timeCity, at: timeMatch.index });
  }
  const weather = WEATHER.exec(prompt);
  if (weather) {
    const units = /fahrenheit|°F\b/i.test(prompt)
      ? "fahrenheit"
      : /celsius|°C\b/i.test(prompt)
        ? "celsius"
        : undefined;
    // A city named only for the time ("weather and time in Tokyo") still serves the weather.
    const own = places.filter((p) => p.name !== timeCity);
    for (const p of own.length ? own : places)
      intents.push({ kind: "weather", city: p.name, units, at: p.at });
  }
  if (CALC_WORDS.test(prompt)) {
    for (const e of expressions(prompt)) intents.push({ kind: "calc", expression: e.expression, at: e.at });
  }
  return intents.sort((a, b) => a.at - b.at);
}
