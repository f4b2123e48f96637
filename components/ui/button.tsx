import { cva, type VariantProps } from "class-variance-authority";
import type * as React from "react";
import { cn } from "@/lib/client/cn";

export const buttonVariants = cva(
  "inline-flex items-center gap-1.5 font-medium whitespace-nowrap transition-colors outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-1 focus-visible:ring-offset-bg disabled:pointer-events-none disabled:opacity-50 [&_svg]:size-4 [&_svg]:shrink-0",
  {
    variants: {
      variant: {
        default: "bg-primary text-primary-fg hover:bg-primary/90",
        secondary: "bg-muted text-fg hover:bg-muted/70",
        outline: "border border-border bg-bg hover:bg-muted",
        ghost: "hover:bg-muted",
        destructive: "bg-danger text-white hover:bg-danger/90",
        link: "text-primary underline-offset-4 hover:underline",
      },
      // Each size sets its own text size, so none fights the base.
      size: {
        default: "h-9 px-3 text-sm",
        sm: "h-7 px-2 text-xs",
        lg: "h-10 px-5 text-sm",
        icon: "size-9 text-sm",
        "icon-sm": "size-7 text-sm",
        "icon-xs": "size-6 text-sm",
      },
      // Variants rather than caller classes: cn() joins classes without resolving conflicts, so a
      // caller's justify-start or rounded-full would fight the default instead of replacing it.
      align: {
        center: "justify-center",
        start: "justify-start",
      },
      shape: {
        rounded: "rounded-md",
        pill: "rounded-full",
      },
      // In a flex row: keep its own size, or take the room left (flex-1 would fight shrink-0).
      fill: {
        false: "shrink-0",
        true: "flex-1",
      },
    },
    defaultVariants: { variant: "default", size: "default", align: "center", shape: "rounded", fill: false },
  },
);

export type ButtonProps = React.ComponentProps<"button"> & VariantProps<typeof buttonVariants>;

export function Button({
  className,
  variant,
  size,
  align,
  shape,
  fill,
  type = "button",
  ...props
}: ButtonProps) {
  return (
    <button
      data-slot="button"
      type={type}
      className={cn(buttonVariants({ variant, size, align, shape, fill }), className)}
      {...props}
    />
  );
}
