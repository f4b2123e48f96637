"use client";
import { type ComponentType, useEffect, useRef, useState } from "react";
import { useHydrated } from "@/lib/client/use-hydrated";
import { useLatePartsLoading } from "./late-parts";
import { MessageTail } from "./message-tail";

type VirtualList = ComponentType;

/** The virtualised list, once its chunk has loaded (kept for every later conversation). */
let loadedList: VirtualList | null = null;

function loadVirtualList(): Promise<VirtualList> {
  return import("./virtual-message-list").then((m) => {
    loadedList = m.VirtualMessageList;
    return loadedList;
  });
}

/**
 * The conversation. The server's HTML (and hydration, which must match it) shows the latest
 * messages as plain HTML (MessageTail); the browser then switches to the virtualised list, at the
 * same place. That list (with the virtualizer, scroll following, older pages) is never drawn by the
 * server, so it is not in the page's first-load JavaScript: it loads once the page has hydrated,
 * while the tail, already hydrated and live, stays on screen. The switch also waits for the late
 * parts the tail shows (tool calls, error boxes, see late-parts.tsx), which the list would draw empty
 * first. It never switches back.
 */
export function MessageList() {
  const hydrated = useHydrated();
  const partsLoading = useLatePartsLoading();
  const [List, setList] = useState<VirtualList | null>(() => loadedList);
  useEffect(() => {
    if (!hydrated || List) return;
    let live = true;
    loadVirtualList().then(
      (list) => live && setList(() => list),
      () => undefined, // offline: the tail stays, and shows what the chat store holds
    );
    return () => {
      live = false;
    };
  }, [hydrated, List]);
  const switched = useRef(false);
  if (hydrated && List && !partsLoading) switched.current = true;
  return switched.current && List ? <List /> : <MessageTail />;
}
