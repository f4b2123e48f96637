"use client";

/**
 * Runs `fn` at most once per animation frame however many tokens arrive in it; falls back to a
 * timer when the tab is hidden (no rAF there). `flushNow` runs it at once (the end of a turn).
 */
export function frameScheduler(fn: () => void) {
  let pending = false;
  let raf = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    pending = false;
    cancelAnimationFrame(raf);
    clearTimeout(timer);
    fn();
  };
  return {
    schedule() {
      if (pending) return;
      pending = true;
      if (document.hidden) timer = setTimeout(run, 100);
      else raf = requestAnimationFrame(run);
    },
    flushNow: run,
    cancel() {
      pending = false;
      cancelAnimationFrame(raf);
      clearTimeout(timer);
    },
  };
}
