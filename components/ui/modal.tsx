"use client";
import { type ComponentProps, useEffect, useRef } from "react";
import { cn } from "@/lib/client/cn";

type ModalProps = ComponentProps<"dialog"> & { onClose: () => void };

/**
 * A modal on the native <dialog> (showModal): the browser keeps focus inside, makes the page
 * behind inert and puts it above everything. Open while mounted; Escape or a click on the
 * backdrop calls onClose, and focus goes back where it was.
 */
export function Modal({ onClose, className, children, ...props }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement as HTMLElement | null;
    dialog.showModal();
    return () => {
      dialog.close();
      previous?.focus?.();
    };
  }, []);
  return (
    // A click whose target is the <dialog> itself landed on the backdrop (the content fills it).
    <dialog
      ref={ref}
      onCancel={(e) => {
        e.preventDefault();
        close.current();
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget) close.current();
      }}
      // Escape closes this dialog and nothing else (not the drawer, not a streaming answer).
      onKeyDown={(e) => {
        if (e.key === "Escape") e.stopPropagation();
      }}
      className={cn(
        "mx-auto mt-[12vh] max-h-[76vh] w-[calc(100%-1.5rem)] max-w-xl overflow-hidden rounded-xl border border-border bg-bg p-0 text-fg shadow-2xl backdrop:bg-black/40",
        className,
      )}
      {...props}
    >
      {children}
    </dialog>
  );
}
