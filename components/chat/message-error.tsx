"use client";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { retryTurn } from "@/lib/client/chat-actions";
import type { MessageMeta } from "@/lib/stream/message-parts";

type ErrorInfo = NonNullable<MessageMeta["error"]>;

/** Error codes (lib/stream/events.ts) in plain words. The server's message is already safe to show. */
export function describeError(error: ErrorInfo): { title: string; detail?: string } {
  switch (error.code) {
    case "unauthorized":
      return {
        title: "The AI Gateway rejected the API key.",
        detail: "Check AIGATEWAY_API_KEY in the server’s environment and restart Parley.",
      };
    case "payment_required":
      return { title: "The AI Gateway account is out of credit.", detail: error.message };
    case "forbidden":
      return { title: "This key may not use this model.", detail: error.message };
    case "rate_limited":
      return { title: "Too many requests: the gateway is rate-limiting this key." };
    case "stream_cut":
      return { title: "The answer was cut off before it finished.", detail: "What arrived is kept above." };
    case "stalled":
      return { title: "The gateway stopped sending the answer.", detail: error.message };
    case "network":
      return {
        title: "Parley’s server could not be reached.",
        detail: "Check your connection and try again.",
      };
    case "upstream_unavailable":
    case "upstream_error":
      return { title: "The model provider had a problem.", detail: error.message };
    default:
      return { title: error.message || "Something went wrong." };
  }
}

function RetryCountdown({ seconds }: { seconds: number }) {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    const end = Date.now() + seconds * 1000;
    const t = setInterval(() => {
      const s = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      setLeft(s);
      if (s === 0) clearInterval(t);
    }, 250);
    return () => clearInterval(t);
  }, [seconds]);
  return (
    <span data-testid="retry-after">
      {left > 0 ? `You can try again in ${left} s.` : "You can try again now."}
    </span>
  );
}

export function MessageError({ error, messageId }: { error: ErrorInfo; messageId: string }) {
  const { title, detail } = describeError(error);
  return (
    <div
      role="alert"
      data-testid="message-error"
      data-code={error.code}
      className="my-2 flex flex-wrap items-center gap-2 rounded-md border border-danger/30 bg-danger/5 px-3 py-2 text-sm"
    >
      <div className="min-w-0 flex-1">
        <p className="font-medium text-danger">{title}</p>
        {(detail || error.retryAfterSeconds !== undefined) && (
          <p className="text-fg-muted">
            {detail}
            {error.retryAfterSeconds !== undefined && <RetryCountdown seconds={error.retryAfterSeconds} />}
          </p>
        )}
      </div>
      <Button
        variant="outline"
        size="sm"
        data-testid="retry-button"
        onClick={() => void retryTurn(messageId)}
      >
        Retry
      </Button>
    </div>
  );
}
