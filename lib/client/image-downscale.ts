"use client";
import { LIMITS } from "@/lib/validations/chat-limits";
import { type Attachment, newId } from "./chat-types";

export const ACCEPTED_IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;
/** Files larger than this are refused before any work is done. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
/** Longest edge sent to the model; larger images are scaled down in the browser. */
export const MAX_IMAGE_EDGE = 1568;
/** Images already below this size and edge are sent as they are. */
const KEEP_AS_IS_BYTES = 1_500_000;

export class ImageRejectedError extends Error {}

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("could not read the file"));
    reader.readAsDataURL(blob);
  });
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/**
 * Checks type and size, then scales the image so its longest edge is at most MAX_IMAGE_EDGE.
 * Throws ImageRejectedError with a sentence for the user when the file can't be used.
 */
export async function prepareImage(file: File): Promise<Attachment> {
  if (!(ACCEPTED_IMAGE_TYPES as readonly string[]).includes(file.type)) {
    throw new ImageRejectedError(`“${file.name}” is not a PNG, JPEG, WebP or GIF image.`);
  }
  if (file.size > MAX_IMAGE_BYTES) {
    throw new ImageRejectedError(
      `“${file.name}” is ${formatMb(file.size)}; images can be at most ${formatMb(MAX_IMAGE_BYTES)}.`,
    );
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new ImageRejectedError(`“${file.name}” could not be read as an image.`);
  }
  const { width, height } = bitmap;
  const scale = Math.min(1, MAX_IMAGE_EDGE / Math.max(width, height));
  let blob: Blob = file;
  let w = width;
  let h = height;
  if (scale < 1 || file.size > KEEP_AS_IS_BYTES) {
    w = Math.max(1, Math.round(width * scale));
    h = Math.max(1, Math.round(height * scale));
    const canvas = document.createElement("canvas");
    canvas.width = w;
    canvas.height = h;
    canvas.getContext("2d")?.drawImage(bitmap, 0, 0, w, h);
    const type = file.type === "image/jpeg" ? "image/jpeg" : "image/webp";
    blob = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("encode failed"))), type, 0.85),
    );
  }
  bitmap.close();
  const url = await readAsDataUrl(blob);
  if (url.length > LIMITS.imageUrlChars) {
    throw new ImageRejectedError(`“${file.name}” is still too large after scaling down.`);
  }
  return {
    id: newId("img"),
    name: file.name,
    url,
    mediaType: blob.type || file.type,
    bytes: blob.size,
    width: w,
    height: h,
  };
}
