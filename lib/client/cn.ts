import { type ClassValue, clsx } from "clsx";

/**
 * Joins class names (clsx). It does not resolve Tailwind conflicts: a component never receives a
 * class that fights one of its own (Button's align/shape/size variants, Input's caller-given width,
 * Textarea's bare/code variants), so there is nothing to resolve and no resolver to ship.
 */
export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}
