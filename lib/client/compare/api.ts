"use client";
import type { Leaderboard } from "@/lib/compare/leaderboard";
import type { ComparisonView } from "@/lib/compare/view";
import type { CreateComparison, RunBatch, VoteInput } from "@/lib/validations/compare";

/** The comparison routes, from the browser. Errors carry the server's words. */
async function call<T>(url: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: init?.json !== undefined ? { "content-type": "application/json" } : init?.headers,
    body: init?.json !== undefined ? JSON.stringify(init.json) : init?.body,
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `Parley's server answered ${res.status}.`);
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export type ComparisonSummary = {
  id: string;
  title: string;
  blind: boolean;
  columns: number;
  models: string[] | null;
  updatedAt: string;
};

/** JSON dates arrive as strings. */
export type ComparisonData = Omit<ComparisonView, "createdAt"> & { createdAt: string };

export const compareApi = {
  list: () => call<{ comparisons: ComparisonSummary[] }>("/api/comparisons"),
  create: (body: CreateComparison) =>
    call<{ id: string }>("/api/comparisons", { method: "POST", json: body }),
  get: (id: string) => call<ComparisonData>(`/api/comparisons/${id}`),
  remove: (id: string) => call<void>(`/api/comparisons/${id}`, { method: "DELETE" }),
  run: (id: string, body: RunBatch) =>
    call<{ batchId: string }>(`/api/comparisons/${id}/runs`, { method: "POST", json: body }),
  vote: (id: string, body: VoteInput) =>
    call<{ model_a: string; model_b: string; winner: string }>(`/api/comparisons/${id}/votes`, {
      method: "POST",
      json: body,
    }),
  toChat: (id: string, column: number) =>
    call<{ conversationId: string }>(`/api/comparisons/${id}/chat`, { method: "POST", json: { column } }),
  leaderboard: () => call<Leaderboard>("/api/leaderboard"),
  importVotes: (text: string) =>
    call<{ imported: number }>("/api/votes", {
      method: "POST",
      body: text,
      headers: { "content-type": "application/x-ndjson" },
    }),
};
