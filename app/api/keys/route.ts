import { z } from "zod";
import { createApiKey, listApiKeys } from "@/lib/db/queries/api-keys";
import { generateApiKey } from "@/lib/usage/api-keys";
import { handle, parse, readJson, session } from "../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `GET /api/keys`: the caller's API keys (prefix, name, dates), never their secrets. */
export const GET = handle(async (request: Request) => {
  const { db, userId } = await session(request);
  return Response.json({ keys: await listApiKeys(db, userId) });
});

const createSchema = z.object({ name: z.string().trim().max(100).default("") });

/** `POST /api/keys {name?}`: a new key. The secret is in this answer only; Parley keeps its hash. */
export const POST = handle(async (request: Request) => {
  const { name } = parse(createSchema, await readJson(request, 4096));
  const { db, userId } = await session(request);
  const made = generateApiKey();
  const key = await createApiKey(db, { userId, name, prefix: made.prefix, hash: made.hash });
  return Response.json(
    { key, secret: made.secret },
    { status: 201, headers: { "Cache-Control": "no-store" } },
  );
});
