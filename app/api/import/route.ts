import { importChatGptExport, isChatGptExport } from "@/lib/import-export/import-chatgpt";
import { importParleyJson, isParleyExport } from "@/lib/import-export/import-parley";
import { ApiError, handle, readJson, session } from "../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Large ChatGPT histories run to tens of MB; the file is parsed in memory, so cap it. */
export const IMPORT_MAX_BYTES = 100 * 1024 * 1024;

/**
 * Body: the file itself (Parley's export or ChatGPT's conversations.json). All or nothing: a bad
 * file answers 400 with where it is wrong, and nothing is written.
 */
export const POST = handle(async (request: Request) => {
  const data = await readJson(request, IMPORT_MAX_BYTES);
  const { db, userId } = await session(request);
  if (isParleyExport(data))
    return Response.json(await importParleyJson(db, { userId, data }), { status: 201 });
  if (isChatGptExport(data))
    return Response.json(await importChatGptExport(db, { userId, data }), { status: 201 });
  throw new ApiError(
    400,
    "bad_request",
    "This file is neither a Parley export nor ChatGPT's conversations.json.",
  );
});
