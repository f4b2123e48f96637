"use client";
import { Button } from "@/components/ui/button";
import { CloseIcon } from "@/components/ui/icons";
import type { Attachment } from "@/lib/client/chat-types";
import { useComposerStore } from "@/lib/client/composer-store";
import { ImageRejectedError, prepareImage } from "@/lib/client/image-downscale";
import { LIMITS } from "@/lib/validations/chat-limits";

/** Checks, downscales and adds image files to the composer; refusals become a notice. */
export async function addImageFiles(files: Iterable<File>): Promise<void> {
  const store = useComposerStore.getState();
  const list = [...files];
  if (list.length === 0) return;
  const room = LIMITS.imagesPerMessage - store.attachments.length;
  const problems: string[] = [];
  if (list.length > room) problems.push(`At most ${LIMITS.imagesPerMessage} images per message.`);
  const added: Attachment[] = [];
  for (const file of list.slice(0, Math.max(0, room))) {
    try {
      added.push(await prepareImage(file));
    } catch (e) {
      problems.push(e instanceof ImageRejectedError ? e.message : `“${file.name}” could not be attached.`);
    }
  }
  const now = useComposerStore.getState();
  now.addAttachments(added);
  now.setNotice(problems.length ? problems.join(" ") : null);
}

function formatBytes(n: number): string {
  return n < 1024 * 1024 ? `${Math.round(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Thumbnails of the images waiting to be sent, each removable. */
export function AttachmentList() {
  const attachments = useComposerStore((s) => s.attachments);
  const remove = useComposerStore((s) => s.removeAttachment);
  if (attachments.length === 0) return null;
  return (
    <ul aria-label="Attached images" className="flex flex-wrap gap-2 px-2 pt-2">
      {attachments.map((a) => (
        <li key={a.id} data-testid="composer-attachment" className="group relative">
          {/* biome-ignore lint/performance/noImgElement: a local data URL */}
          <img
            src={a.url}
            alt={a.name}
            title={`${a.name} · ${a.width}×${a.height} · ${formatBytes(a.bytes)}`}
            className="size-16 rounded-md border border-border object-cover"
          />
          <Button
            variant="secondary"
            size="icon-xs"
            shape="pill"
            aria-label={`Remove ${a.name}`}
            onClick={() => remove(a.id)}
            className="absolute -top-2 -right-2 border border-border"
          >
            <CloseIcon />
          </Button>
        </li>
      ))}
    </ul>
  );
}
