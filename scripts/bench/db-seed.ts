/**
 * Fills a fresh database for the database benchmark: `conversations` conversations of one short
 * exchange each, plus one long conversation of `longMessages` messages (the most recent, so it
 * tops the sidebar). Multi-row inserts in one transaction: seeding is setup, not what is measured.
 */
import type { Db } from "../../lib/db/connect";
import { newId } from "../../lib/db/ids";
import { ensureLocalUser, LOCAL_USER_ID } from "../../lib/db/local-user";
import { conversations, messages } from "../../lib/db/schema";
import { longConversationRole, longConversationText } from "../../tests/support/long-conversation";

/** 14 columns a message row: 1,000 rows stay well under Postgres' 65,535 bind parameters. */
const BATCH = 1000;
const MODEL = "anthropic/claude-sonnet-4.6";

type ConversationRow = typeof conversations.$inferInsert;
type MessageRow = typeof messages.$inferInsert;

export type Seeded = { userId: string; longId: string; lastMessageText: string; rows: number };

function message(conversationId: string, parentId: string | null, n: number, at: Date): MessageRow {
  const role = longConversationRole(n);
  return {
    id: newId(),
    conversationId,
    userId: LOCAL_USER_ID,
    parentId,
    role,
    parts: [{ type: "text", text: longConversationText(n) }],
    model: role === "assistant" ? MODEL : null,
    status: "done",
    createdAt: at,
    updatedAt: at,
  };
}

async function insertBatched<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

export async function seedBenchData(
  db: Db,
  opts: { conversations: number; longMessages: number },
): Promise<Seeded> {
  await ensureLocalUser(db);
  const now = Date.now();
  const convRows: ConversationRow[] = [];
  const msgRows: MessageRow[] = [];

  // Short conversations, one a minute further back each: a user question and its answer.
  for (let c = 0; c < opts.conversations - 1; c++) {
    const at = new Date(now - (c + 1) * 60_000);
    const id = newId();
    const q = message(id, null, 1, at);
    const a = message(id, q.id!, 2, at);
    msgRows.push(q, a);
    convRows.push({
      id,
      userId: LOCAL_USER_ID,
      title: `Conversation ${c + 1}`,
      model: MODEL,
      createdAt: at,
      updatedAt: at,
      currentLeafId: a.id,
    });
  }

  // The long one: a single branch, oldest first, so each parent is inserted before its child.
  const longId = newId();
  let parent: string | null = null;
  const first = now - opts.longMessages * 1000;
  for (let n = 1; n <= opts.longMessages; n++) {
    const m = message(longId, parent, n, new Date(first + n * 1000));
    msgRows.push(m);
    parent = m.id!;
  }
  convRows.push({
    id: longId,
    userId: LOCAL_USER_ID,
    title: `Long conversation (${opts.longMessages} messages)`,
    model: MODEL,
    createdAt: new Date(first),
    updatedAt: new Date(now),
    currentLeafId: parent,
  });

  await db.transaction(async (tx) => {
    await insertBatched(convRows, (b) => tx.insert(conversations).values(b));
    await insertBatched(msgRows, (b) => tx.insert(messages).values(b));
  });
  return {
    userId: LOCAL_USER_ID,
    longId,
    lastMessageText: `Message #${opts.longMessages}`,
    rows: convRows.length + msgRows.length,
  };
}
