"use client";
import { type ClipboardEvent, type DragEvent, type KeyboardEvent, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { PaperclipIcon, SendIcon, StopIcon } from "@/components/ui/icons";
import { Textarea } from "@/components/ui/textarea";
import { preloadTurns, sendMessage, stopStreaming } from "@/lib/client/chat-actions";
import { useChatStore } from "@/lib/client/chat-store";
import { cn } from "@/lib/client/cn";
import { useComposerStore } from "@/lib/client/composer-store";
import { ACCEPTED_IMAGE_TYPES } from "@/lib/client/image-downscale";
import { LIMITS } from "@/lib/validations/chat-limits";
import { AttachmentList, addImageFiles } from "./attachments";

/** Message input: Enter sends, Shift+Enter breaks the line; images by paste, drop or picker. */
export function Composer() {
  const draft = useComposerStore((s) => s.draft);
  const setDraft = useComposerStore((s) => s.setDraft);
  const notice = useComposerStore((s) => s.notice);
  const hasAttachments = useComposerStore((s) => s.attachments.length > 0);
  const streaming = useChatStore((s) => s.activeId !== null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const canSend = !streaming && (draft.trim().length > 0 || hasAttachments);

  const send = () => {
    if (!canSend) return;
    const { draft: text, attachments, clear } = useComposerStore.getState();
    clear();
    void sendMessage(text, attachments);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };
  const onPaste = (e: ClipboardEvent) => {
    const files = [...e.clipboardData.files].filter((f) => f.type.startsWith("image/"));
    if (files.length) {
      e.preventDefault();
      void addImageFiles(files);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void addImageFiles(e.dataTransfer.files);
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      className="mx-auto w-full max-w-3xl px-3 pb-3 sm:px-4"
    >
      <div
        className={cn(
          "rounded-xl border bg-bg shadow-sm focus-within:ring-2 focus-within:ring-ring",
          dragging ? "border-primary ring-2 ring-primary" : "border-border",
        )}
      >
        <AttachmentList />
        <label htmlFor="composer-input" className="sr-only">
          Message
        </label>
        <Textarea
          id="composer-input"
          data-testid="composer-input"
          value={draft}
          // About to send: have the send/stream machinery (loaded on demand) ready by then.
          onFocus={preloadTurns}
          onChange={(e) => {
            preloadTurns();
            setDraft(e.target.value);
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          maxLength={LIMITS.textChars}
          rows={1}
          placeholder="Message Parley…"
          aria-describedby="composer-hint"
          bare
          className="field-sizing-content max-h-60 min-h-11"
        />
        <div className="flex items-center gap-2 px-2 pb-2">
          <input
            ref={fileInput}
            type="file"
            accept={ACCEPTED_IMAGE_TYPES.join(",")}
            multiple
            hidden
            data-testid="file-input"
            onChange={(e) => {
              if (e.target.files) void addImageFiles(e.target.files);
              e.target.value = "";
            }}
          />
          <Button
            variant="ghost"
            size="icon-sm"
            aria-label="Attach images"
            onClick={() => fileInput.current?.click()}
          >
            <PaperclipIcon />
          </Button>
          <span id="composer-hint" className="mr-auto hidden text-xs text-fg-muted sm:inline">
            Enter to send · Shift+Enter for a new line{streaming ? " · Esc to stop" : ""}
          </span>
          {streaming ? (
            <Button
              data-testid="stop-button"
              variant="secondary"
              size="sm"
              onClick={stopStreaming}
              aria-label="Stop the answer"
            >
              <StopIcon />
              Stop
            </Button>
          ) : (
            <Button
              type="submit"
              data-testid="send-button"
              size="sm"
              disabled={!canSend}
              aria-label="Send message"
            >
              <SendIcon />
              Send
            </Button>
          )}
        </div>
      </div>
      {notice && (
        <p role="alert" data-testid="composer-notice" className="mt-1 text-xs text-danger">
          {notice}
        </p>
      )}
    </form>
  );
}
