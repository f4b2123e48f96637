"use client";

/**
 * Work that can wait for the main thread to be free (highlighting a finished code block,
 * refreshing the sidebar after a turn): run in idle time, a few jobs per idle period, so that no
 * batch of them lands in one long task next to a frame of the stream. Each job should be short
 * (a few ms); jobs run in the order queued. Falls back to a timer where there is no
 * requestIdleCallback (Safari).
 */
type Job = () => void;

const queue: Job[] = [];
let scheduled = false;
/** Upper bound on the wait: idle time may never come while an answer streams at full speed. */
const TIMEOUT_MS = 500;

function drain(deadline?: IdleDeadline): void {
  scheduled = false;
  const start = performance.now();
  // At least one job per slice (a deadline that expired still lets one through), then while idle time lasts.
  do {
    const job = queue.shift();
    if (!job) return;
    job();
  } while (queue.length > 0 && (deadline ? deadline.timeRemaining() > 1 : performance.now() - start < 8));
  schedule();
}

function schedule(): void {
  if (scheduled || queue.length === 0) return;
  scheduled = true;
  if (typeof requestIdleCallback === "function") requestIdleCallback(drain, { timeout: TIMEOUT_MS });
  else setTimeout(() => drain(), 16);
}

/** Runs `job` in a later idle period; the returned function cancels it if it has not run yet. */
export function whenIdle(job: Job): () => void {
  queue.push(job);
  schedule();
  return () => {
    const i = queue.indexOf(job);
    if (i >= 0) queue.splice(i, 1);
  };
}
