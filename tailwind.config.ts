import type { Config } from "tailwindcss";

/**
 * The theme's names (bg-subtle, text-fg-muted, border-border, …). Each maps to a CSS variable set
 * in app/globals.css for light and dark, so switching theme swaps variables, not classes.
 * Loaded by Tailwind 4 through `@config` in app/globals.css.
 */
const color = (name: string) => `var(--c-${name})`;

const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  darkMode: "class",
  theme: {
    extend: {
      colors: {
        bg: color("bg"),
        fg: color("fg"),
        "fg-muted": color("fg-muted"),
        muted: color("muted"),
        subtle: color("subtle"),
        border: color("border"),
        primary: color("primary"),
        "primary-fg": color("primary-fg"),
        ring: color("ring"),
        danger: color("danger"),
        success: color("success"),
        warning: color("warning"),
        "code-bg": color("code-bg"),
      },
    },
  },
};

export default config;
