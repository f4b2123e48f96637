/**
 * Parley's one error vocabulary: every code a JSON error, a `parley.error` event or the browser
 * itself may report. Pure and client-safe. The words for each code live in ./wording.ts.
 *
 * The codes are grouped by who is at fault, because that is what a person needs to know first:
 * the AI Gateway (or the model behind it), Parley's server, or the path from the browser to it.
 */

/** Reported by Parley's server about the AI Gateway (or the model provider behind it). */
export const GATEWAY_ERROR_CODES = [
  "unauthorized",
  "payment_required",
  "forbidden",
  "model_not_found",
  "too_large",
  "rate_limited",
  "upstream_error",
  "upstream_unavailable",
  /** Connection refused, DNS, TLS, reset before the first byte: Parley's server → AI Gateway. */
  "gateway_unreachable",
  "stalled",
  "stream_cut",
  "stream_error",
  "tool_loop_limit",
] as const;

/** Parley's server refused or failed the request itself. */
export const SERVER_ERROR_CODES = [
  "bad_request",
  "not_found",
  "too_large",
  "unsupported_media_type",
  "internal",
  "unavailable",
  /** The request clashes with what is already there (an answer still being written, an id taken). */
  "conflict",
  /** A user's limit of answers generating at once (429). */
  "too_many_generations",
  /** The server that was writing the answer stopped (crash, restart, lost lease). */
  "interrupted",
  /** A user's or group's daily or monthly spending limit is reached (429). */
  "budget_exceeded",
  /** A user's or group's requests-per-minute limit is reached (429). */
  "user_rate_limited",
  /** No signed-in user (accounts mode), or not from the trusted proxy (header mode). */
  "not_signed_in",
  /** Signed in, but the role does not allow it (a member on an admin route, a pending account). */
  "forbidden_role",
  /** A mutating request from another site (CSRF): wrong Origin or Sec-Fetch-Site. */
  "cross_site_request",
  /** A tool's outbound request went to a blocked address (private, loopback, metadata…). */
  "outbound_blocked",
  /** A tool's outbound request hit a limit: time, size, redirects, or the name did not resolve. */
  "outbound_limit",
  /** A tool call the user declined (ask-first approval), or a tool the settings never allow. */
  "tool_denied",
] as const;

/** Only ever made by the browser, about its own connection to Parley's server. */
export const BROWSER_ERROR_CODES = [
  /** The browser could not reach Parley's server at all. */
  "server_unreachable",
  /** The stream from Parley's server to the browser dropped before the answer ended. */
  "connection_lost",
] as const;

export type GatewayErrorCode = (typeof GATEWAY_ERROR_CODES)[number];
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];
export type BrowserErrorCode = (typeof BROWSER_ERROR_CODES)[number];
export type ErrorCode = GatewayErrorCode | ServerErrorCode | BrowserErrorCode;

export const ERROR_CODES: readonly ErrorCode[] = [
  ...new Set<ErrorCode>([...GATEWAY_ERROR_CODES, ...SERVER_ERROR_CODES, ...BROWSER_ERROR_CODES]),
];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}

/** The HTTP status a JSON error with this code answers with when Parley itself refuses. */
export const ERROR_STATUS: Partial<Record<ErrorCode, number>> = {
  bad_request: 400,
  not_found: 404,
  too_large: 413,
  unsupported_media_type: 415,
  conflict: 409,
  too_many_generations: 429,
  budget_exceeded: 429,
  user_rate_limited: 429,
  not_signed_in: 401,
  forbidden_role: 403,
  cross_site_request: 403,
  internal: 500,
  unavailable: 503,
};
