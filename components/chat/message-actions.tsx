"use client";
import { Button } from "@/components/ui/button";
import { PencilIcon, RefreshIcon } from "@/components/ui/icons";
import { regenerate, savedIdOf } from "@/lib/client/branch-actions";
import { continueAnswer } from "@/lib/client/chat-actions";
import { useChatStore } from "@/lib/client/chat-store";
import type { ChatMessage } from "@/lib/client/chat-types";
import { cn } from "@/lib/client/cn";
import { useEditStore } from "@/lib/client/edit-store";
import { MODEL_INFO, useModelStore } from "@/lib/client/model-store";
import { MODELS } from "@/lib/stream/wire";
import { BranchSwitcher } from "./branch-switcher";

/**
 * Under a saved message: the version switcher, Edit (questions) or Regenerate, with the same or
 * the other model (answers). Nothing while it is streaming; disabled while any turn streams.
 */
export function MessageActions({ message }: { message: ChatMessage }) {
  const busy = useChatStore((s) => s.activeId !== null);
  const model = useModelStore((s) => s.model);
  const startEditing = useEditStore((s) => s.startEditing);
  if (message.status === "streaming" || !savedIdOf(message)) return null;
  const other = MODELS.find((m) => m !== (message.model ?? model)) ?? MODELS[0];
  const hasText = message.parts.some((p) => p.type === "text" && p.text.trim());
  // An answer that ended early can be carried on from where it stopped, into the same message.
  const cut =
    message.status === "stopped" ||
    message.status === "interrupted" ||
    message.meta?.finishReason === "length" ||
    (message.status === "error" &&
      ["stream_cut", "stalled", "interrupted"].includes(message.meta?.error?.code ?? ""));
  const canContinue = message.role === "assistant" && hasText && cut;
  return (
    <div
      className={cn(
        "mt-1 flex items-center gap-1",
        // Out of the way until the message is hovered or focused (always on touch screens).
        "opacity-60 transition-opacity group-focus-within/message:opacity-100 group-hover/message:opacity-100 [@media(hover:none)]:opacity-100",
      )}
    >
      {message.branch && <BranchSwitcher branch={message.branch} role={message.role} disabled={busy} />}
      {message.role === "user" ? (
        <Button
          variant="ghost"
          size="icon-sm"
          data-testid="edit-message"
          aria-label="Edit message"
          title="Edit"
          disabled={busy}
          onClick={() => startEditing(message.id)}
        >
          <PencilIcon />
        </Button>
      ) : (
        <>
          {canContinue && (
            <Button
              variant="ghost"
              size="sm"
              data-testid="continue-answer"
              aria-label="Continue the answer"
              disabled={busy}
              onClick={() => void continueAnswer(message.id)}
            >
              Continue
            </Button>
          )}
          <Button
            variant="ghost"
            size="sm"
            data-testid="regenerate"
            aria-label="Regenerate answer"
            disabled={busy}
            onClick={() => void regenerate(message.id, message.model)}
          >
            <RefreshIcon />
            Regenerate
          </Button>
          <Button
            variant="ghost"
            size="sm"
            data-testid="regenerate-other-model"
            data-model={other}
            aria-label={`Regenerate with ${MODEL_INFO[other].label}`}
            disabled={busy}
            onClick={() => void regenerate(message.id, other)}
          >
            with {MODEL_INFO[other].label}
          </Button>
        </>
      )}
    </div>
  );
}
