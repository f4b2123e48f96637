/**
 * Shared by tests/integration/persistence*.test.ts: a Parley (next start) on PGlite or on a fresh
 * Postgres database, a second user's conversation seeded before start, and small readers for the
 * saved conversation over the HTTP API (the only way in while PGlite is held by the server).
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { createDb, type DriverName } from "@/lib/db/connect";
import { newId } from "@/lib/db/ids";
import { createConversation } from "@/lib/db/queries/conversations";
import { appendUserMessage } from "@/lib/db/queries/messages";
import { users } from "@/lib/db/schema";
import type { MessagePart, MessageStatus } from "@/lib/stream/message-parts";

export const MODEL = "anthropic/claude-sonnet-4";

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export type Store = {
  driver: DriverName;
  /** Environment for startParley: DATABASE_URL or PARLEY_DATA_DIR. */
  env: Record<string, string>;
  /** Someone else's conversation and message: Parley must act as if they did not exist. */
  foreign: { conversationId: string; messageId: string };
  drop(): Promise<void>;
};

/** A fresh, migrated database for one Parley, with another user's conversation in it. */
export async function createStore(driver: DriverName): Promise<Store> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "parley-persist-"));
  let url: string | undefined;
  let dbName: string | undefined;
  if (driver === "postgres") {
    dbName = `parley_persist_${randomBytes(6).toString("hex")}`;
    await admin(`create database ${dbName}`);
    const u = new URL(ADMIN_URL);
    u.pathname = `/${dbName}`;
    url = u.toString();
  }
  // Seeded before the server starts: PGlite allows one process per folder.
  const handle = url
    ? await createDb({ driver: "postgres", url })
    : await createDb({ driver: "pglite", dataDir: path.join(dataDir, "pglite") });
  let foreign: Store["foreign"];
  try {
    const otherUser = newId();
    await handle.db.insert(users).values({ id: otherUser, name: "Someone else" });
    const conv = await createConversation(handle.db, { userId: otherUser, model: MODEL });
    const msg = await appendUserMessage(handle.db, {
      userId: otherUser,
      conversationId: conv.id,
      parentId: null,
      parts: [{ type: "text", text: "not yours" }],
    });
    foreign = { conversationId: conv.id, messageId: msg.id };
  } finally {
    await handle.close();
  }
  return {
    driver,
    env: url
      ? { DATABASE_URL: url, PARLEY_DATA_DIR: dataDir }
      : { DATABASE_URL: "", PARLEY_DATA_DIR: dataDir },
    foreign,
    async drop() {
      if (dbName) await admin(`drop database if exists ${dbName} with (force)`);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type SavedMessage = {
  id: string;
  parentId: string | null;
  role: "user" | "assistant" | "system";
  parts: MessagePart[];
  status: MessageStatus;
  error: { code: string; message: string } | null;
  siblingIds: string[];
};
export type SavedConversation = {
  conversation: { id: string; title: string; model: string; currentLeafId: string | null };
  messages: SavedMessage[];
};

export async function readConversation(baseUrl: string, id: string): Promise<SavedConversation> {
  const res = await fetch(`${baseUrl}/api/conversations/${id}`);
  if (!res.ok) throw new Error(`GET conversation ${id}: ${res.status} ${await res.text()}`);
  return (await res.json()) as SavedConversation;
}

export const textOf = (parts: MessagePart[]) =>
  parts
    .filter((p) => p.type === "text")
    .map((p) => p.text)
    .join("");

/**
 * Polls `check` until it returns something truthy, or fails after `timeoutMs`. For waiting on an
 * observable condition (a row changing), never as a sleep.
 */
export async function until<T>(
  check: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A promise with its resolve function, for "this frame arrived" signals from a stream reader. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
