/**
 * Cross-site request refusal for every mutating route, in every auth mode (single-user too: a
 * page on another site must not be able to spend the key, delete or import).
 *
 * The rule, for POST/PUT/PATCH/DELETE:
 * - `Sec-Fetch-Site: cross-site` or `same-site` → refused (browsers send it on every request).
 * - An `Origin` header that is not the app's own origin (`null` included) → refused.
 * - No `Origin` and no `Sec-Fetch-Site`: not a browser's cross-site request (browsers send Origin
 *   on every cross-origin POST). Allowed only when the request carries no Parley session cookie,
 *   so scripts and server-to-server clients keep working in single-user mode and with API keys,
 *   while a request that would ride on a signed-in browser's cookie must prove where it came from.
 * GET and HEAD change nothing and are not checked.
 */
export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The app's own origin as the browser saw it: PARLEY_URL when set, else Host (or the proxy's X-Forwarded-Host). */
export function appOrigin(request: Request, publicUrl?: string): string {
  if (publicUrl) return new URL(publicUrl).origin;
  const url = new URL(request.url);
  const host =
    request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host") || url.host;
  const proto =
    request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.replace(":", "");
  return `${proto}://${host}`;
}

export function hasSessionCookie(request: Request): boolean {
  return /(?:^|;\s*)(?:__Secure-)?parley\.session_token=/.test(request.headers.get("cookie") ?? "");
}

export type CsrfVerdict = { ok: true } | { ok: false; reason: string };

export function checkCsrf(request: Request, publicUrl?: string): CsrfVerdict {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { ok: true };
  const site = request.headers.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") return { ok: false, reason: `Sec-Fetch-Site: ${site}` };
  const origin = request.headers.get("origin");
  if (origin !== null) {
    return origin === appOrigin(request, publicUrl) ? { ok: true } : { ok: false, reason: "foreign Origin" };
  }
  if (site === "same-origin" || site === "none") return { ok: true };
  return hasSessionCookie(request) ? { ok: false, reason: "no Origin with a session cookie" } : { ok: true };
}
