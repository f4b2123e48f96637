/**
 * The get_current_time tool. No I/O: Intl knows the IANA zones. Without a zone it answers in UTC,
 * because the server's own zone says nothing about where the user is.
 */
import { z } from "zod";
import { BUILTIN_TOOL_LABELS } from "./catalog";
import { defineTool } from "./define";
import type { CurrentTimeResult } from "./results";

export type { CurrentTimeResult } from "./results";

export class TimeZoneError extends Error {
  override name = "TimeZoneError";
}

export function currentTime(args: { timezone?: string }, now: Date = new Date()): CurrentTimeResult {
  const requested = args.timezone?.trim() || "UTC";
  let timezone: string;
  try {
    const resolved = new Intl.DateTimeFormat("en-US", { timeZone: requested }).resolvedOptions().timeZone;
    // Intl fixes the case (europe/paris → Europe/Paris) but also maps current names to legacy
    // ones (Asia/Kolkata → Asia/Calcutta); only the case fix is kept, the name stays the asked one.
    timezone = resolved.toLowerCase() === requested.toLowerCase() ? resolved : requested;
  } catch {
    throw new TimeZoneError(
      `"${requested.slice(0, 100)}" is not an IANA time zone. Use a name like "Europe/Paris", "Asia/Tokyo" or "UTC".`,
    );
  }
  const parts = partsIn(now, timezone);
  const offset = utcOffset(parts, now);
  const iso = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
  const local = new Intl.DateTimeFormat("en-GB", {
    timeZone: timezone,
    dateStyle: "full",
    timeStyle: "long",
  }).format(now);
  return { timezone, iso, local, utc_offset: offset };
}

type Parts = Record<"year" | "month" | "day" | "hour" | "minute" | "second", string>;
const PART_NAMES = new Set<string>(["year", "month", "day", "hour", "minute", "second"]);

function partsIn(date: Date, timeZone: string): Parts {
  const fmt = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const out: Partial<Parts> = {};
  for (const p of fmt.formatToParts(date)) {
    if (PART_NAMES.has(p.type)) out[p.type as keyof Parts] = p.value;
  }
  return out as Parts;
}

/** The zone's offset at `date`, from the difference between its wall clock and UTC. */
function utcOffset(p: Parts, date: Date): string {
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  const minutes = Math.round((wall - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

export const currentTimeTool = defineTool({
  name: "get_current_time",
  label: BUILTIN_TOOL_LABELS.get_current_time,
  description: "Get the current date and time in a time zone.",
  args: z.object({
    timezone: z.preprocess(
      (v) => v ?? undefined,
      z.string().max(100).optional().describe('IANA time zone, e.g. "Europe/Paris". Default UTC.'),
    ),
  }),
  run: (args, ctx) => currentTime(args, ctx.config.now?.() ?? new Date()),
  readable: [TimeZoneError],
});
