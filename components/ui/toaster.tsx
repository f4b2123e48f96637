"use client";
import { useEffect } from "react";
import { cn } from "@/lib/client/cn";
import { type Toast, useToastStore } from "@/lib/client/toast-store";
import { Button } from "./button";
import { CloseIcon } from "./icons";

/** Long enough to reach Undo after reading the notice; hovering or focusing does not extend it. */
const TOAST_MS = 8000;

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useToastStore((s) => s.dismiss);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast.id, dismiss]);
  return (
    <div
      data-testid="toast"
      className={cn(
        "pointer-events-auto flex w-full max-w-sm items-center gap-2 rounded-lg border bg-bg py-2 pr-2 pl-3 text-sm shadow-lg",
        toast.tone === "error" ? "border-danger text-danger" : "border-border",
      )}
    >
      <span className="min-w-0 flex-1 truncate">{toast.message}</span>
      {toast.action && (
        <Button
          size="sm"
          variant="secondary"
          data-testid={toast.action.testId}
          onClick={() => {
            toast.action?.run();
            dismiss(toast.id);
          }}
        >
          {toast.action.label}
        </Button>
      )}
      <Button variant="ghost" size="icon-sm" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
        <CloseIcon />
      </Button>
    </div>
  );
}

/** Where toasts appear: a polite live region, so screen readers announce them. */
export function Toaster() {
  const toasts = useToastStore((s) => s.toasts);
  return (
    <section
      aria-label="Notifications"
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 bottom-20 z-50 flex flex-col items-center gap-2 px-3"
    >
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </section>
  );
}
