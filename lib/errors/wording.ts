/**
 * The one wording table: what each error code says to a person, and whether trying again makes
 * sense. JSON errors, `parley.error` events and the browser's error box all read it. Pure and
 * client-safe.
 *
 * Every title names the party at fault (the AI Gateway, Parley's server, or the path between the
 * browser and Parley's server) and never depends on the context, so the browser can tell the title
 * of a message written by the server from the details after it. Details may use the context.
 */
import type { ErrorCode } from "./codes";

/** Who a person should look at: the title says it in words, this says it to code and tests. */
export type ErrorParty = "ai_gateway" | "parley" | "browser" | "request";

export type ErrorWords = { title: string; detail?: string; retry: boolean; party: ErrorParty };

/** Facts that sharpen the detail. Every string must already be safe to show (no upstream bodies). */
export type ErrorContext = {
  /** How long the other side asked us to wait (Retry-After). */
  retryAfterSeconds?: number;
  /** The AI Gateway's HTTP status. */
  status?: number;
  /** A system error code such as ECONNREFUSED or CERT_HAS_EXPIRED. */
  systemCode?: string;
  /** GATEWAY_STALL_SECONDS. */
  stallSeconds?: number;
  /** A short, sanitised reason given by the other side. */
  reason?: string;
  /** For codes several parties use (bad_request, too_large): who refused. */
  by?: "ai_gateway" | "parley";
  /** TOOL_MAX_STEPS, for tool_loop_limit. */
  maxSteps?: number;
  /** The per-user limit, for too_many_generations; requests per minute for user_rate_limited. */
  limit?: number;
  /** For budget_exceeded and user_rate_limited: whose limit was reached. */
  limitScope?: "user" | "group";
  /** For budget_exceeded: which budget. */
  limitPeriod?: "daily" | "monthly";
  /** For budget_exceeded: the budget in USD. */
  limitUsd?: number;
  /** For budget_exceeded: when it starts again, in words ("00:00 UTC"). */
  resetsAt?: string;
};

type Entry = {
  title: string;
  detail: (ctx: ErrorContext) => string | undefined;
  retry: boolean;
  party: ErrorParty;
};

const seconds = (s: number) => (s === 1 ? "1 second" : `${s} seconds`);
const sentence = (s: string) => s.replace(/[.\s]+$/, "");
const tryAgainIn = (ctx: ErrorContext) =>
  ctx.retryAfterSeconds === undefined
    ? "Try again in a moment."
    : `Try again in ${seconds(ctx.retryAfterSeconds)}.`;

/** What a system error code means, in words (the code itself stays, for whoever reads the logs). */
function connectionFailure(code: string | undefined): string {
  if (!code) return "The connection failed.";
  if (code === "ECONNREFUSED") return "The connection was refused (ECONNREFUSED).";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `Its host name could not be resolved (${code}).`;
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET" || code === "EPIPE") {
    return `The connection closed before it answered (${code}).`;
  }
  if (/TIMEDOUT|TIMEOUT/.test(code)) return `The connection timed out (${code}).`;
  if (isTlsCode(code)) return `The secure (TLS) connection failed (${code}).`;
  return `The connection failed (${code}).`;
}

/** Certificate and handshake failures: retrying the same URL will not fix them. */
export function isTlsCode(code: string): boolean {
  return /CERT|TLS|SSL|EPROTO|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME_MISMATCH/.test(code);
}

