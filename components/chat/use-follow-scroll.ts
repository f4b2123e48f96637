"use client";
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";

const NEAR_BOTTOM_PX = 48;

/**
 * Keeps a scroll container pinned to the bottom while its content grows, until the user scrolls
 * up; then `following` is false (show "jump to latest") until they return to the bottom.
 */
export function useFollowScroll(
  scroller: RefObject<HTMLElement | null>,
  content: RefObject<HTMLElement | null>,
) {
  const [following, setFollowing] = useState(true);
  const followingRef = useRef(true);

  const setFollow = useCallback((v: boolean) => {
    followingRef.current = v;
    setFollowing(v);
  }, []);

  useEffect(() => {
    const el = scroller.current;
    const inner = content.current;
    if (!el || !inner) return;
    let lastTop = el.scrollTop;
    const onScroll = () => {
      const distance = el.scrollHeight - el.scrollTop - el.clientHeight;
      if (distance <= NEAR_BOTTOM_PX) setFollow(true);
      else if (el.scrollTop < lastTop) setFollow(false); // the user moved up
      lastTop = el.scrollTop;
    };
    const pin = () => {
      if (followingRef.current) {
        el.scrollTop = el.scrollHeight;
        lastTop = el.scrollTop;
      }
    };
    const observer = new ResizeObserver(pin);
    observer.observe(inner);
    el.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener("scroll", onScroll);
    };
  }, [scroller, content, setFollow]);

  const jumpToLatest = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    setFollow(true);
    el.scrollTo({ top: el.scrollHeight, behavior: "smooth" });
  }, [scroller, setFollow]);

  return { following, jumpToLatest };
}
