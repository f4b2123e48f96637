import type * as React from "react";
import { cn } from "@/lib/client/cn";

type InputProps = React.ComponentProps<"input"> & {
  /** A shorter field with less padding (the sidebar's rename field). */
  compact?: boolean;
};

/**
 * A styled text field with no width of its own: the caller says how wide (w-full, w-36, flex-1),
 * since cn() joins classes without resolving conflicts and a default width would fight it.
 */
export function Input({ className, compact = false, ...props }: InputProps) {
  return (
    <input
      data-slot="input"
      className={cn(
        "rounded-md border border-border bg-bg text-sm placeholder:text-fg-muted focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none disabled:opacity-50 aria-invalid:border-danger",
        compact ? "h-8 px-2" : "h-9 px-3",
        className,
      )}
      {...props}
    />
  );
}
