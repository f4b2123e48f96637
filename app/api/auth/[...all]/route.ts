import { getAuth } from "@/lib/auth/auth";
import { authMode } from "@/lib/auth/mode";
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
  return auth.handler(request);
}

export const GET = handle(authHandler);
export const POST = handle(authHandler);
