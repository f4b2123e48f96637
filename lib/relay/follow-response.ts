import "server-only";
import { END_EVENT } from "@/lib/generations/event-log";
import { generationRuntime } from "@/lib/generations/runtime";
import { FrameWriter } from "./frame-writer";

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform stops proxies from compressing (and so buffering) the stream.
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  // nginx buffers proxied responses unless told not to.
  "X-Accel-Buffering": "no",
};

/**
 * An SSE response that reads a generation's event log from `afterId` on: first what was written
 * since, then each frame as it is written, each with its log id, until the log ends. The reader
 * leaving only stops this response; the generation goes on.
 */
export function followResponse(opts: {
  generationId: string;
  afterId: number;
  running: boolean;
  signal: AbortSignal;
  pingMs: number;
}): Response {
  let unfollow = () => {};
  let writer: FrameWriter | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const out = new FrameWriter(controller, opts.pingMs);
      writer = out;
      const end = () => {
        unfollow();
        out.close();
      };
      unfollow = generationRuntime().log.follow(
        opts.generationId,
        opts.afterId,
        {
          onEntries(entries) {
            for (const e of entries) {
              if (e.event === END_EVENT) return end();
              out.entry(e.id, e.event, e.data);
            }
          },
          onGone(reason) {
            out.notice("parley.gone", { reason });
            end();
          },
        },
        { running: opts.running },
      );
      opts.signal.addEventListener("abort", end, { once: true });
      if (opts.signal.aborted) end();
    },
    cancel() {
      unfollow();
      writer?.detach();
    },
  });
  return new Response(stream, { headers: SSE_HEADERS });
}
