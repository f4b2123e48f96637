import "server-only";
import { serverEnv } from "../env";

export type AuthMode = "none" | "password" | "header";

/** No host at all is not loopback: `next start` alone listens on every interface. */
const LOOPBACK = new Set(["127.0.0.1", "::1", "[::1]", "localhost"]);

/** The host `next start -H <host>` was given, else HOSTNAME (what Next's standalone server reads). */
export function listenHost(argv: readonly string[] = process.argv): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "-H" || arg === "--hostname") return argv[i + 1] ?? "";
    if (arg.startsWith("--hostname=")) return arg.slice("--hostname=".length);
  }
  return serverEnv().HOSTNAME ?? "";
}

/**
 * PARLEY_AUTH, or its default: single-user (`none`) only when nobody else can reach the server
 * (it listens on loopback), accounts (`password`) otherwise.
 */
export function authMode(): AuthMode {
  const configured = serverEnv().PARLEY_AUTH;
  if (configured) return configured;
  return LOOPBACK.has(listenHost().trim().toLowerCase()) ? "none" : "password";
}

export function oidcConfigured(): boolean {
  const env = serverEnv();
  return Boolean(env.PARLEY_OIDC_ISSUER && env.PARLEY_OIDC_CLIENT_ID && env.PARLEY_OIDC_CLIENT_SECRET);
}
