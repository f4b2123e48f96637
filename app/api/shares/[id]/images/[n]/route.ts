import { getDb } from "@/lib/db/client";
import { getSharedImage } from "@/lib/db/queries/shares";
import { handle, notFoundError } from "../../../../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string; n: string }> };

/**
 * An image of a shared conversation, for anyone holding the link, while the link is live. Not
 * cached beyond revalidation: a revoked link must stop serving its images too.
 */
export const GET = handle(async (_request: Request, { params }: Ctx) => {
  const { id, n } = await params;
  const index = /^\d{1,4}$/.test(n) ? Number(n) : -1;
  const file = index < 0 ? null : await getSharedImage(await getDb(), { shareId: id, n: index });
  if (!file) throw notFoundError("image");
  return new Response(Buffer.from(file.data), {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.bytes),
      "Cache-Control": "private, no-cache",
      "X-Content-Type-Options": "nosniff",
      "Content-Disposition": "inline",
    },
  });
});
