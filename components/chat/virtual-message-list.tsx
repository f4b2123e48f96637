"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useLayoutEffect, useRef } from "react";
import { useRevealInList } from "@/components/search/use-reveal-in-list";
import { Button } from "@/components/ui/button";
import { ArrowDownIcon } from "@/components/ui/icons";
import { useChatStore } from "@/lib/client/chat-store";
import { estimateMessageHeight } from "@/lib/client/estimate-message-height";
import { useOlderMessages } from "@/lib/client/use-older-messages";
import { EmptyChat } from "./empty-chat";
import { Message } from "./message";
import { OlderMessagesStatus } from "./older-messages-status";
import { useFollowScroll } from "./use-follow-scroll";

/** Spacing of the old flex column (py-4, gap-5), now applied by the virtualizer. */
const PADDING_PX = 16;
const GAP_PX = 20;
/** Messages rendered beyond each edge of the view, so a quick scroll rarely shows blank space. */
const OVERSCAN = 4;

/**
 * The conversation; follows the stream unless the user has scrolled up. Only the messages in
 * and near the view are mounted (a conversation can hold thousands), each measured as it renders.
 * End-anchored: loading older messages above keeps the message being read where it is.
 */
export function VirtualMessageList() {
  const ids = useChatStore((s) => s.ids);
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const { following, jumpToLatest } = useFollowScroll(scroller, content);
  const older = useOlderMessages(scroller);

  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scroller.current,
    estimateSize: useCallback(
      (i: number) => estimateMessageHeight(useChatStore.getState().byId[ids[i]!]),
      [ids],
    ),
    // Keys, not indexes: a prepend shifts every index, and measured heights must follow their message.
    getItemKey: useCallback((i: number) => ids[i]!, [ids]),
    anchorTo: "end",
    overscan: OVERSCAN,
    paddingStart: PADDING_PX,
    paddingEnd: PADDING_PX,
    gap: GAP_PX,
  });

  // A conversation opened (or replaced): show its latest message in the first paint, before
  // use-follow-scroll's observer would get there a frame later. Only when the list was replaced
  // (the last message shown before is gone): an append or a prepend never moves a reader.
  const hasMessages = ids.length > 0;
  const lastShown = useRef<string | undefined>(undefined);
  useLayoutEffect(() => {
    const previous = lastShown.current;
    lastShown.current = ids.at(-1);
    const replaced = previous === undefined || !(previous in useChatStore.getState().byId);
    if (ids.length > 0 && replaced) virtualizer.scrollToEnd();
  }, [ids, virtualizer]);
  // A search result (or a ?m= link) asked for a message: mount its row, in the middle of the view.
  // (Older pages load until it is there; `retry` is "load the next older page now".)
  useRevealInList({
    ids,
    scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: "center" }),
    hasOlder: older.hasOlder,
    loadOlder: older.retry,
  });

  const items = virtualizer.getVirtualItems();
  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={scroller}
        data-testid="message-list"
        // The browser has taken over from the server's HTML (what tests wait for before acting).
        data-hydrated=""
        className="h-full overflow-y-auto overscroll-contain"
        role="log"
        aria-label="Conversation"
        aria-live="off"
      >
        <div
          ref={content}
          className="relative mx-auto w-full max-w-3xl"
          style={hasMessages ? { height: virtualizer.getTotalSize() } : undefined}
        >
          {hasMessages ? (
            items.map((item) => (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="absolute top-0 left-0 w-full px-3 sm:px-4"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <Message id={ids[item.index]!} />
              </div>
            ))
          ) : (
            <EmptyChat />
          )}
        </div>
      </div>
      <OlderMessagesStatus state={older.state} onRetry={older.retry} />
      {!following && hasMessages && (
        <Button
          variant="outline"
          size="sm"
          data-testid="jump-to-latest"
          onClick={jumpToLatest}
          shape="pill"
          className="absolute bottom-3 left-1/2 -translate-x-1/2 shadow-md"
        >
          <ArrowDownIcon />
          Jump to latest
        </Button>
      )}
    </div>
  );
}
