"use client";
import { useId } from "react";
import { SharedLinksSection } from "@/components/share/shared-links-section";
import { Button } from "@/components/ui/button";
import { CloseIcon } from "@/components/ui/icons";
import { Modal } from "@/components/ui/modal";
import { useChatStore } from "@/lib/client/chat-store";
import { useRouteConversationId } from "@/lib/client/use-route-conversation";
import { ConversationExportLinks, ExportAllLink } from "./export-links";
import { ImportSection } from "./import-section";

/** Export the open conversation or everything, import a file, manage shared links. Mounted only while open. */
export function DataDialog({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  // The URL names the open conversation; the store knows it a moment earlier on a new chat.
  const routeId = useRouteConversationId();
  const storeId = useChatStore((s) => s.conversationId);
  const conversationId = routeId ?? storeId;
  return (
    <Modal onClose={onClose} aria-labelledby={titleId} data-testid="data-dialog">
      <div className="max-h-[76vh] space-y-5 overflow-y-auto p-4">
        <div className="flex items-center justify-between">
          <h2 id={titleId} className="text-base font-semibold">
            Data and sharing
          </h2>
          <Button variant="ghost" size="icon-sm" aria-label="Close" onClick={onClose}>
            <CloseIcon />
          </Button>
        </div>
        {conversationId && (
          <section className="space-y-2">
            <h3 className="text-sm font-medium">This conversation</h3>
            <ConversationExportLinks conversationId={conversationId} />
          </section>
        )}
        <section className="space-y-2">
          <h3 className="text-sm font-medium">All conversations</h3>
          <p className="text-xs text-fg-muted">
            One JSON file with every conversation, branch and image; it imports back into Parley.
          </p>
          <ExportAllLink />
        </section>
        {/* Opening an imported conversation closes the dialog: the point was to go there. */}
        <ImportSection onOpenConversation={onClose} />
        <SharedLinksSection />
      </div>
    </Modal>
  );
}
