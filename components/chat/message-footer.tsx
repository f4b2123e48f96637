"use client";
import { memo } from "react";
import { MODEL_INFO } from "@/lib/client/model-store";
import { endReason } from "@/lib/stream/end-reason";
import type { MessageMeta, MessagePart, MessageStatus } from "@/lib/stream/message-parts";
import type { ModelId } from "@/lib/stream/wire";

function ms(v: number): string {
  return v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toFixed(2)} s`;
}

type FooterProps = { meta?: MessageMeta; status: MessageStatus; parts: MessagePart[]; model?: ModelId };

/** Model, tokens in/out, time to first token, tokens per second and why it ended. */
export const MessageFooter = memo(function MessageFooter({ meta, status, parts, model }: FooterProps) {
  const usage = meta?.usage;
  const modelId = (meta?.model ?? model) as ModelId | undefined;
  const generating =
    meta?.totalMs !== undefined && meta.ttftMs !== undefined ? meta.totalMs - meta.ttftMs : undefined;
  const tps =
    usage?.completion_tokens && generating && generating >= 100
      ? usage.completion_tokens / (generating / 1000)
      : undefined;
  const reason = endReason(status, meta, parts);
  const items: { key: string; label: string; value: string }[] = [];
  if (modelId) items.push({ key: "model", label: "Model", value: MODEL_INFO[modelId]?.label ?? modelId });
  if (usage) {
    items.push({ key: "in", label: "Tokens in", value: `${usage.prompt_tokens} in` });
    items.push({ key: "out", label: "Tokens out", value: `${usage.completion_tokens} out` });
  }
  if (meta?.ttftMs !== undefined)
    items.push({ key: "ttft", label: "Time to first token", value: `TTFT ${ms(meta.ttftMs)}` });
  if (tps !== undefined)
    items.push({ key: "tps", label: "Tokens per second", value: `${tps.toFixed(1)} tok/s` });
  return (
    <footer
      data-testid="message-footer"
      // What the stream said, or "none": never a reason it did not give.
      data-end-reason={reason ?? meta?.finishReason ?? "none"}
      className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-0.5 text-xs text-fg-muted"
    >
      {items.map((i) => (
        <span key={i.key} data-testid={`footer-${i.key}`} title={i.label} className="tabular-nums">
          {i.value}
        </span>
      ))}
      {reason && (
        <span data-testid="footer-end-reason" className="font-medium text-warning">
          {reason}
        </span>
      )}
    </footer>
  );
});
