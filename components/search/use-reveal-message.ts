"use client";
import { useEffect } from "react";
import { useSearchStore } from "@/lib/client/search-store";

/** How long to wait for the message to be rendered (the conversation may still be loading). */
const WAIT_MS = 15_000;
const HIGHLIGHT_MS = 2400;

const selectorFor = (id: string) => `[data-message-id="${CSS.escape(id)}"]`;

function inView(el: HTMLElement): boolean {
  const r = el.getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight;
}

/**
 * Marks the element with `data-search-target` (tests and styles can see it) and fades a ring and
 * tint out of it: a brief "here it is" that leaves no state behind.
 */
function highlight(el: HTMLElement): void {
  el.setAttribute("data-search-target", "true");
  const ring = "color-mix(in srgb, var(--c-primary) 45%, transparent)";
  const tint = "color-mix(in srgb, var(--c-primary) 10%, transparent)";
  const animation = el.animate(
    [
      { boxShadow: `0 0 0 4px ${ring}`, backgroundColor: tint, borderRadius: "12px" },
      { boxShadow: "0 0 0 4px transparent", backgroundColor: "transparent", borderRadius: "12px" },
    ],
    { duration: HIGHLIGHT_MS, easing: "ease-in" },
  );
  const clear = () => el.removeAttribute("data-search-target");
  animation.finished.then(clear, clear);
}

/**
 * Scrolls to and briefly highlights the message a search result (or a `?m=` link) asked for,
 * waiting until it is rendered: the conversation loads after navigation, and a virtualised list
 * mounts the row only once useRevealInList has scrolled to it. Clears the request when done.
 */
export function useRevealMessage(): void {
  const target = useSearchStore((s) => s.target);
  useEffect(() => {
    if (!target) return;
    const selector = selectorFor(target.messageId);
    let frame = 0;
    const finish = () => {
      observer.disconnect();
      clearTimeout(giveUp);
      // Two frames: the list's own first scroll (to the latest message) lands before ours.
      frame = requestAnimationFrame(() => {
        frame = requestAnimationFrame(() => {
          // Looked up again: a virtualised row can be replaced between frames.
          const el = document.querySelector<HTMLElement>(selector);
          if (!el) return;
          if (!inView(el)) el.scrollIntoView({ block: "center" });
          highlight(el);
          const { target: current } = useSearchStore.getState();
          if (current?.nonce === target.nonce) useSearchStore.setState({ target: null });
        });
      });
    };
    const observer = new MutationObserver(() => {
      if (document.querySelector(selector)) finish();
    });
    const giveUp = setTimeout(() => observer.disconnect(), WAIT_MS);
    if (document.querySelector(selector)) finish();
    else observer.observe(document.body, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      clearTimeout(giveUp);
      cancelAnimationFrame(frame);
    };
  }, [target]);
}
