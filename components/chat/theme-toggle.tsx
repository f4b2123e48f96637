"use client";
import { Button } from "@/components/ui/button";
import { MonitorIcon, MoonIcon, SunIcon } from "@/components/ui/icons";
import { type ThemeChoice, useThemeStore } from "@/lib/client/theme-store";

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: "light", light: "dark", dark: "system" };
const LABEL: Record<ThemeChoice, string> = { system: "system", light: "light", dark: "dark" };

/** Cycles system → light → dark. */
export function ThemeToggle() {
  const choice = useThemeStore((s) => s.choice);
  const setChoice = useThemeStore((s) => s.setChoice);
  const Icon = choice === "light" ? SunIcon : choice === "dark" ? MoonIcon : MonitorIcon;
  return (
    <Button
      variant="ghost"
      size="icon"
      data-testid="theme-toggle"
      data-theme={choice}
      aria-label={`Theme: ${LABEL[choice]}. Switch to ${LABEL[NEXT[choice]]}`}
      title={`Theme: ${LABEL[choice]}`}
      onClick={() => setChoice(NEXT[choice])}
    >
      <Icon />
    </Button>
  );
}
