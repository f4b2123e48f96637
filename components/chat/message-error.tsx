"use client";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { retryTurn } from "@/lib/client/chat-actions";
import { describeError } from "@/lib/errors/describe";
import type { MessageMeta } from "@/lib/stream/message-parts";

type ErrorInfo = NonNullable<MessageMeta["error"]>;

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

/** An answer's error, in the words of the one wording table (lib/errors), naming who is at fault. */
export function MessageError({ error, messageId }: { error: ErrorInfo; messageId: string }) {
  const { title, detail, retry, party } = describeError(error);
  return (
    <div
      role="alert"
      data-testid="message-error"
      data-code={error.code}
      data-party={party}
      className="my-2 flex flex-wrap items-center gap-2 rounded-md border border-danger/30 bg-danger/5 px-3 py-2 text-sm"
    >
      <div className="min-w-0 flex-1">
        <p className="font-medium text-danger">{title}</p>
        {/* A live countdown says "when" better than a fixed "try again in 20 seconds". */}
        {error.retryAfterSeconds !== undefined ? (
          <p className="text-fg-muted">
            <RetryCountdown seconds={error.retryAfterSeconds} />
          </p>
        ) : (
          detail && <p className="text-fg-muted">{detail}</p>
        )}
      </div>
      {retry && (
        <Button
          variant="outline"
          size="sm"
          data-testid="retry-button"
          onClick={() => void retryTurn(messageId)}
        >
          Retry
        </Button>
      )}
    </div>
  );
}
