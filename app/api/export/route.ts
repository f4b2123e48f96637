import { exportAll } from "@/lib/import-export/export";
import { attachmentDisposition, handle, session } from "../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Everything the user has (images included) as one JSON file that /api/import takes back. */
export const GET = handle(async (request: Request) => {
  const { db, userId } = await session(request);
  const data = await exportAll(db, { userId });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(data), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": attachmentDisposition(`parley-export-${day}.json`),
      "Cache-Control": "private, no-store",
    },
  });
});
