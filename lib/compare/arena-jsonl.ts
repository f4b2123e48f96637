/**
 * Votes as JSON lines in the format of public arena vote sets:
 *   {"model_a":"…","model_b":"…","winner":"model_a"|"model_b"|"tie"|"tie (bothbad)","tag":"…"}
 * Other fields on a line (arena dumps carry many) are ignored. A bad line fails the whole file
 * with its line number, so an import is all or nothing.
 */
import { z } from "zod";
import type { Vote } from "./bradley-terry";

export const ARENA_LIMITS = {
  lines: 20_000,
  modelChars: 200,
  tagChars: 100,
  bytes: 5 * 1024 * 1024,
} as const;

export const arenaVoteSchema = z.object({
  model_a: z.string().trim().min(1).max(ARENA_LIMITS.modelChars),
  model_b: z.string().trim().min(1).max(ARENA_LIMITS.modelChars),
  winner: z.enum(["model_a", "model_b", "tie", "tie (bothbad)"]),
  tag: z.string().trim().max(ARENA_LIMITS.tagChars).optional(),
});

export class ArenaParseError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(line > 0 ? `line ${line}: ${message}` : message);
  }
}

export function parseArenaJsonl(text: string, maxLines: number = ARENA_LIMITS.lines): Vote[] {
  const votes: Vote[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (!line) continue;
    if (votes.length >= maxLines) throw new ArenaParseError(0, `at most ${maxLines} votes per file`);
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new ArenaParseError(i + 1, "not valid JSON");
    }
    const parsed = arenaVoteSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ArenaParseError(i + 1, `${issue?.path.join(".") || "vote"}: ${issue?.message ?? "invalid"}`);
    }
    if (parsed.data.model_a === parsed.data.model_b)
      throw new ArenaParseError(i + 1, "model_a and model_b are the same model");
    const { tag, ...rest } = parsed.data;
    votes.push(tag ? { ...rest, tag } : rest);
  }
  return votes;
}

export function toArenaJsonl(votes: readonly Vote[]): string {
  return votes
    .map((v) =>
      JSON.stringify({
        model_a: v.model_a,
        model_b: v.model_b,
        winner: v.winner,
        ...(v.tag ? { tag: v.tag } : {}),
      }),
    )
    .map((l) => `${l}\n`)
    .join("");
}
