"use client";
import type { ComponentType } from "react";
import { GenericToolCard, type ToolCallPart, type ToolCardProps } from "./tool-call-card";
import { WeatherCard } from "./weather-card";

/**
 * Tool name → card. A new tool gets its own card by adding one entry here; anything not listed
 * uses the generic card.
 */
export const TOOL_CARDS: Record<string, ComponentType<ToolCardProps>> = {
  get_weather: WeatherCard,
};

export function ToolCard({ part }: { part: ToolCallPart }) {
  const Card = TOOL_CARDS[part.name] ?? GenericToolCard;
  return <Card part={part} />;
}

/** Calls made in one step (parallel calls) side by side, wrapping on narrow screens. */
export function ToolCallGroup({ parts }: { parts: ToolCallPart[] }) {
  return (
    <div data-testid="tool-call-group" className="my-2 flex flex-wrap gap-2">
      {parts.map((p) => (
        <ToolCard key={p.id} part={p} />
      ))}
    </div>
  );
}
