import { z } from "zod";
import {
  getConversation,
  renameConversation,
  restoreConversation,
  setArchived,
  setPinned,
  softDeleteConversation,
  TITLE_MAX_CHARS,
  updateConversationSettings,
} from "@/lib/db/queries/conversations";
import { listMessages, MESSAGES_MAX_LIMIT } from "@/lib/db/queries/list-messages";
import { switchBranch } from "@/lib/db/queries/message-path";
import { MODELS } from "@/lib/stream/wire";
import { chatSettingsSchema } from "@/lib/validations/chat";
import { ApiError, handle, notFoundError, parse, parseQuery, readJson, session } from "../../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

const getQuery = z.object({ limit: z.coerce.number().int().min(1).max(MESSAGES_MAX_LIMIT).optional() });

/** The conversation and its latest page of messages (older pages: ./messages?before=). */
export const GET = handle(async (request: Request, { params }: Ctx) => {
  const { id } = await params;
  const { limit } = parseQuery(getQuery, request);
  const { db, userId } = await session(request);
  const conversation = await getConversation(db, { userId, conversationId: id });
  if (!conversation) throw notFoundError();
  const page = await listMessages(db, { userId, conversationId: id, limit });
  return Response.json({ conversation, ...page });
});

const patchBody = z
  .object({
    title: z.string().trim().min(1).max(TITLE_MAX_CHARS).optional(),
    pinned: z.boolean().optional(),
    archived: z.boolean().optional(),
    /** Show the branch through this message (the "2 / 3" switcher). */
    branchMessageId: z.uuid().optional(),
    model: z.enum(MODELS).optional(),
    settings: chatSettingsSchema.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), "nothing to change");

export const PATCH = handle(async (request: Request, { params }: Ctx) => {
  const { id } = await params;
  const body = parse(patchBody, await readJson(request));
  const { db, userId } = await session(request);
  const ids = { userId, conversationId: id };
  if (!(await getConversation(db, ids))) throw notFoundError();
  if (body.title !== undefined) await renameConversation(db, { ...ids, title: body.title });
  if (body.pinned !== undefined) await setPinned(db, { ...ids, pinned: body.pinned });
  if (body.archived !== undefined) await setArchived(db, { ...ids, archived: body.archived });
  if (body.model !== undefined || body.settings !== undefined) {
    await updateConversationSettings(db, { ...ids, model: body.model, settings: body.settings });
  }
  if (body.branchMessageId) await switchBranch(db, { ...ids, messageId: body.branchMessageId });
  const conversation = await getConversation(db, ids);
  if (!conversation) throw notFoundError();
  return Response.json({ conversation });
});

/** Soft delete; `POST ?action=restore` undoes it. */
export const DELETE = handle(async (request: Request, { params }: Ctx) => {
  const { id } = await params;
  const { db, userId } = await session(request);
  if (!(await softDeleteConversation(db, { userId, conversationId: id }))) throw notFoundError();
  return Response.json({ ok: true });
});

export const POST = handle(async (request: Request, { params }: Ctx) => {
  const { id } = await params;
  if (new URL(request.url).searchParams.get("action") !== "restore") {
    throw new ApiError(400, "bad_request", "Unknown action (expected ?action=restore).");
  }
  const { db, userId } = await session(request);
  if (!(await restoreConversation(db, { userId, conversationId: id }))) throw notFoundError();
  const conversation = await getConversation(db, { userId, conversationId: id });
  return Response.json({ conversation });
});
