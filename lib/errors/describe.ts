/**
 * Turns an error as the browser received it (`{code, message}` from a `parley.error` event, a JSON
 * error or a saved answer) into the words to show. Pure and client-safe.
 */
import { type ErrorCode, isErrorCode } from "./codes";
import { type ErrorWords, errorWords } from "./wording";

export type ReportedError = { code: string; message?: string; retryAfterSeconds?: number; status?: number };

/**
 * Codes that older code (and answers saved by it) still carry. `network` meant "could not connect"
 * from either side: the browser's own messages are known, anything else was the server failing
 * to reach the AI Gateway. Once lib/client/chat-stream.ts sends `server_unreachable` and
 * `connection_lost`, only saved answers need this.
 */
const BROWSER_LEGACY: Record<string, ErrorCode> = {
  "Parley's server could not be reached.": "server_unreachable",
  "The connection closed before the answer finished.": "connection_lost",
};

export function normaliseErrorCode(code: string, message?: string): ErrorCode | null {
  return (
    browserLegacy(code, message) ??
    (code === "network" ? "gateway_unreachable" : isErrorCode(code) ? code : null)
  );
}

function browserLegacy(code: string, message: string | undefined): ErrorCode | undefined {
  if (code !== "network" && code !== "stream_cut") return undefined;
  return message === undefined ? undefined : BROWSER_LEGACY[message.trim()];
}

/**
 * The title comes from the wording table, chosen by code. The detail is what the server wrote
 * after that title (it may know more: the upstream reason, the system code, the stall time), or
 * its whole message when it was worded some other way, else the table's own detail.
 */
export function describeError(error: ReportedError): ErrorWords {
  const message = error.message?.trim() ?? "";
  const ctx = {
    ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
    ...(error.status === undefined ? {} : { status: error.status }),
  };
  // The browser's own old words are replaced outright: the table says more, and says it better.
  const browser = browserLegacy(error.code, message);
  if (browser) return errorWords(browser, ctx);
  const code = normaliseErrorCode(error.code, message);
  if (!code) return { title: message || "Something went wrong.", retry: true, party: "parley" };
  const words = errorWords(code, ctx);
  const rest = message.startsWith(words.title) ? message.slice(words.title.length).trim() : message;
  return rest && rest !== words.title ? { ...words, detail: rest } : words;
}
