/**
 * One conversation: create, read, and the small edits the sidebar makes. Every statement is
 * scoped to the owner and ignores soft-deleted rows (except restore, which exists for them).
 */
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { ChatSettings } from "../../validations/chat";
import type { Db } from "../connect";
import { isUuid, newId } from "../ids";
import { conversations } from "../schema";
import { type Conversation, conversationColumns } from "./columns";

export const TITLE_MAX_CHARS = 200;

const live = (userId: string, conversationId: string) =>
  and(
    eq(conversations.id, conversationId),
    eq(conversations.userId, userId),
    isNull(conversations.deletedAt),
  );

export async function createConversation(
  db: Db,
  input: { userId: string; model: string; settings?: ChatSettings; title?: string; id?: string },
): Promise<Conversation> {
  const [row] = await db
    .insert(conversations)
    .values({
      id: input.id ?? newId(),
      userId: input.userId,
      model: input.model,
      settings: input.settings ?? {},
      title: (input.title ?? "").slice(0, TITLE_MAX_CHARS),
    })
    .returning(conversationColumns);
  return row!;
}

export async function getConversation(
  db: Db,
  input: { userId: string; conversationId: string },
): Promise<Conversation | null> {
  if (!isUuid(input.conversationId)) return null;
  const [row] = await db
    .select(conversationColumns)
    .from(conversations)
    .where(live(input.userId, input.conversationId));
  return row ?? null;
}

type Patch = Partial<Pick<Conversation, "title" | "pinned" | "archived" | "model" | "settings">>;

/** Applies a patch; false when the conversation is not this user's (or is deleted). */
async function patchConversation(
  db: Db,
  userId: string,
  conversationId: string,
  patch: Patch,
  extra?: ReturnType<typeof and>,
): Promise<boolean> {
  if (!isUuid(conversationId)) return false;
  const rows = await db
    .update(conversations)
    .set(patch)
    .where(and(live(userId, conversationId), extra))
    .returning({ id: conversations.id });
  return rows.length > 0;
}

/** The user's own rename: always wins. */
export function renameConversation(db: Db, input: { userId: string; conversationId: string; title: string }) {
  return patchConversation(db, input.userId, input.conversationId, {
    title: input.title.trim().slice(0, TITLE_MAX_CHARS),
  });
}

/**
 * The automatic title after the first answer. By default it only fills an empty title, so a
 * rename the user made while the title call was running is not overwritten.
 */
export function setConversationTitle(
  db: Db,
  input: { userId: string; conversationId: string; title: string; onlyIfUntitled?: boolean },
) {
  const guard = input.onlyIfUntitled === false ? undefined : eq(conversations.title, "");
  return patchConversation(
    db,
    input.userId,
    input.conversationId,
    { title: input.title.trim().slice(0, TITLE_MAX_CHARS) },
    guard,
  );
}

export function setPinned(db: Db, input: { userId: string; conversationId: string; pinned: boolean }) {
  return patchConversation(db, input.userId, input.conversationId, { pinned: input.pinned });
}

export function setArchived(db: Db, input: { userId: string; conversationId: string; archived: boolean }) {
  return patchConversation(db, input.userId, input.conversationId, { archived: input.archived });
}

/** Model and request settings the composer changed for the next turn. */
export function updateConversationSettings(
  db: Db,
  input: { userId: string; conversationId: string; model?: string; settings?: ChatSettings },
) {
  const patch: Patch = {};
  if (input.model !== undefined) patch.model = input.model;
  if (input.settings !== undefined) patch.settings = input.settings;
  return patchConversation(db, input.userId, input.conversationId, patch);
}

/** Hides the conversation everywhere; restoreConversation undoes it. */
export async function softDeleteConversation(db: Db, input: { userId: string; conversationId: string }) {
  if (!isUuid(input.conversationId)) return false;
  const rows = await db
    .update(conversations)
    .set({ deletedAt: sql`now()` })
    .where(live(input.userId, input.conversationId))
    .returning({ id: conversations.id });
  return rows.length > 0;
}

export async function restoreConversation(db: Db, input: { userId: string; conversationId: string }) {
  if (!isUuid(input.conversationId)) return false;
  const rows = await db
    .update(conversations)
    .set({ deletedAt: null })
    .where(
      and(
        eq(conversations.id, input.conversationId),
        eq(conversations.userId, input.userId),
        isNotNull(conversations.deletedAt),
      ),
    )
    .returning({ id: conversations.id });
  return rows.length > 0;
}
