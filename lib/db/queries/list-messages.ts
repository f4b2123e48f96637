/**
 * A conversation's messages for the screen: the current path, newest first in pages (older ones
 * load on scroll-up via `before`), each with its siblings for the "2 / 3" branch switcher.
 */
import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "../connect";
import { notFound } from "../errors";
import { isUuid } from "../ids";
import { conversations, messages } from "../schema";
import type { StoredMessage } from "./columns";
import { ancestorIds, messagesByIds } from "./message-path";

export const MESSAGES_MAX_LIMIT = 200;

export type MessageWithSiblings = StoredMessage & {
  /** All children of this message's parent (roots: all roots), oldest first; includes this one. */
  siblingIds: string[];
  siblingIndex: number;
};

export type MessagePage = {
  /** Oldest first within the page, ready to render top to bottom. */
  messages: MessageWithSiblings[];
  /** Pass the first message's id as `before` to load the page above. */
  hasMore: boolean;
};

export async function listMessages(
  db: Db,
  input: { userId: string; conversationId: string; before?: string | null; limit?: number },
): Promise<MessagePage> {
  const limit = Math.min(Math.max(input.limit ?? 50, 1), MESSAGES_MAX_LIMIT);
  if (!isUuid(input.conversationId)) throw notFound("conversation");
  const [conv] = await db
    .select({ leaf: conversations.currentLeafId })
    .from(conversations)
    .where(
      and(
        eq(conversations.id, input.conversationId),
        eq(conversations.userId, input.userId),
        isNull(conversations.deletedAt),
      ),
    );
  if (!conv) throw notFound("conversation");

  let startId = conv.leaf;
  if (input.before) {
    if (!isUuid(input.before)) throw notFound("message");
    const [anchor] = await ancestorIds(db, { ...input, startId: input.before, limit: 1 });
    if (!anchor) throw notFound("message");
    startId = anchor.parentId;
  }
  if (!startId) return { messages: [], hasMore: false };

  const chain = (await ancestorIds(db, { ...input, startId, limit })).reverse();
  const byId = await messagesByIds(
    db,
    input.userId,
    chain.map((c) => c.id),
  );
  const siblings = await siblingGroups(db, input.userId, input.conversationId, chain);
  return {
    messages: chain.map((c) => {
      const group = siblings.get(c.parentId ?? "") ?? [c.id];
      return { ...byId.get(c.id)!, siblingIds: group, siblingIndex: Math.max(group.indexOf(c.id), 0) };
    }),
    hasMore: chain[0]?.parentId != null,
  };
}

/** Children of each parent on the chain, keyed by parent id ("" for roots). Ids only: cheap. */
async function siblingGroups(
  db: Db,
  userId: string,
  conversationId: string,
  chain: { id: string; parentId: string | null }[],
): Promise<Map<string, string[]>> {
  const parents = chain.flatMap((c) => (c.parentId ? [c.parentId] : []));
  const hasRoot = chain.some((c) => c.parentId === null);
  const rows = await db
    .select({ id: messages.id, parentId: messages.parentId })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        eq(messages.userId, userId),
        or(
          parents.length > 0 ? inArray(messages.parentId, parents) : undefined,
          hasRoot ? isNull(messages.parentId) : undefined,
        ),
      ),
    )
    .orderBy(asc(messages.createdAt), asc(messages.id));
  const groups = new Map<string, string[]>();
  for (const r of rows) {
    const key = r.parentId ?? "";
    const group = groups.get(key);
    if (group) group.push(r.id);
    else groups.set(key, [r.id]);
  }
  return groups;
}

/** Where a message sits among its siblings (for "2 / 3" right after a turn is saved). */
export async function branchOf(
  db: Db,
  input: { userId: string; conversationId: string; messageId: string; parentId: string | null },
): Promise<{ parentId: string | null; siblingIds: string[]; index: number }> {
  const groups = await siblingGroups(db, input.userId, input.conversationId, [
    { id: input.messageId, parentId: input.parentId },
  ]);
  const siblingIds = groups.get(input.parentId ?? "") ?? [input.messageId];
  return { parentId: input.parentId, siblingIds, index: Math.max(siblingIds.indexOf(input.messageId), 0) };
}
