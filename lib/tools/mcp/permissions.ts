import "server-only";
import type { SessionUser } from "@/lib/auth/identity";
import type { Db } from "@/lib/db/connect";
import { getSetting, setSetting } from "@/lib/db/queries/settings";

/** The admin setting that lets members (not only admins) add MCP servers over HTTP. */
export const MCP_MEMBERS_KEY = "mcp_members_may_add";

export async function membersMayAddMcp(db: Db): Promise<boolean> {
  return (await getSetting(db, MCP_MEMBERS_KEY)) === true;
}

export function setMembersMayAddMcp(db: Db, value: boolean): Promise<void> {
  return setSetting(db, { key: MCP_MEMBERS_KEY, value });
}

/** Admins add any server; members add HTTP servers when an admin allows it; stdio is admins' only. */
export async function mcpPermissions(
  db: Db,
  user: SessionUser,
): Promise<{ canAdd: boolean; canUseStdio: boolean }> {
  const admin = user.role === "admin";
  return { canAdd: admin || (await membersMayAddMcp(db)), canUseStdio: admin };
}
