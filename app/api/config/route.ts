import { serverEnv } from "@/lib/env";
import { MODELS } from "@/lib/stream/wire";

export const dynamic = "force-dynamic";

/** What the browser may know about the server's setup. Never the key, never the gateway URL. */
export function GET(): Response {
  return Response.json({ demo: !serverEnv().AIGATEWAY_API_KEY, models: MODELS });
}
