"use client";
/**
 * Parts of a message that most messages never show, loaded on demand rather than with the chat
 * page: tool calls (their cards, the approval form, the weather card), JSON answers,
 * an answer's error box, and the editor of a question. (Reasoning stays in the first load: thinking
 * models show it on most answers, and its chunk would carry copies of the code-block modules.)
 * A message that has one is still drawn by the server; in the browser its chunk loads as the page
 * starts, and hydration waits for it (the server's HTML stays on screen meanwhile). All are
 * fetched in idle time after hydration with the send/stream code (`preloadLateParts`), so a
 * streamed answer or Edit finds them.
 *
 * `loading` counts the chunks still on their way (`useLatePartsLoading`): the message list keeps
 * the server's tail until the parts it shows have arrived, so the browser's list never draws them
 * empty first.
 */
import { type ComponentProps, type ComponentType, Suspense, use, useSyncExternalStore } from "react";
import type { JsonAnswer as JsonAnswerType } from "./json-answer";
import type { MessageEditor as MessageEditorType } from "./message-editor";
import type { MessageError as MessageErrorType } from "./message-error";
import type { ToolCallGroup as ToolCallGroupType } from "./tool-cards";

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

/** One part's code: a component once its chunk has loaded. */
type Loader<P> = { loaded: ComponentType<P> | null; start: () => Promise<ComponentType<P>> };

function loader<P>(load: () => Promise<ComponentType<P>>): Loader<P> {
  let started: Promise<ComponentType<P>> | null = null;
  const part: Loader<P> = {
    loaded: null,
    start: () => {
      if (!started) {
        started = tracked(
          load().then((c) => {
            part.loaded = c;
            return c;
          }),
        );
        started.catch(() => {
          started = null; // offline or a new deploy: the next render tries again
        });
      }
      return started;
    },
  };
  return part;
}

/** The same component type whether or not the code has arrived, so nothing below remounts when it does. */
function PartBody<P extends object>({ part, props }: { part: Loader<P>; props: P }) {
  const Component = part.loaded ?? use(part.start());
  return <Component {...props} />;
}

/**
 * A part whose code loads on demand. Always inside its own Suspense boundary (the server's HTML
 * and hydration must have the same shape): the server renders it whole; hydration leaves the
 * server's HTML in place until the chunk is in. In the browser the load starts as soon as a
 * message needs the part (its first render, hydration included, where React may put off the
 * boundary's own content), counted in `loading`; once loaded the part renders at once, so the
 * list that replaces the server's tail never draws it empty.
 */
function LatePart<P extends object>({ part, props }: { part: Loader<P>; props: P }) {
  if (!part.loaded && typeof window !== "undefined") part.start().catch(() => undefined);
  // Nothing until the chunk is there (only in the browser, only if it was not preloaded).
  return (
    <Suspense fallback={null}>
      <PartBody part={part} props={props} />
    </Suspense>
  );
}

const toolCards = loader(() => import("./tool-cards").then((m) => m.ToolCallGroup));
const jsonAnswer = loader(() => import("./json-answer").then((m) => m.JsonAnswer));
const messageError = loader(() => import("./message-error").then((m) => m.MessageError));
const messageEditor = loader(() => import("./message-editor").then((m) => m.MessageEditor));

export function ToolCallGroup(props: ComponentProps<typeof ToolCallGroupType>) {
  return <LatePart part={toolCards} props={props} />;
}
export function JsonAnswer(props: ComponentProps<typeof JsonAnswerType>) {
  return <LatePart part={jsonAnswer} props={props} />;
}
export function MessageError(props: ComponentProps<typeof MessageErrorType>) {
  return <LatePart part={messageError} props={props} />;
}
export function MessageEditor(props: ComponentProps<typeof MessageEditorType>) {
  return <LatePart part={messageEditor} props={props} />;
}

/** Fetches every late part (idle time after hydration): a streamed answer may need any of them. */
export function preloadLateParts(): void {
  for (const part of [toolCards, jsonAnswer, messageError, messageEditor])
    part.start().catch(() => undefined);
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
