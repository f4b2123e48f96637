import type { Config } from "tailwindcss";

// Tailwind 4 reads its theme from CSS (app/globals.css, via @config); this file keeps the content
// globs and the class-based dark mode in one typed place.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  darkMode: "class",
  theme: { extend: {} },
};

export default config;
