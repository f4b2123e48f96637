import "server-only";
import type { SessionUser } from "./auth/identity";
import { authMode, oidcConfigured } from "./auth/mode";
import type { ServerConfig } from "./client/use-server-config";
import type { Db } from "./db/connect";
import { getModelPolicy } from "./db/queries/settings";
import { serverEnv } from "./env";

/**
 * What the browser may know about the server's setup: demo mode, the models the admin offers and
 * the default, the auth mode and who is signed in. Never the key, never the gateway URL.
 * GET /api/config answers it; the chat's layout renders with it.
 */
export async function serverConfig(db: Db, user: SessionUser): Promise<ServerConfig> {
  const policy = await getModelPolicy(db);
  return {
    demo: !serverEnv().AIGATEWAY_API_KEY,
    models: policy.offered,
    defaultModel: policy.default,
    auth: { mode: authMode(), oidc: oidcConfigured() },
    user,
  };
}
