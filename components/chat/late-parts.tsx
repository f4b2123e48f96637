"use client";
/**
 * Parts of a message that most messages never show, loaded on demand (`next/dynamic`) rather than
 * with the chat page: tool calls (their cards, the approval form, the weather card), JSON answers,
 * an answer's error box, and the editor of a question. (Reasoning stays in the first load: thinking
 * models show it on most answers, and its chunk would carry copies of the code-block modules.) A message that has one is
 * still drawn by the server: Next names that part's chunk in the HTML, and hydration waits for it
 * (the server's HTML stays on screen meanwhile). In the browser they are fetched in idle time after
 * hydration with the send/stream code (`preloadLateParts`), so a streamed answer or Edit finds them.
 *
 * `lateParts.loading` counts the chunks still on their way: the message list keeps the server's
 * tail until the parts it shows have arrived, so the browser's list never draws them empty first.
 */
import dynamic from "next/dynamic";
import { useSyncExternalStore } from "react";

let loading = 0;
const subscribers = new Set<() => void>();

function settle(): void {
  loading--;
  for (const s of subscribers) s();
}

/** Counts a chunk load while it is on its way. */
function tracked<T>(load: Promise<T>): Promise<T> {
  loading++;
  load.then(settle, settle);
  return load;
}

/** Nothing until the chunk is there (only in the browser, only if it was not preloaded). */
const none = () => null;

// Each import is written out inside its dynamic() so that Next can name its chunk in the HTML.
export const ToolCallGroup = dynamic(() => tracked(import("./tool-cards")).then((m) => m.ToolCallGroup), {
  loading: none,
});
export const JsonAnswer = dynamic(() => tracked(import("./json-answer")).then((m) => m.JsonAnswer), {
  loading: none,
});
export const MessageError = dynamic(() => tracked(import("./message-error")).then((m) => m.MessageError), {
  loading: none,
});
export const MessageEditor = dynamic(() => tracked(import("./message-editor")).then((m) => m.MessageEditor), {
  loading: none,
});

/** Fetches every late part (idle time after hydration): a streamed answer may need any of them. */
export function preloadLateParts(): void {
  const loads: Promise<unknown>[] = [
    import("./tool-cards"),
    import("./json-answer"),
    import("./message-error"),
    import("./message-editor"),
  ];
  for (const load of loads) tracked(load).catch(() => undefined);
}

function subscribe(onChange: () => void): () => void {
  subscribers.add(onChange);
  return () => subscribers.delete(onChange);
}

/** True while a late part's chunk is on its way (false on the server and while hydrating). */
export function useLatePartsLoading(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => loading > 0,
    () => false,
  );
}
