import type { ParleyEventMap, ParleyEventName } from "@/lib/stream/events";

/**
 * Where a turn's frames go: a generation's event log (saved turns), the HTTP response (the
 * stateless form), or an array in tests. Its own file so the tool loop and every sink can import
 * it without importing one another.
 */
export type FrameSink = {
  chunk(data: string): void;
  event<K extends ParleyEventName>(name: K, payload: ParleyEventMap[K]): void;
};
