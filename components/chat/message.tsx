"use client";
import { memo } from "react";
import { useChatStore } from "@/lib/client/chat-store";
import { cn } from "@/lib/client/cn";
import { useEditStore } from "@/lib/client/edit-store";
import { ContextNote } from "./context-note";
import { MessageEditor, MessageError } from "./late-parts";
import { MessageActions } from "./message-actions";
import { MessageFooter } from "./message-footer";
import { MessageParts } from "./message-parts";

/** One message, read from the store by id: a streaming update re-renders only this message. */
export const Message = memo(function Message({ id }: { id: string }) {
  const message = useChatStore((s) => s.byId[id]);
  const editing = useEditStore((s) => s.editingId === id);
  if (!message) return null;
  const { role, parts, status, meta } = message;
  const streaming = status === "streaming";
  const dataStatus = status === "interrupted" ? "error" : status;
  const error = meta?.error ?? null;
  const waiting = streaming && parts.length === 0;
  return (
    <article
      data-testid="message"
      data-message-id={id}
      data-role={role}
      data-status={dataStatus}
      aria-label={role === "user" ? "You said" : "Assistant answered"}
      aria-busy={streaming}
      className={cn("group/message flex w-full flex-col", role === "user" ? "items-end" : "items-start")}
    >
      {editing ? (
        <MessageEditor message={message} />
      ) : (
        <div
          className={cn(
            "min-w-0",
            role === "user"
              ? "max-w-[85%] rounded-2xl bg-muted px-4 py-2"
              : "w-full max-w-full text-[15px] leading-relaxed",
          )}
        >
          {role === "assistant" && meta?.droppedMessages ? (
            <ContextNote dropped={meta.droppedMessages} />
          ) : null}
          {waiting && (
            <p data-testid="message-waiting" className="animate-pulse text-sm text-fg-muted">
              Waiting for the model…
            </p>
          )}
          <MessageParts parts={parts} streaming={streaming} role={role} jsonMode={message.jsonMode} />
          {role === "assistant" && error && <MessageError error={error} messageId={id} />}
          {role === "assistant" && !streaming && (
            <MessageFooter meta={meta} status={status} parts={parts} model={message.model} />
          )}
        </div>
      )}
      {!editing && <MessageActions message={message} />}
    </article>
  );
});
