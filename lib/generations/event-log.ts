/**
 * A generation's events, in order, numbered 1, 2, 3… Every reader of an answer (the tab that
 * asked, a reloaded tab, a second tab, another instance) reads this log from the last id it has,
 * so they all see the same frames in the same order. The writer never waits for readers.
 */

export type LogEntry = {
  /** 1, 2, 3… within one generation: the SSE id, and what `Last-Event-ID` names. */
  id: number;
  /** The SSE event name; null for a gateway chunk relayed as plain data. */
  event: string | null;
  data: string;
};

/** The last entry of every log: nothing follows it. Never sent to browsers. */
export const END_EVENT = "parley.end";

export type FollowListener = {
  /** Entries after the reader's id, in order, each exactly once. */
  onEntries(entries: LogEntry[]): void;
  /**
   * The reader cannot continue from its id: the log is unknown here (expired, or its instance
   * died without Redis), or the entries it needs were trimmed. It should reload the saved answer.
   */
  onGone(reason: "unknown" | "trimmed"): void;
};

export type FollowOptions = {
  /**
   * The database says the generation is still running: a log with no entries yet is being
   * started (on another instance), not gone.
   */
  running: boolean;
};

export interface EventLog {
  /** A generation starts writing on this instance. */
  open(generationId: string): void;
  /** Entries with ids continuing the log's own. Never blocks the writer. */
  append(generationId: string, entries: LogEntry[]): void;
  /** After the END entry: the log stays readable for a while, then expires. */
  close(generationId: string): void;
  /** Replays entries after `afterId`, then delivers new ones live. Returns a function to stop. */
  follow(generationId: string, afterId: number, listener: FollowListener, options: FollowOptions): () => void;
  /**
   * Ends a log whose writer died (the lease reaper): appends `events` after whatever is last and
   * closes it, so readers waiting on another instance learn the answer was interrupted.
   */
  terminate(generationId: string, events: Omit<LogEntry, "id">[]): Promise<void>;
  /** Finishes pending writes (shutdown, tests). */
  flush(): Promise<void>;
}
