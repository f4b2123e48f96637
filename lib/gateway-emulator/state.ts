import { EventEmitter } from "node:events";
import type { IncomingHttpHeaders } from "node:http";
import { FaultCounter } from "./faults";

/** Options as documented on `startEmulator` (lib/gateway-emulator/index.ts). */
export type EmulatorOptions = {
  port?: number;
  host?: string;
  firstByteDelayMs?: number;
  chunkDelayMs?: number;
  chunkSize?: number;
  replay?: string[];
  replayChunkDelayMs?: number;
  replayDir?: string;
  requireAuth?: boolean;
  /** Adds `x_sent_at` (epoch ms) to every generated chunk, for the relay benchmark. Default false. */
  stamp?: boolean;
  log?: (line: string) => void;
};

export type EmulatorStats = { requests: number; completed: number; aborted: number; chunksSent: number };
export type LoggedRequest = { body: unknown; headers: Record<string, string | string[] | undefined> };

/** Everything one running emulator remembers between requests. */
export type EmulatorState = {
  opts: Required<Omit<EmulatorOptions, "replay" | "replayDir" | "log">> &
    Pick<EmulatorOptions, "replay" | "replayDir"> & { log: (line: string) => void };
  stats: EmulatorStats;
  events: EventEmitter;
  requests: LoggedRequest[];
  faults: FaultCounter;
  /** How many requests the `replay` list has answered (the k-th gets the k-th file). */
  replayed: number;
  /** `created` on every chunk: the start time, so identical requests give identical bytes. */
  created: number;
};

export function createState(o: EmulatorOptions): EmulatorState {
  return {
    opts: {
      port: o.port ?? 0,
      host: o.host ?? "127.0.0.1",
      firstByteDelayMs: o.firstByteDelayMs ?? 0,
      chunkDelayMs: o.chunkDelayMs ?? 0,
      chunkSize: Math.max(1, o.chunkSize ?? 12),
      replay: o.replay,
      replayChunkDelayMs: o.replayChunkDelayMs ?? 20,
      replayDir: o.replayDir,
      requireAuth: o.requireAuth ?? true,
      stamp: o.stamp ?? false,
      log: o.log ?? (() => undefined),
    },
    stats: { requests: 0, completed: 0, aborted: 0, chunksSent: 0 },
    events: new EventEmitter(),
    requests: [],
    faults: new FaultCounter(),
    replayed: 0,
    created: Math.floor(Date.now() / 1000),
  };
}

export function headerRecord(headers: IncomingHttpHeaders): LoggedRequest["headers"] {
  return { ...headers };
}
