"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { compareApi } from "@/lib/client/compare/api";
import type { LeaderRow } from "@/lib/compare/leaderboard";

function RatingsTable({ rows, testId }: { rows: LeaderRow[]; testId: string }) {
  return (
    <div className="overflow-x-auto rounded-md border border-border">
      <table className="w-full text-sm" data-testid={testId}>
        <thead className="bg-subtle text-left">
          <tr>
            <th className="px-2 py-1.5 font-medium">#</th>
            <th className="px-2 py-1.5 font-medium">Model</th>
            <th className="px-2 py-1.5 font-medium">Rating</th>
            <th className="px-2 py-1.5 font-medium">95% CI</th>
            <th className="px-2 py-1.5 font-medium">Win rate</th>
            <th className="px-2 py-1.5 font-medium">Votes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr
              key={r.model}
              className="border-t border-border"
              data-testid="leaderboard-row"
              data-model={r.model}
            >
              <td className="px-2 py-1 tabular-nums">{i + 1}</td>
              <td className="px-2 py-1">{r.model}</td>
              <td className="px-2 py-1 tabular-nums" data-testid="leaderboard-rating">
                {Math.round(r.rating)}
              </td>
              <td className="px-2 py-1 tabular-nums text-fg-muted">
                {Math.round(r.low)} – {Math.round(r.high)}
              </td>
              <td className="px-2 py-1 tabular-nums">{(r.winRate * 100).toFixed(1)}%</td>
              <td className="px-2 py-1 tabular-nums" data-testid="leaderboard-votes">
                {r.votes}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * /compare/leaderboard: ratings from this person's blind votes (and imported ones), overall and
 * per tag, with the arena JSON-lines export and import.
 */
export function LeaderboardView() {
  const qc = useQueryClient();
  const board = useQuery({ queryKey: ["leaderboard"], queryFn: compareApi.leaderboard });
  const [note, setNote] = useState<string | null>(null);
  return (
    <main className="mx-auto flex w-full max-w-4xl flex-col gap-5 p-6">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="flex-1 text-xl font-semibold">Leaderboard</h1>
        <a href="/api/votes" download className="text-sm text-primary underline-offset-4 hover:underline">
          Export votes (JSONL)
        </a>
        <label className="cursor-pointer text-sm text-primary underline-offset-4 hover:underline">
          Import votes
          <input
            type="file"
            accept=".jsonl,.ndjson,application/x-ndjson,application/json,text/plain"
            className="sr-only"
            data-testid="votes-import"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (!file) return;
              try {
                const { imported } = await compareApi.importVotes(await file.text());
                setNote(`Imported ${imported} votes.`);
                await qc.invalidateQueries({ queryKey: ["leaderboard"] });
              } catch (err) {
                setNote(err instanceof Error ? err.message : String(err));
              }
            }}
          />
        </label>
        <Link href="/compare" className="text-sm text-primary underline-offset-4 hover:underline">
          Compare models
        </Link>
      </header>
      <p className="text-sm text-fg-muted">
        Bradley–Terry ratings (Elo-like scale: 1000 is average, 400 points is 10:1 odds), ties counted as half
        a win each, with 95% bootstrap intervals (200 resamples, fixed seed). From your own votes.
      </p>
      {note && (
        <p role="status" className="text-sm">
          {note}
        </p>
      )}
      {board.data && (
        <>
          <section className="flex flex-col gap-2">
            <h2 className="text-sm font-medium" data-testid="leaderboard-total">
              Overall · {board.data.votes} vote{board.data.votes === 1 ? "" : "s"}
            </h2>
            {board.data.overall.length === 0 ? (
              <p className="text-sm text-fg-muted">No votes yet: judge a blind comparison.</p>
            ) : (
              <RatingsTable rows={board.data.overall} testId="leaderboard-overall" />
            )}
          </section>
          {board.data.tags.map((t) => (
            <section key={t.tag} className="flex flex-col gap-2">
              <h2 className="text-sm font-medium">
                Tag “{t.tag}” · {t.votes} vote{t.votes === 1 ? "" : "s"}
              </h2>
              <RatingsTable rows={t.rows} testId={`leaderboard-tag-${t.tag}`} />
            </section>
          ))}
        </>
      )}
    </main>
  );
}
