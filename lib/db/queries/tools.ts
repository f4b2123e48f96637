/** MCP servers and user-defined tools: each row belongs to its owner, and every query says whose. */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../connect";
import { newId } from "../ids";
import { type McpServerRow, type McpToolInfo, mcpServers, type UserToolRow, userTools } from "../schema";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An id from a URL that is not a UUID names nothing (a 404, not a database error). */
const validId = (id: string) => UUID.test(id);

export async function listMcpServers(db: Db, { userId }: { userId: string }): Promise<McpServerRow[]> {
  return db
    .select()
    .from(mcpServers)
    .where(eq(mcpServers.ownerId, userId))
    .orderBy(asc(mcpServers.createdAt));
}

export async function getMcpServer(db: Db, { userId, id }: { userId: string; id: string }) {
  if (!validId(id)) return null;
  const [row] = await db
    .select()
    .from(mcpServers)
    .where(and(eq(mcpServers.id, id), eq(mcpServers.ownerId, userId)));
  return row ?? null;
}

export async function createMcpServer(
  db: Db,
  input: Pick<McpServerRow, "ownerId" | "name" | "transport" | "url" | "command" | "args">,
): Promise<McpServerRow> {
  const [row] = await db
    .insert(mcpServers)
    .values({ id: newId(), ...input })
    .returning();
  return row as McpServerRow;
}

export async function updateMcpServer(
  db: Db,
  { userId, id, ...set }: { userId: string; id: string; enabled?: boolean; tools?: McpToolInfo[] },
): Promise<McpServerRow | null> {
  if (!validId(id)) return null;
  const [row] = await db
    .update(mcpServers)
    .set(set)
    .where(and(eq(mcpServers.id, id), eq(mcpServers.ownerId, userId)))
    .returning();
  return row ?? null;
}

export async function deleteMcpServer(
  db: Db,
  { userId, id }: { userId: string; id: string },
): Promise<boolean> {
  if (!validId(id)) return false;
  const rows = await db
    .delete(mcpServers)
    .where(and(eq(mcpServers.id, id), eq(mcpServers.ownerId, userId)))
    .returning({ id: mcpServers.id });
  return rows.length > 0;
}

/** This user's enabled servers among `ids` (a turn's tools). */
export async function enabledMcpServers(db: Db, { userId, ids }: { userId: string; ids: string[] }) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(mcpServers)
    .where(and(eq(mcpServers.ownerId, userId), eq(mcpServers.enabled, true), inArray(mcpServers.id, ids)));
}

export async function listUserTools(db: Db, { userId }: { userId: string }): Promise<UserToolRow[]> {
  return db.select().from(userTools).where(eq(userTools.ownerId, userId)).orderBy(asc(userTools.createdAt));
}

export async function createUserTool(
  db: Db,
  input: Pick<UserToolRow, "ownerId" | "name" | "description" | "parameters" | "mode" | "endpointUrl">,
): Promise<UserToolRow> {
  const [row] = await db
    .insert(userTools)
    .values({ id: newId(), ...input })
    .returning();
  return row as UserToolRow;
}

export async function deleteUserTool(
  db: Db,
  { userId, id }: { userId: string; id: string },
): Promise<boolean> {
  if (!validId(id)) return false;
  const rows = await db
    .delete(userTools)
    .where(and(eq(userTools.id, id), eq(userTools.ownerId, userId)))
    .returning({ id: userTools.id });
  return rows.length > 0;
}

export async function enabledUserTools(db: Db, { userId, ids }: { userId: string; ids: string[] }) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(userTools)
    .where(and(eq(userTools.ownerId, userId), eq(userTools.enabled, true), inArray(userTools.id, ids)));
}
