import "server-only";
import type { Db } from "@/lib/db/connect";
import type { ToolSet } from "@/lib/tools/registry";
import { resolveToolSet } from "@/lib/tools/resolve";
import type { PreparedGeneration } from "./start-turn";

/** The tool set of a saved turn: the settings' built-ins and approvals. */
export async function turnTools(
  _db: Db,
  g: Pick<PreparedGeneration, "settings" | "userId">,
): Promise<ToolSet> {
  return resolveToolSet(g.settings);
}
