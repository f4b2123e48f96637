"use client";
import { useEffect, useRef, useState } from "react";
import { Input } from "@/components/ui/input";

type Props = { initial: string; onSave: (title: string) => void; onCancel: () => void };

/** Inline title editor: Enter or leaving the field saves, Escape cancels, an empty title cancels. */
export function RenameField({ initial, onSave, onCancel }: Props) {
  const [value, setValue] = useState(initial);
  const done = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const finish = (save: boolean) => {
    if (done.current) return; // Enter, then the blur it causes: act once.
    done.current = true;
    const title = value.trim();
    if (save && title && title !== initial) onSave(title);
    else onCancel();
  };
  return (
    <Input
      ref={input}
      data-testid="rename-input"
      aria-label="Conversation title"
      value={value}
      maxLength={200}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => finish(true)}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          finish(true);
        } else if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation(); // Escape here cancels the edit, not the drawer or the stream.
          finish(false);
        }
      }}
      compact
      className="w-full"
    />
  );
}
