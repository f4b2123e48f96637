/**
 * Sidebar sections by last activity, in the viewer's local calendar: a conversation from 23:59
 * yesterday is "Yesterday" even if that was one minute ago.
 */
export const DATE_GROUPS = ["Today", "Yesterday", "Previous 7 days", "Older"] as const;
export type DateGroup = (typeof DATE_GROUPS)[number];

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day of `t` in `timeZone` (the runtime's own when undefined), as a day number.
 * Calendar arithmetic, not 24 h steps: days around a DST change are 23 or 25 hours long.
 */
function calendarDay(t: Date, timeZone: string | undefined): number {
  const key = timeZone ?? "";
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
    });
    dayFormats.set(key, format);
  }
  const parts = format.formatToParts(t);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part("year"), part("month") - 1, part("day")) / 86_400_000;
}

/** `timeZone`: the viewer's (the server renders with the zone the browser told it). */
export function dateGroupOf(iso: string, now: Date, timeZone?: string): DateGroup {
  const daysAgo = calendarDay(now, timeZone) - calendarDay(new Date(iso), timeZone);
  if (daysAgo <= 0) return "Today";
  if (daysAgo === 1) return "Yesterday";
  if (daysAgo <= 7) return "Previous 7 days";
  return "Older";
}

/** Keeps the input order inside each group; empty groups are left out. */
export function groupByDate<T extends { updatedAt: string }>(
  items: T[],
  now: Date,
  timeZone?: string,
): { group: DateGroup; items: T[] }[] {
  const buckets = new Map<DateGroup, T[]>();
  for (const item of items) {
    const g = dateGroupOf(item.updatedAt, now, timeZone);
    const bucket = buckets.get(g);
    if (bucket) bucket.push(item);
    else buckets.set(g, [item]);
  }
  return DATE_GROUPS.flatMap((group) => {
    const groupItems = buckets.get(group);
    return groupItems ? [{ group, items: groupItems }] : [];
  });
}