export const ERROR_WORDS: Record<ErrorCode, Entry> = {
  // The AI Gateway, or the model provider behind it.
  unauthorized: {
    title: "The AI Gateway rejected the API key.",
    detail: () => "Check AIGATEWAY_API_KEY in the server's environment and restart Parley.",
    retry: false,
    party: "ai_gateway",
  },
  payment_required: {
    title: "The AI Gateway account is out of credit.",
    detail: () => "Add credit to the account, then try again.",
    retry: false,
    party: "ai_gateway",
  },
  forbidden: {
    title: "The AI Gateway does not let this API key use this model or feature.",
    detail: () => "Pick another model, or allow it for this key on the AI Gateway.",
    retry: false,
    party: "ai_gateway",
  },
  model_not_found: {
    title: "The AI Gateway does not know this model.",
    detail: (c) => (c.reason ? `It said: ${sentence(c.reason)}.` : "Pick another model."),
    retry: false,
    party: "ai_gateway",
  },
  rate_limited: {
    title: "The AI Gateway is limiting how fast requests can be made.",
    detail: tryAgainIn,
    retry: true,
    party: "ai_gateway",
  },
  upstream_error: {
    title: "The AI Gateway hit an error while answering.",
    detail: (c) => (c.status ? `It answered HTTP ${c.status}. Try again.` : "Try again."),
    retry: true,
    party: "ai_gateway",
  },
  upstream_unavailable: {
    title: "The AI Gateway or the model provider behind it is temporarily unavailable.",
    detail: tryAgainIn,
    retry: true,
    party: "ai_gateway",
  },
  gateway_unreachable: {
    title: "Parley's server could not reach the AI Gateway.",
    detail: (c) =>
      `${connectionFailure(c.systemCode)} Check AIGATEWAY_BASE_URL in the server's environment and that the AI Gateway is up, then try again.`,
    retry: true,
    party: "ai_gateway",
  },
  stalled: {
    title: "The AI Gateway went silent.",
    detail: (c) =>
      `${c.stallSeconds ? `Nothing arrived for ${seconds(c.stallSeconds)}, so` : "Nothing more arrived, so"} Parley stopped waiting; anything that arrived is kept. Try again.`,
    retry: true,
    party: "ai_gateway",
  },
  stream_cut: {
    title: "The AI Gateway closed the connection mid-answer.",
    detail: () => "The answer was cut off; what arrived is kept. Try again.",
    retry: true,
    party: "ai_gateway",
  },
  stream_error: {
    title: "The AI Gateway reported an error mid-answer.",
    detail: (c) =>
      `${c.reason ? `It said: ${sentence(c.reason)}. ` : ""}What arrived before it is kept. Try again.`,
    retry: true,
    party: "ai_gateway",
  },
  tool_loop_limit: {
    title: "Parley stopped the answer: the model kept asking for tools.",
    detail: (c) =>
      `${c.maxSteps ? `It reached ${c.maxSteps} model calls, the most one answer may make (TOOL_MAX_STEPS).` : "It reached the most model calls one answer may make (TOOL_MAX_STEPS)."} Try asking differently.`,
    retry: false,
    party: "ai_gateway",
  },

  // Parley's server, or the request it was sent.
  bad_request: {
    title: "The request is not valid.",
    detail: (c) => refusedBy(c, "Parley's server could not accept it."),
    retry: false,
    party: "request",
  },
  too_large: {
    title: "The request is too large.",
    detail: (c) =>
      `${refusedBy(c, "Parley's server refused it.")} Remove some images or start a new conversation.`,
    retry: false,
    party: "request",
  },
  unsupported_media_type: {
    title: "Parley's server does not accept this kind of file.",
    detail: () => "Upload an image (PNG, JPEG, WebP or GIF).",
    retry: false,
    party: "request",
  },
  not_found: {
    title: "Parley's server could not find it.",
    detail: () => "It may have been deleted.",
    retry: false,
    party: "parley",
  },
  internal: {
    title: "Something went wrong inside Parley's server.",
    detail: () => "Try again; if it keeps happening, the server's logs say more.",
    retry: true,
    party: "parley",
  },
  unavailable: {
    title: "Parley's server is temporarily unavailable.",
    detail: () => "It could not reach its database or another service it needs. Try again in a moment.",
    retry: true,
    party: "parley",
  },
  conflict: {
    title: "That clashes with something already in progress.",
    detail: () => "Wait for the answer being written to finish, then try again.",
    retry: true,
    party: "parley",
  },
  outbound_blocked: {
    title: "Parley refused a tool's request to a blocked address.",
    detail: () =>
      "Private, loopback, link-local and cloud metadata addresses are blocked unless an admin lists them in PARLEY_OUTBOUND_ALLOW.",
    retry: false,
    party: "parley",
  },
  outbound_limit: {
    title: "A tool's request from Parley's server did not complete.",
    detail: () => "It took too long, sent too much, or could not be reached.",
    retry: true,
    party: "parley",
  },
  tool_denied: {
    title: "The tool call was declined, so Parley did not run it.",
    detail: () => "The model was told and answers without it.",
    retry: false,
    party: "request",
  },
  not_signed_in: {
    title: "You are not signed in to Parley.",
    detail: () => "Sign in, then try again.",
    retry: false,
    party: "parley",
  },
  forbidden_role: {
    title: "Your Parley account may not do this.",
    detail: () => "Ask an admin of this Parley if you need it.",
    retry: false,
    party: "parley",
  },
  cross_site_request: {
    title: "Parley's server refused a request that came from another site.",
    detail: () => "Changes can only be made from Parley's own pages.",
    retry: false,
    party: "parley",
  },
  too_many_generations: {
    title: "Parley's server is already writing as many answers for you as it allows.",
    detail: (c) =>
      `${c.limit ? `Parley writes at most ${c.limit} at a time per person.` : "Parley limits how many run at a time per person."} Wait for one to finish, or stop one, then try again.`,
    retry: true,
    party: "parley",
  },
  interrupted: {
    title: "Parley's server stopped while writing this answer.",
    detail: () => "What it had saved is kept: Continue carries on from there, or try again.",
    retry: true,
    party: "parley",
  },

  budget_exceeded: {
    title: "You have reached your spending limit.",
    detail: (c) => {
      const whose = c.limitScope === "group" ? "Your group's" : "Your";
      const amount = c.limitUsd === undefined ? "" : ` of $${c.limitUsd.toFixed(2)}`;
      const period = c.limitPeriod ?? "daily";
      const when = c.resetsAt ? ` It resets at ${c.resetsAt}.` : "";
      return `${whose} ${period} budget${amount} is used up; nothing was sent to the model.${when} An admin can raise it.`;
    },
    retry: false,
    party: "parley",
  },
  user_rate_limited: {
    title: "You are sending requests too quickly.",
    detail: (c) => {
      const whose = c.limitScope === "group" ? "Your group's" : "Your";
      const limit =
        c.limit === undefined
          ? "per-minute limit"
          : `limit of ${c.limit} request${c.limit === 1 ? "" : "s"} per minute`;
      const when = c.retryAfterSeconds === undefined ? "" : ` It resets in ${c.retryAfterSeconds} s.`;
      return `${whose} ${limit} is reached; nothing was sent to the model.${when}`;
    },
    retry: true,
    party: "parley",
  },

  // The path between the browser and Parley's server.
  server_unreachable: {
    title: "Your browser could not reach Parley's server.",
    detail: () =>
      "Check your internet connection. If the answer had started, it may still be running on the server: reload the page to see it.",
    retry: true,
    party: "browser",
  },
  connection_lost: {
    title: "The connection to Parley's server dropped before the answer finished.",
    detail: () =>
      "What arrived is kept. The answer may still be running on the server: reload the page to see it, or try again.",
    retry: true,
    party: "browser",
  },
};

function refusedBy(c: ErrorContext, parley: string): string {
  if (c.by === "ai_gateway")
    return c.reason ? `The AI Gateway said: ${sentence(c.reason)}.` : "The AI Gateway refused it.";
  return c.reason ? `${sentence(c.reason)}.` : parley;
}

/** The title, detail and retry advice for a code. */
export function errorWords(code: ErrorCode, ctx: ErrorContext = {}): ErrorWords {
  const entry = ERROR_WORDS[code];
  const detail = entry.detail(ctx);
  return detail
    ? { title: entry.title, detail, retry: entry.retry, party: entry.party }
    : { title: entry.title, retry: entry.retry, party: entry.party };
}

/** The words as one line: what `parley.error.message` and JSON errors carry. */
export function errorMessage(code: ErrorCode, ctx?: ErrorContext): string {
  const { title, detail } = errorWords(code, ctx);
  return detail ? `${title} ${detail}` : title;
}
