"use client";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";

type Props = { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };

/**
 * The end of a paged list: the next page loads when this scrolls into view, and the button is
 * there for keyboards (and for browsers where the observer does not fire).
 */
export function LoadMore({ hasNextPage, isFetchingNextPage, fetchNextPage }: Props) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const el = button.current;
    if (!el || !hasNextPage || isFetchingNextPage) return;
    // Re-created after every page, so a button still in view after a page loads asks for the next.
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) fetchNextPage();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  if (!hasNextPage) return null;
  return (
    <Button
      ref={button}
      variant="ghost"
      size="sm"
      data-testid="load-more"
      disabled={isFetchingNextPage}
      onClick={() => fetchNextPage()}
      className="mx-2 mt-1 w-[calc(100%-1rem)] text-fg-muted"
    >
      {isFetchingNextPage ? "Loading…" : "Load more"}
    </Button>
  );
}
