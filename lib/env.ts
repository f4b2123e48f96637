import "server-only";
import { z } from "zod";

/**
 * Server environment, parsed once. Everything Parley reads from process.env goes through here so
 * that a typo or a bad value fails loudly at start-up instead of deep inside a request.
 * Client code must never import this file (server-only enforces it): the key lives here.
 */
const boolish = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .transform((v) => v === "1" || v === "true" || v === "yes");

export const serverEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Key for the real AI Gateway. Unset: Parley serves its built-in demo gateway (the emulator). */
  AIGATEWAY_API_KEY: z.string().trim().min(1).optional().catch(undefined),
  AIGATEWAY_BASE_URL: z.url().default("https://api.aigateway.sh/v1"),
  /** Seconds without a byte from the gateway before the stream is declared stalled. */
  GATEWAY_STALL_SECONDS: z.coerce.number().positive().max(600).default(60),
  /** Retries before the first byte for 429 and 5xx answers. */
  GATEWAY_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** Base delay for exponential backoff (ms); jitter is added on top. */
  GATEWAY_RETRY_BASE_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  /** Upper bound on one Retry-After wait we honour before giving the error to the user (s). */
  GATEWAY_MAX_RETRY_AFTER_SECONDS: z.coerce.number().min(0).max(600).default(20),
  /** Maximum model calls in one tool loop. */
  TOOL_MAX_STEPS: z.coerce.number().int().min(1).max(20).default(5),
  TOOL_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /**
   * Hosts, addresses or CIDRs (comma-separated) a tool's outbound request may reach although they
   * are private, loopback or link-local (lib/security/guarded-fetch.ts). Empty: none.
   */
  PARLEY_OUTBOUND_ALLOW: z.string().default(""),
  /** Largest answer a tool's outbound request may read (bytes). */
  TOOL_MAX_RESPONSE_BYTES: z.coerce.number().int().min(1024).max(50_000_000).default(1_000_000),
  /** How long an ask-first tool call (or one answered by hand) waits for the user (s). */
  TOOL_APPROVAL_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(86_400).default(1800),
  OPEN_METEO_GEOCODING_URL: z.url().default("https://geocoding-api.open-meteo.com/v1/search"),
  OPEN_METEO_FORECAST_URL: z.url().default("https://api.open-meteo.com/v1/forecast"),
  /** Seconds of silence after which the relay sends a `: ping` comment to the browser. */
  RELAY_PING_SECONDS: z.coerce.number().positive().max(300).default(15),
  /** Port for the embedded demo gateway (0 picks a free one). */
  EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** Demo gateway pacing, so the embedded default feels like a real model. */
  EMULATOR_FIRST_BYTE_MS: z.coerce.number().int().min(0).default(250),
  EMULATOR_CHUNK_DELAY_MS: z.coerce.number().int().min(0).default(15),
  /** Folder the demo gateway replays `[replay:NAME]` files from (browser tests use the recordings). */
  EMULATOR_REPLAY_DIR: z.string().min(1).optional(),
  /** Postgres connection string. Unset: embedded PGlite under PARLEY_DATA_DIR. */
  DATABASE_URL: z.string().min(1).optional().catch(undefined),
  PARLEY_DATA_DIR: z.string().min(1).default(".data"),
  /** PostgreSQL connections per instance: answers save progress through them while they stream. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(20),
  DEBUG_EMULATOR_LOG: boolish.default(false),
  /** Redis for the generation event log and stop signal across instances. Unset: in-memory, one instance. */
  REDIS_URL: z.string().min(1).optional().catch(undefined),
  /** A generation whose instance has not renewed its lease for this long is marked interrupted. */
  GENERATION_LEASE_SECONDS: z.coerce.number().positive().max(600).default(15),
  /** Answers one user may have running at once; one more is refused with a 429. */
  MAX_GENERATIONS_PER_USER: z.coerce.number().int().min(1).max(1000).default(3),
  /** Events kept per generation log (older ones are trimmed; the saved snapshot covers them). */
  GENERATION_LOG_MAX_EVENTS: z.coerce.number().int().min(100).max(1_000_000).default(50_000),
  /** How long a finished generation's events stay readable for late resumes. */
  GENERATION_LOG_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** Token budget for what the gateway sees; older turns beyond it are dropped with a note. */
  CONTEXT_TOKENS: z.coerce.number().int().min(1000).max(2_000_000).default(180_000),
  /** This process's name in generation leases and logs. Default: hostname and pid. */
  PARLEY_INSTANCE_ID: z.string().min(1).max(200).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** When set, GET /api/metrics requires `Authorization: Bearer <this>`; unset, metrics are open. */
  METRICS_TOKEN: z.string().trim().min(1).optional().catch(undefined),
  /** Token prices as JSON `{"model":{"input":3,"output":15}}` (USD per million); merged over the defaults. */
  PARLEY_PRICES: z.string().optional(),
  /** Length of the requests-per-minute window in seconds (tests shorten it). */
  PARLEY_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /**
   * Who may use Parley: `none` (single-user, the built-in local user, no login), `password`
   * (accounts: email + password, and OIDC when configured) or `header` (an authenticating proxy
   * names the user). Unset: `none` when Parley listens on loopback, `password` otherwise.
   */
  PARLEY_AUTH: z.enum(["none", "password", "header"]).optional().catch(undefined),
  /** Header mode: the header carrying the signed-in user's email. */
  PARLEY_AUTH_HEADER: z.string().trim().toLowerCase().min(1).default("x-forwarded-email"),
  /** Header mode: the proxy's address(es), comma-separated; requests from any other address get 401. */
  PARLEY_TRUSTED_PROXY: z.string().trim().min(1).optional().catch(undefined),
  /** Signs session cookies (32+ characters). Unset: generated once and kept in the database. */
  PARLEY_AUTH_SECRET: z.string().trim().min(32).optional().catch(undefined),
  /** Parley's public URL (https://chat.example.com); unset: taken from each request. */
  PARLEY_URL: z.url().optional().catch(undefined),
  /** OIDC sign-in: the provider's issuer URL (discovery at /.well-known/openid-configuration). */
  PARLEY_OIDC_ISSUER: z.url().optional().catch(undefined),
  PARLEY_OIDC_CLIENT_ID: z.string().trim().min(1).optional().catch(undefined),
  PARLEY_OIDC_CLIENT_SECRET: z.string().trim().min(1).optional().catch(undefined),
  /** The sign-in button's words: "Sign in with <name>". */
  PARLEY_OIDC_NAME: z.string().trim().min(1).max(60).default("SSO"),
  /** Failed sign-ins per account or per address before it is locked for PARLEY_LOGIN_LOCKOUT_MINUTES. */
  PARLEY_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  PARLEY_LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** The hostname `next start -H` or the container was given; decides the default PARLEY_AUTH. */
  HOSTNAME: z.string().optional(),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  if (!cached) {
    const parsed = serverEnvSchema.safeParse(process.env);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${detail}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Tests change process.env between cases; this lets them re-read it. */
export function resetServerEnvForTests(): void {
  cached = undefined;
}
