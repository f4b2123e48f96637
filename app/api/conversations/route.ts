import { z } from "zod";
import { createConversation } from "@/lib/db/queries/conversations";
import { LIST_MAX_LIMIT, listConversations } from "@/lib/db/queries/list-conversations";
import { MODELS } from "@/lib/stream/wire";
import { chatSettingsSchema } from "@/lib/validations/chat";
import { handle, parse, parseQuery, readJson, session } from "../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const flag = z.enum(["1", "0", "true", "false"]).transform((v) => v === "1" || v === "true");

const listQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(LIST_MAX_LIMIT).optional(),
  archived: flag.optional(),
  pinned: flag.optional(),
});

/** The sidebar's pages: `{ items, nextCursor }`, newest activity first. */
export const GET = handle(async (request: Request) => {
  const q = parseQuery(listQuery, request);
  const { db, userId } = await session(request);
  return Response.json(await listConversations(db, { userId, ...q }));
});

const createBody = z.object({
  model: z.enum(MODELS),
  settings: chatSettingsSchema.optional(),
  title: z.string().max(200).optional(),
});

export const POST = handle(async (request: Request) => {
  const body = parse(createBody, await readJson(request));
  const { db, userId } = await session(request);
  return Response.json(await createConversation(db, { userId, ...body }), { status: 201 });
});
