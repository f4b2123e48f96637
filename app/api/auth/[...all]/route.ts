import { getAuth } from "@/lib/auth/auth";
import { authMode } from "@/lib/auth/mode";
import { serverEnv } from "@/lib/env";
import { appOrigin } from "@/lib/security/csrf";
import { ApiError, handle } from "../../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * better-auth's endpoints (sign-up, sign-in, sign-out, session, OIDC redirect and callback), only
 * in accounts mode. handle() adds Parley's cross-site refusal and error shape in front.
 */
async function authHandler(request: Request): Promise<Response> {
  if (authMode() !== "password")
    throw new ApiError(404, "not_found", "Accounts are not enabled on this Parley.");
  const auth = await getAuth(request);
  // Next hands route handlers a URL on `localhost`; better-auth builds its callback URLs (OIDC's
  // redirect_uri) from the URL, so give it the origin the browser used (or PARLEY_URL).
  const url = new URL(request.url);
  const origin = appOrigin(request, serverEnv().PARLEY_URL);
  const body =
    request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
  return auth.handler(
    new Request(`${origin}${url.pathname}${url.search}`, {
      method: request.method,
      headers: request.headers,
      body,
    }),
  );
}

export const GET = handle(authHandler);
export const POST = handle(authHandler);
