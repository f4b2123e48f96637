import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { type Resolved, resolveUser } from "./identity";

/**
 * The signed-in user for a server component (pages and layouts), from the request's headers.
 * Once per request: the chat's layouts and page all ask.
 */
export const pageUser = cache(async (): Promise<Resolved> => {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return resolveUser(new Request(`${proto}://${host}/`, { headers: h }));
});
