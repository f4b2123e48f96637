import type { Db } from "@/lib/db/connect";
import { type Comparison, getComparison } from "@/lib/db/queries/comparisons";
import { notFoundError } from "../_lib/http";

export type IdCtx = { params: Promise<{ id: string }> };

/** This user's comparison, or 404 as if it did not exist (another user's too). */
export async function ownComparison(db: Db, userId: string, id: string): Promise<Comparison> {
  const c = await getComparison(db, { userId, id });
  if (!c) throw notFoundError("comparison");
  return c;
}
