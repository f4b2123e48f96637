import { saveAttachment } from "@/lib/db/queries/attachments";
import { ATTACHMENT_MAX_BYTES } from "@/lib/db/schema";
import { ApiError, handle, readBytes, session } from "../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Room for multipart boundaries and headers around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

async function fileBytes(request: Request): Promise<Uint8Array> {
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("image/") || type === "application/octet-stream") {
    return readBytes(request, ATTACHMENT_MAX_BYTES);
  }
  if (type.startsWith("multipart/form-data")) {
    // Refuse from the declared length before formData() buffers the body.
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (declared > ATTACHMENT_MAX_BYTES + MULTIPART_OVERHEAD) {
      throw new ApiError(413, "too_large", "Images are limited to 5 MB.");
    }
    const file = (await request.formData()).get("file");
    if (!(file instanceof Blob)) throw new ApiError(400, "bad_request", 'Send the image in a "file" field.');
    if (file.size > ATTACHMENT_MAX_BYTES) throw new ApiError(413, "too_large", "Images are limited to 5 MB.");
    return new Uint8Array(await file.arrayBuffer());
  }
  throw new ApiError(415, "unsupported_media_type", "Upload an image (PNG, JPEG, WebP or GIF).");
}

/**
 * Upload one image: the raw bytes (Content-Type image/…) or multipart with a "file" field.
 * Answers `{ id, url, mediaType, bytes }`; message parts keep `url`, never a data URL.
 */
export const POST = handle(async (request: Request) => {
  const data = await fileBytes(request);
  const { db, userId } = await session(request);
  return Response.json(await saveAttachment(db, { userId, data }), { status: 201 });
});
