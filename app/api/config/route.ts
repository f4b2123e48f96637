import { authMode, oidcConfigured } from "@/lib/auth/mode";
import { getModelPolicy } from "@/lib/db/queries/settings";
import { serverEnv } from "@/lib/env";
import { handle, session } from "../_lib/http";

export const dynamic = "force-dynamic";

/**
 * What the browser may know about the server's setup: demo mode, the models the admin offers and
 * the default, the auth mode and who is signed in. Never the key, never the gateway URL.
 */
export const GET = handle(async (request: Request) => {
  const { db, user } = await session(request);
  const policy = await getModelPolicy(db);
  return Response.json({
    demo: !serverEnv().AIGATEWAY_API_KEY,
    models: policy.offered,
    defaultModel: policy.default,
    auth: { mode: authMode(), oidc: oidcConfigured() },
    user,
  });
});
