import type * as React from "react";
import { cn } from "@/lib/client/cn";

type TextareaProps = React.ComponentProps<"textarea"> & {
  /** No border, background or focus ring: the caller's container draws the frame. */
  bare?: boolean;
  /** Code (JSON and the like): monospace, smaller. */
  code?: boolean;
};

export function Textarea({ className, bare = false, code = false, ...props }: TextareaProps) {
  return (
    <textarea
      data-slot="textarea"
      className={cn(
        "w-full resize-none rounded-md px-3 py-2 placeholder:text-fg-muted focus-visible:outline-none disabled:opacity-50",
        !bare && "border border-border bg-bg focus-visible:ring-2 focus-visible:ring-ring",
        code ? "font-mono text-xs" : "text-sm",
        className,
      )}
      {...props}
    />
  );
}
