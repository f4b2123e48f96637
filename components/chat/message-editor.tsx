"use client";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { editAndResend } from "@/lib/client/branch-actions";
import type { ChatMessage } from "@/lib/client/chat-types";
import { useEditStore } from "@/lib/client/edit-store";
import { LIMITS } from "@/lib/validations/chat-limits";

function textOf(m: ChatMessage): string {
  return m.parts
    .filter((p) => p.type === "text")
    .map((p) => p.text)
    .join("");
}

/**
 * Edits a question in place. "Save & submit" sends it as a new version beside the original (its
 * images go along); Escape or Cancel leaves everything as it was.
 */
export function MessageEditor({ message }: { message: ChatMessage }) {
  const [text, setText] = useState(() => textOf(message));
  const stopEditing = useEditStore((s) => s.stopEditing);
  const field = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  useEffect(() => {
    const el = field.current;
    el?.focus();
    el?.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const submit = () => {
    if (text.trim()) void editAndResend(message.id, text);
  };
  return (
    <form
      data-testid="message-editor"
      className="w-full max-w-[85%] rounded-2xl border border-border bg-bg p-2"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor={id} className="sr-only">
        Edit your message
      </label>
      <Textarea
        ref={field}
        id={id}
        data-testid="edit-input"
        value={text}
        maxLength={LIMITS.textChars}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            submit();
          } else if (e.key === "Escape") {
            e.preventDefault();
            e.stopPropagation();
            stopEditing();
          }
        }}
        bare
        className="field-sizing-content max-h-80 min-h-16"
      />
      <div className="flex justify-end gap-2">
        <Button variant="ghost" size="sm" onClick={stopEditing}>
          Cancel
        </Button>
        <Button type="submit" size="sm" data-testid="edit-submit" disabled={!text.trim()}>
          Save &amp; submit
        </Button>
      </div>
    </form>
  );
}
