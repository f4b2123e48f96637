/**
 * The calendar and rate windows limits are counted in, all in UTC. Pure (the clock is passed in).
 */

export type Period = "daily" | "monthly";

export function dayStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** When a period's spend starts counting again from zero. */
export function periodEnd(period: Period, now: Date): Date {
  if (period === "daily") return new Date(dayStart(now).getTime() + 86_400_000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

export function periodStart(period: Period, now: Date): Date {
  return period === "daily" ? dayStart(now) : monthStart(now);
}

/** A fixed request window of `seconds`: its start, and how many whole seconds until the next one. */
export function rateWindow(now: Date, seconds: number): { start: Date; resetsInSeconds: number } {
  const ms = seconds * 1000;
  const start = Math.floor(now.getTime() / ms) * ms;
  return {
    start: new Date(start),
    resetsInSeconds: Math.max(1, Math.ceil((start + ms - now.getTime()) / 1000)),
  };
}

/** "00:00 UTC" today or tomorrow, or "00:00 UTC on 1 August" for a monthly reset. */
export function describeReset(period: Period, now: Date): string {
  const end = periodEnd(period, now);
  if (period === "daily") return "00:00 UTC";
  const month = end.toLocaleString("en-GB", { month: "long", timeZone: "UTC" });
  return `00:00 UTC on 1 ${month}`;
}
