"use client";
import { useState } from "react";
import { ImageIcon } from "@/components/ui/icons";
import { safeImageSrc } from "./safe-url";

/**
 * An image the model linked to. Nothing is fetched until the user asks: loading a remote image
 * tells its host that someone read this answer (and when).
 */
export function RemoteImage({ src, alt }: { src: string; alt: string }) {
  const [load, setLoad] = useState(false);
  const url = safeImageSrc(src);
  if (!url) return <span>{alt ? `[image: ${alt}]` : "[image]"}</span>;
  const host = new URL(url).host;
  if (load) {
    return (
      // biome-ignore lint/performance/noImgElement: an arbitrary remote image the user chose to load
      <img src={url} alt={alt} referrerPolicy="no-referrer" className="my-2 max-h-96 max-w-full rounded" />
    );
  }
  return (
    <button
      type="button"
      data-testid="remote-image"
      onClick={() => setLoad(true)}
      className="my-1 inline-flex items-center gap-2 rounded-md border border-dashed border-border px-2 py-1 text-left text-xs text-fg-muted hover:bg-muted"
    >
      <ImageIcon />
      <span>
        Load image{alt ? ` “${alt}”` : ""} from {host}
      </span>
    </button>
  );
}
