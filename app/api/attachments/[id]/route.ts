import { getAttachment } from "@/lib/db/queries/attachments";
import { handle, notFoundError, session } from "../../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The owner's image. Content never changes under an id, so the browser may keep it. */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const { db, userId } = await session(request);
  const file = await getAttachment(db, { userId, id });
  if (!file) throw notFoundError("image");
  return new Response(Buffer.from(file.data), {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.bytes),
      "Cache-Control": "private, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Disposition": "inline",
    },
  });
});
