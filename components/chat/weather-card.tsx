"use client";
import { memo } from "react";
import type { WeatherResult } from "@/lib/tools/results";
import { ToolCardFrame, type ToolCardProps } from "./tool-call-card";

function parse(result: string | undefined): Partial<WeatherResult> | null {
  if (!result) return null;
  try {
    const v = JSON.parse(result) as unknown;
    return v && typeof v === "object" && "temperature" in v ? (v as Partial<WeatherResult>) : null;
  } catch {
    return null;
  }
}

/** get_weather: the generic card plus a one-line summary of the current weather. */
export const WeatherCard = memo(function WeatherCard({ part }: ToolCardProps) {
  const w = part.status === "done" ? parse(part.result) : null;
  const summary = w ? (
    <p data-testid="weather-summary" className="text-sm">
      <span className="font-medium">{[w.city, w.country].filter(Boolean).join(", ")}: </span>
      {w.temperature}
      {w.units?.temperature ?? "°C"}
      {w.conditions && `, ${w.conditions.toLowerCase()}`}
      {w.wind_speed !== undefined && `, wind ${w.wind_speed} ${w.units?.wind_speed ?? "km/h"}`}
    </p>
  ) : null;
  return <ToolCardFrame part={part} summary={summary} />;
});
