"use client";
import { useChatStore } from "@/lib/client/chat-store";
import type { ChatMessage } from "@/lib/client/chat-types";
import { estimateMessageHeight } from "@/lib/client/estimate-message-height";
import { EmptyChat } from "./empty-chat";
import { Message } from "./message";

/** Enough messages, by their estimated height, to fill a tall screen; at most this many. */
const TAIL_PX = 2400;
const TAIL_MAX = 24;

/** The last messages whose estimated heights add up to a screenful. */
function tailOf(ids: string[], byId: Record<string, ChatMessage>): string[] {
  let height = 0;
  let start = ids.length;
  while (start > 0 && height < TAIL_PX && ids.length - start < TAIL_MAX) {
    start -= 1;
    height += estimateMessageHeight(byId[ids[start]!]);
  }
  return ids.slice(start);
}

/**
 * The latest messages as plain HTML, for the server render and hydration: the browser paints the
 * end of the conversation before any script runs. `flex-col-reverse` starts the scroll at the
 * bottom without JavaScript; `mb-auto` keeps a short conversation at the top, as the virtualised
 * list (which replaces this once hydrated) shows it. Same padding and gaps as that list.
 * The HTML arrives in pieces and the browser may paint before the last piece is parsed: the
 * messages stay invisible until the chat column's end marker (after the composer, chat-shell.tsx)
 * is in, so the first frame that shows any message shows the latest, never the ones before it with
 * the end still missing, and at its final place: a composer still half parsed is shorter, and
 * would draw the messages lower for a frame.
 */
export function MessageTail() {
  const ids = useChatStore((s) => s.ids);
  const byId = useChatStore((s) => s.byId);
  return (
    <div className="relative min-h-0 flex-1">
      <div
        data-testid="message-list"
        className="flex h-full flex-col-reverse overflow-y-auto overscroll-contain"
        role="log"
        aria-label="Conversation"
        aria-live="off"
      >
        {ids.length > 0 ? (
          <div className="mx-auto mb-auto flex w-full max-w-3xl flex-col gap-5 py-4 [[data-chat-column]:not(:has(>[data-chat-end]))_&]:invisible">
            {tailOf(ids, byId).map((id) => (
              <div key={id} className="w-full px-3 sm:px-4">
                <Message id={id} />
              </div>
            ))}
          </div>
        ) : (
          <div className="mb-auto">
            <EmptyChat />
          </div>
        )}
      </div>
    </div>
  );
}
