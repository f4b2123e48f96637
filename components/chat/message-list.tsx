"use client";
import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { ArrowDownIcon } from "@/components/ui/icons";
import { useChatStore } from "@/lib/client/chat-store";
import { Message } from "./message";
import { useFollowScroll } from "./use-follow-scroll";

function EmptyState() {
  return (
    <div className="mx-auto mt-[15vh] max-w-md px-4 text-center text-fg-muted">
      <p className="text-lg font-medium text-fg">Ask anything.</p>
      <p className="mt-2 text-sm">
        Enter sends, Shift+Enter adds a line, Escape stops an answer. Try “What’s the weather in Paris?”
      </p>
    </div>
  );
}

/** The conversation; follows the stream unless the user has scrolled up. */
export function MessageList() {
  const ids = useChatStore((s) => s.ids);
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const { following, jumpToLatest } = useFollowScroll(scroller, content);
  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={scroller}
        data-testid="message-list"
        className="h-full overflow-y-auto overscroll-contain"
        role="log"
        aria-label="Conversation"
        aria-live="off"
      >
        <div ref={content} className="mx-auto flex w-full max-w-3xl flex-col gap-5 px-3 py-4 sm:px-4">
          {ids.length === 0 ? <EmptyState /> : ids.map((id) => <Message key={id} id={id} />)}
        </div>
      </div>
      {!following && ids.length > 0 && (
        <Button
          variant="outline"
          size="sm"
          data-testid="jump-to-latest"
          onClick={jumpToLatest}
          className="absolute bottom-3 left-1/2 -translate-x-1/2 rounded-full shadow-md"
        >
          <ArrowDownIcon />
          Jump to latest
        </Button>
      )}
    </div>
  );
}
