"use client";
import { memo, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { WrenchIcon } from "@/components/ui/icons";
import type { MessagePart, ToolCallStatus } from "@/lib/stream/message-parts";
import { BUILTIN_TOOL_LABELS, type BuiltinToolName } from "@/lib/tools/catalog";
import { ToolApproval } from "./tool-approval";

export type ToolCallPart = Extract<MessagePart, { type: "tool-call" }>;
export type ToolCardProps = { part: ToolCallPart };

const STATUS_TONE = {
  calling: "info",
  "awaiting-approval": "neutral",
  running: "info",
  done: "success",
  error: "danger",
} as const;
const STATUS_LABEL: Record<ToolCallStatus, string> = {
  calling: "calling",
  "awaiting-approval": "waiting for you",
  running: "running",
  done: "done",
  error: "error",
};

/** JSON text → pretty-printed, or null while it is still incomplete. */
export function prettyJson(text: string | undefined): string | null {
  if (!text) return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}

export function toolLabel(name: string): string {
  return BUILTIN_TOOL_LABELS[name as BuiltinToolName] ?? name;
}

/**
 * The frame every tool card shares: name, status, duration, arguments (raw while they stream,
 * formatted once complete) and a collapsible result. Tool-specific cards pass a `summary`.
 */
export function ToolCardFrame({ part, summary }: ToolCardProps & { summary?: ReactNode }) {
  const args = prettyJson(part.arguments);
  const result = prettyJson(part.result) ?? part.result;
  return (
    <section
      data-testid="tool-call"
      data-tool-name={part.name}
      data-status={part.status}
      aria-label={`Tool call: ${toolLabel(part.name)}, ${STATUS_LABEL[part.status]}`}
      className="min-w-0 flex-1 basis-64 rounded-lg border border-border bg-subtle text-sm"
    >
      <header className="flex flex-wrap items-center gap-2 border-b border-border px-3 py-2">
        <WrenchIcon className="text-fg-muted" />
        <span className="font-medium">{toolLabel(part.name)}</span>
        <code className="text-xs text-fg-muted">{part.name}</code>
        <Badge tone={STATUS_TONE[part.status]} data-testid="tool-status" className="ml-auto">
          {(part.status === "calling" || part.status === "running") && (
            <span className="size-1.5 animate-pulse rounded-full bg-current" aria-hidden="true" />
          )}
          {STATUS_LABEL[part.status]}
        </Badge>
        {part.durationMs !== undefined && (
          <span data-testid="tool-duration" className="text-xs text-fg-muted tabular-nums">
            {part.durationMs < 1000
              ? `${Math.round(part.durationMs)} ms`
              : `${(part.durationMs / 1000).toFixed(1)} s`}
          </span>
        )}
      </header>
      <div className="space-y-2 px-3 py-2">
        <pre
          data-testid="tool-arguments"
          data-complete={args ? "true" : "false"}
          className="overflow-x-auto rounded bg-code-bg p-2 font-mono text-xs whitespace-pre-wrap"
        >
          {args ?? (part.arguments || " ")}
        </pre>
        {part.status === "awaiting-approval" && part.awaiting && (
          <ToolApproval callId={part.id} awaiting={part.awaiting} />
        )}
        {summary}
        {result !== undefined && (
          <details className="group" open={part.status === "error"}>
            <summary className="cursor-pointer text-xs font-medium text-fg-muted select-none hover:text-fg">
              Result
            </summary>
            <pre
              data-testid="tool-result"
              className="mt-1 max-h-72 overflow-auto rounded bg-code-bg p-2 font-mono text-xs whitespace-pre-wrap"
            >
              {result}
            </pre>
          </details>
        )}
      </div>
    </section>
  );
}

/** The fallback for tools without a card of their own. */
export const GenericToolCard = memo(function GenericToolCard({ part }: ToolCardProps) {
  return <ToolCardFrame part={part} />;
});
