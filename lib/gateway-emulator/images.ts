import type { WireMessage } from "@/lib/stream/wire";

/**
 * What the emulator "sees" in attached images: how many, and how big (bytes decoded from a data
 * URL) or where from (the host of an https URL). Enough for a test to prove the image arrived.
 */
export type ImageInfo = { kind: "data"; mime: string; bytes: number } | { kind: "url"; host: string };

export function imagesIn(message: WireMessage | undefined): ImageInfo[] {
  if (!message || !Array.isArray(message.content)) return [];
  const out: ImageInfo[] = [];
  for (const part of message.content) {
    if (part.type !== "image_url") continue;
    const url = part.image_url.url;
    const data = /^data:([^;,]+);base64,(.*)$/s.exec(url);
    if (data) {
      const b64 = data[2]!.replace(/\s+/g, "");
      const padding = b64.endsWith("==") ? 2 : b64.endsWith("=") ? 1 : 0;
      out.push({
        kind: "data",
        mime: data[1]!,
        bytes: Math.max(0, Math.floor((b64.length * 3) / 4) - padding),
      });
    } else {
      let host = "an unknown host";
      try {
        host = new URL(url).host;
      } catch {
        // validation already rejected non-URLs; keep the fallback wording
      }
      out.push({ kind: "url", host });
    }
  }
  return out;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** One sentence naming each image, e.g. "You attached 2 images: a PNG of about 1.2 KB, and …". */
export function describeImages(images: ImageInfo[]): string {
  if (images.length === 0) return "";
  const each = images.map((img, i) =>
    img.kind === "data"
      ? `image ${i + 1} is a ${img.mime.replace(/^image\//, "").toUpperCase()} of about ${formatBytes(img.bytes)}`
      : `image ${i + 1} is linked from ${img.host}`,
  );
  const noun = images.length === 1 ? "1 image" : `${images.length} images`;
  return `You attached ${noun}: ${each.join("; ")}.`;
}
