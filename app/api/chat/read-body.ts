import { LIMITS } from "@/lib/validations/chat";

export class BodyTooLargeError extends Error {}

/**
 * Reads a request body up to `LIMITS.bodyBytes`, refusing early from Content-Length when it is
 * declared, and counting bytes otherwise, so an oversized upload is never held in memory whole.
 */
export async function readBodyCapped(request: Request, maxBytes: number = LIMITS.bodyBytes): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new BodyTooLargeError();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel();
      throw new BodyTooLargeError();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
