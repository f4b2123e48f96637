/**
 * Sidebar sections by last activity, in the viewer's local calendar: a conversation from 23:59
 * yesterday is "Yesterday" even if that was one minute ago.
 */
export const DATE_GROUPS = ["Today", "Yesterday", "Previous 7 days", "Older"] as const;
export type DateGroup = (typeof DATE_GROUPS)[number];

export function dateGroupOf(iso: string, now: Date): DateGroup {
  // Calendar arithmetic, not 24 h steps: days around a DST change are 23 or 25 hours long.
  const daysAgo = (n: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() - n).getTime();
  const t = new Date(iso).getTime();
  if (t >= daysAgo(0)) return "Today";
  if (t >= daysAgo(1)) return "Yesterday";
  if (t >= daysAgo(7)) return "Previous 7 days";
  return "Older";
}

/** Keeps the input order inside each group; empty groups are left out. */
export function groupByDate<T extends { updatedAt: string }>(
  items: T[],
  now: Date,
): { group: DateGroup; items: T[] }[] {
  const buckets = new Map<DateGroup, T[]>();
  for (const item of items) {
    const g = dateGroupOf(item.updatedAt, now);
    const bucket = buckets.get(g);
    if (bucket) bucket.push(item);
    else buckets.set(g, [item]);
  }
  return DATE_GROUPS.flatMap((group) => {
    const groupItems = buckets.get(group);
    return groupItems ? [{ group, items: groupItems }] : [];
  });
}
