/**
 * The sidebar's list: newest activity first, keyset-paged on (updated_at, id) so a page is as
 * cheap at conversation 10,000 as at the first, and rows added meanwhile do not shift pages.
 */
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../connect";
import { DbError } from "../errors";
import { isUuid } from "../ids";
import { conversations } from "../schema";
import { type Conversation, conversationColumns } from "./columns";

export const LIST_MAX_LIMIT = 100;

type Cursor = { updatedAt: Date; id: string };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.updatedAt.toISOString(), c.id])).toString("base64url");
}

export function decodeCursor(raw: string): Cursor {
  try {
    const [iso, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as [string, string];
    const updatedAt = new Date(iso);
    if (Number.isNaN(updatedAt.getTime()) || !isUuid(id)) throw new Error();
    return { updatedAt, id };
  } catch {
    throw new DbError("invalid", "cursor is not valid");
  }
}

export async function listConversations(
  db: Db,
  input: { userId: string; cursor?: string | null; limit?: number; archived?: boolean; pinned?: boolean },
): Promise<{ items: Conversation[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(input.limit ?? 30, 1), LIST_MAX_LIMIT);
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const rows = await db
    .select(conversationColumns)
    .from(conversations)
    .where(
      and(
        eq(conversations.userId, input.userId),
        isNull(conversations.deletedAt),
        // A comparison's columns are shown on its own page, never in the list.
        isNull(conversations.comparisonId),
        eq(conversations.archived, input.archived ?? false),
        input.pinned === undefined ? undefined : eq(conversations.pinned, input.pinned),
        after
          ? or(
              lt(conversations.updatedAt, after.updatedAt),
              and(eq(conversations.updatedAt, after.updatedAt), lt(conversations.id, after.id)),
            )
          : undefined,
      ),
    )
    // NULLS LAST as in conversations_user_updated_idx: a bare DESC (NULLS FIRST) does not match
    // the index, and Postgres then sorts every one of the user's conversations for each page.
    .orderBy(sql`${conversations.updatedAt} desc nulls last`, sql`${conversations.id} desc nulls last`)
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
