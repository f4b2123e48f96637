/**
 * Walking the message tree. The gateway sees only the path on screen: root → current leaf.
 * Switching branch moves the leaf to the newest deepest descendant of the chosen message.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../connect";
import { notFound } from "../errors";
import { isUuid } from "../ids";
import { conversations, messages } from "../schema";
import { messageColumns, rowsOf, type StoredMessage } from "./columns";

/**
 * Ids from `startId` up towards the root, nearest first, at most `limit` of them. Each step
 * stays inside the owner's conversation, so a foreign id yields nothing.
 */
export async function ancestorIds(
  db: Db,
  input: { userId: string; conversationId: string; startId: string; limit: number },
): Promise<{ id: string; parentId: string | null }[]> {
  const result = await db.execute(sql`
    with recursive up as (
      select id, parent_id, 1 as depth from ${messages}
      where id = ${input.startId} and conversation_id = ${input.conversationId} and user_id = ${input.userId}
      union all
      select m.id, m.parent_id, up.depth + 1 from ${messages} m
      join up on m.id = up.parent_id
      where up.depth < ${input.limit} and m.conversation_id = ${input.conversationId}
    )
    select id, parent_id from up order by depth`);
  return rowsOf<{ id: string; parent_id: string | null }>(result).map((r) => ({
    id: r.id,
    parentId: r.parent_id,
  }));
}

export async function messagesByIds(
  db: Db,
  userId: string,
  ids: string[],
): Promise<Map<string, StoredMessage>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select(messageColumns)
    .from(messages)
    .where(and(eq(messages.userId, userId), inArray(messages.id, ids)));
  return new Map(rows.map((r) => [r.id, r]));
}

async function ownedLeaf(db: Db, userId: string, conversationId: string): Promise<string | null | undefined> {
  if (!isUuid(conversationId)) return undefined;
  const [conv] = await db
    .select({ leaf: conversations.currentLeafId })
    .from(conversations)
    .where(
      and(
        eq(conversations.id, conversationId),
        eq(conversations.userId, userId),
        isNull(conversations.deletedAt),
      ),
    );
  return conv ? conv.leaf : undefined;
}

/** Root → leaf (default: the current leaf). Empty for an empty conversation; throws if not the user's. */
export async function getMessagePath(
  db: Db,
  input: { userId: string; conversationId: string; leafId?: string | null },
): Promise<StoredMessage[]> {
  const current = await ownedLeaf(db, input.userId, input.conversationId);
  if (current === undefined) throw notFound("conversation");
  const leafId = input.leafId ?? current;
  if (!leafId) return [];
  if (!isUuid(leafId)) throw notFound("message");
  const chain = await ancestorIds(db, { ...input, startId: leafId, limit: 100_000 });
  if (chain.length === 0) throw notFound("message");
  const byId = await messagesByIds(
    db,
    input.userId,
    chain.map((c) => c.id),
  );
  return chain.reverse().map((c) => byId.get(c.id)!);
}

/**
 * Shows the branch through `messageId`: the leaf becomes its newest child, that child's newest
 * child, and so on. Returns the new leaf id.
 */
export async function switchBranch(
  db: Db,
  input: { userId: string; conversationId: string; messageId: string },
): Promise<string> {
  const current = await ownedLeaf(db, input.userId, input.conversationId);
  if (current === undefined) throw notFound("conversation");
  if (!isUuid(input.messageId)) throw notFound("message");
  const result = await db.execute(sql`
    with recursive down as (
      select id, 1 as depth from ${messages}
      where id = ${input.messageId} and conversation_id = ${input.conversationId} and user_id = ${input.userId}
      union all
      select c.id, down.depth + 1 from down
      cross join lateral (
        select id from ${messages} m where m.parent_id = down.id
        order by m.created_at desc, m.id desc limit 1
      ) c
    )
    select id from down order by depth desc limit 1`);
  const leaf = rowsOf<{ id: string }>(result)[0]?.id;
  if (!leaf) throw notFound("message");
  await db
    .update(conversations)
    .set({ currentLeafId: leaf })
    .where(and(eq(conversations.id, input.conversationId), eq(conversations.userId, input.userId)));
  return leaf;
}
