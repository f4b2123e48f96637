import type * as React from "react";
import { cn } from "@/lib/client/cn";

/** A styled native select: keyboard and screen-reader behaviour come from the browser. */
export function Select({ className, ...props }: React.ComponentProps<"select">) {
  return (
    <select
      data-slot="select"
      className={cn(
        "h-9 rounded-md border border-border bg-bg px-2 text-sm focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none disabled:opacity-50",
        className,
      )}
      {...props}
    />
  );
}
