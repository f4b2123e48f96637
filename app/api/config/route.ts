import { serverConfig } from "@/lib/server-config";
import { handle, session } from "../_lib/http";

export const dynamic = "force-dynamic";

/** The server's setup as the browser may know it (lib/server-config.ts). */
export const GET = handle(async (request: Request) => {
  const { db, user } = await session(request);
  return Response.json(await serverConfig(db, user));
});
