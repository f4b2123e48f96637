import pino from "pino";

/**
 * What a log line must never show: secrets (keys, bearer tokens, cookies, connection strings) and
 * what people wrote (message text, prompts, parts). Pino replaces these values with CENSOR before a
 * line is written, at the top level and up to two levels down (`headers.authorization`,
 * `req.headers.authorization`); deeper objects should not be logged whole.
 */
export const CENSOR = "[redacted]";

const SECRET_KEYS = [
  "authorization",
  "Authorization",
  "cookie",
  "Cookie",
  "set-cookie",
  "x-api-key",
  "apiKey",
  "api_key",
  "apikey",
  "token",
  "password",
  "secret",
  "AIGATEWAY_API_KEY",
  "METRICS_TOKEN",
  "DATABASE_URL",
  "REDIS_URL",
  "PARLEY_AUTH_SECRET",
  "PARLEY_OIDC_CLIENT_SECRET",
  "clientSecret",
  "client_secret",
  "accessToken",
  "refreshToken",
  "idToken",
  "access_token",
  "refresh_token",
  "id_token",
];

/**
 * Conversation content: a log line carries ids and sizes, never the words. `params` is where a
 * failed query keeps its bound values (see serializeError).
 */
const TEXT_KEYS = ["messages", "content", "text", "prompt", "reasoning", "parts", "params"];

/** `a-b` needs bracket syntax in pino's paths; plain names are written as they are. */
const segment = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`);

export const REDACT_PATHS = [...SECRET_KEYS, ...TEXT_KEYS].flatMap((key) => {
  const s = segment(key);
  return [s.startsWith(".") ? s.slice(1) : s, `*${s}`, `*.*${s}`];
});

/**
 * Drizzle's failed-query error puts the bound values (message text, for a save) into its message
 * and so into its stack: "Failed query: insert …\nparams: hello,world". Keep the SQL, drop the values.
 */
const PARAMS_IN_TEXT = /\nparams: [\s\S]*?(?=\n {4}at |\ncaused by: |$)/g;

export function scrubText<T>(text: T): T {
  return (typeof text === "string" ? text.replace(PARAMS_IN_TEXT, `\nparams: ${CENSOR}`) : text) as T;
}

/** Pino's error serializer (message, stack, causes), minus bound query values in the text. */
export function serializeError(error: unknown): unknown {
  const out = pino.stdSerializers.err(error as Error) as unknown;
  if (!out || typeof out !== "object") return out;
  const record = out as Record<string, unknown>;
  record.message = scrubText(record.message);
  record.stack = scrubText(record.stack);
  return record;
}

/**
 * `log.error(err)` and `log.error({ err })` without a message make pino copy the error's message
 * into `msg`, past the serializer: give it the scrubbed message instead. (A pino `logMethod` hook.)
 */
export function errorAsMessage(args: unknown[]): unknown[] {
  const [first, second] = args;
  if (typeof second === "string" || !first || typeof first !== "object") return args;
  const error = first instanceof Error ? first : (first as { err?: unknown }).err;
  if (!(error instanceof Error)) return args;
  return [first instanceof Error ? { err: first } : first, scrubText(error.message), ...args.slice(2)];
}
