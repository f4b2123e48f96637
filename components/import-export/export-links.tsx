import { buttonVariants } from "@/components/ui/button";
import { DownloadIcon } from "@/components/ui/icons";

/**
 * Downloads are plain links: the routes answer with Content-Disposition: attachment, so the
 * browser saves the file as it streams in, however large, with no copy held in page memory.
 */
function DownloadLink({ href, testId, children }: { href: string; testId: string; children: string }) {
  return (
    <a
      href={href}
      download
      data-testid={testId}
      className={buttonVariants({ variant: "outline", size: "sm" })}
    >
      <DownloadIcon />
      {children}
    </a>
  );
}

export const conversationExportUrl = (id: string, format: "md" | "json") =>
  `/api/conversations/${encodeURIComponent(id)}/export?format=${format}`;

/** Markdown: the branch on screen, for reading. JSON: every branch, and it imports back. */
export function ConversationExportLinks({ conversationId }: { conversationId: string }) {
  return (
    <div className="flex flex-wrap gap-2">
      <DownloadLink href={conversationExportUrl(conversationId, "md")} testId="export-markdown">
        Export as Markdown
      </DownloadLink>
      <DownloadLink href={conversationExportUrl(conversationId, "json")} testId="export-json">
        Export as JSON
      </DownloadLink>
    </div>
  );
}

export function ExportAllLink() {
  return (
    <DownloadLink href="/api/export" testId="export-all">
      Export everything
    </DownloadLink>
  );
}
