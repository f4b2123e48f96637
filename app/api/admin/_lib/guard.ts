import type { Db } from "@/lib/db/connect";
import { isAdmin } from "@/lib/usage/admin";
import { ApiError, session } from "../../_lib/http";

/** The caller's session, if they are an admin; otherwise a 403 in words. */
export async function adminSession(): Promise<{ db: Db; userId: string }> {
  const s = await session();
  if (!(await isAdmin(s.userId))) throw new ApiError(403, "forbidden", "Only an admin can do this.");
  return s;
}
