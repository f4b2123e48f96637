"use client";
import { createContext, useContext, useEffect } from "react";
import { useHydrated } from "./use-hydrated";

/** The viewer's IANA time zone, kept in a cookie so the server groups the sidebar as they would. */
export const TIME_ZONE_COOKIE = "parley_tz";

export type SidebarClock = { now: number; timeZone: string };

/** The server's clock and the viewer's zone (as the server knew it), for the server render. */
export const ServerClock = createContext<SidebarClock | null>(null);

/**
 * "Now" and the time zone the sidebar's date groups are computed in: the server's during the
 * server render and hydration (the same HTML on both sides), then the browser's own.
 */
export function useSidebarClock(): { now: Date; timeZone: string | undefined } {
  const server = useContext(ServerClock);
  const hydrated = useHydrated();
  if (!hydrated && server) return { now: new Date(server.now), timeZone: server.timeZone };
  return { now: new Date(), timeZone: undefined };
}

/** Tells the server the viewer's time zone for the next page it renders. */
export function useTimeZoneCookie(known: string | undefined): void {
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && zone !== known) {
      // biome-ignore lint/suspicious/noDocumentCookie: one fixed, encoded value; cookieStore is not in every browser
      document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    }
  }, [known]);
}
