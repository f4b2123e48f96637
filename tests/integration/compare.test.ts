/**
 * The comparison playground over real HTTP (next start + the gateway emulator + PGlite, accounts
 * on): one generation per column running at the same time, metrics measured on the server and
 * stored, repeated runs, blind votes moving the leaderboard, arena JSONL round trip, and another
 * user's comparison answering 404.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunMetrics } from "@/lib/compare/run-metrics";
import type { ComparisonView } from "@/lib/compare/view";
import { type EmulatorHandle, startEmulator } from "@/lib/gateway-emulator";
import { type Client, person, signUp } from "../support/accounts";
import { type ParleyServer, startParley } from "../support/parley-server";
import { until } from "../support/persistence";

const S4 = "anthropic/claude-sonnet-4";
const S46 = "anthropic/claude-sonnet-4.6";

describe("comparison playground", { timeout: 90_000 }, () => {
  let emulator: EmulatorHandle;
  let parley: ParleyServer;
  let a: Client;
  let b: Client;

  beforeAll(async () => {
    emulator = await startEmulator({ chunkDelayMs: 5 });
    parley = await startParley({
      PARLEY_AUTH: "password",
      PARLEY_DATA_DIR: mkdtempSync(path.join(tmpdir(), "parley-compare-")),
      AIGATEWAY_API_KEY: "sk-compare-test",
      AIGATEWAY_BASE_URL: emulator.url,
    });
    a = await signUp(parley.url, person("Ann"));
    const open = await a.fetch("/api/admin/settings", { method: "PATCH", json: { signUpPolicy: "open" } });
    expect(open.status).toBe(200);
    b = await signUp(parley.url, person("Bob"));
  }, 120_000);

  afterAll(async () => {
    await parley?.stop();
    await emulator?.close();
  });

  async function create(c: Client, body: object): Promise<string> {
    const res = await c.fetch("/api/comparisons", { method: "POST", json: body });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }
  const view = async (c: Client, id: string) =>
    (await (await c.fetch(`/api/comparisons/${id}`)).json()) as ComparisonView;
  async function finished(c: Client, id: string, runs: number): Promise<ComparisonView> {
    let v = await view(c, id);
    await until(
      async () => {
        v = await view(c, id);
        return (
          v.runs.length === runs &&
          v.runs.every((r) => r.metrics) &&
          v.batches.every((x) => x.status === "done")
        );
      },
      `${runs} runs measured`,
      30_000,
    );
    return v;
  }

  it("runs one generation per column at the same time, measures each on the server, repeats and aggregates", async () => {
    const id = await create(a, {
      title: "Speed",
      columns: [
        { model: S4, params: { temperature: 0.2 } },
        { model: S46, params: { max_tokens: 3000 } },
        { model: S4, params: { reasoning: false } },
      ],
      shared: { system: "Be brief." },
    });
    // Hidden conversations stay out of the sidebar list.
    const list = (await (await a.fetch("/api/conversations")).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
    const everything = (await (await a.fetch("/api/export")).json()) as { conversations: unknown[] };
    expect(everything.conversations).toEqual([]);

    const before = emulator.requests.length;
    const prompt = `Explain SSE [pace@${S4}:first=150,chunk=10] [pace@${S46}:first=300,chunk=10]`;
    const res = await a.fetch(`/api/comparisons/${id}/runs`, {
      method: "POST",
      json: { content: prompt, repeats: 2, mode: "sequential" },
    });
    expect(res.status).toBe(202);
    // The first repeat's three generations exist at once and run at the same time.
    const early = await view(a, id);
    expect(early.runs).toHaveLength(3);
    expect(new Set(early.runs.map((r) => r.generationId)).size).toBe(3);
    expect(early.runs.filter((r) => r.status === "streaming").length).toBe(3);

    const v = await finished(a, id, 6);
    const calls = emulator.requests
      .slice(before)
      .map((r) => r.body as { model: string; temperature?: number });
    expect(calls.filter((c) => c.model === S46)).toHaveLength(2);
    expect(calls.find((c) => c.temperature !== undefined)?.temperature).toBe(0.2);
    for (const r of v.runs) {
      const m = r.metrics as RunMetrics;
      const firstMs = r.model === S46 ? 300 : 150;
      expect(m.ttfbMs).toBeGreaterThanOrEqual(firstMs - 5);
      expect(m.ttfbMs).toBeLessThan(firstMs + 400);
      expect(m.ttftMs).toBeGreaterThanOrEqual(m.ttfbMs as number);
      expect(m.completionTokens).toBeGreaterThan(0);
      expect(m.tokensPerSecond).toBeGreaterThan(0);
      expect(m.cost).toBeGreaterThan(0);
      expect(m.costEstimated).toBe(true);
      expect(m.finishReason).toBe("stop");
      if (r.model === S46) expect(m.thinkingMs).toBeGreaterThan(0);
      else expect(m.thinkingMs).toBeNull();
    }
    expect(v.runs.map((r) => r.repeat).sort()).toEqual([0, 0, 0, 1, 1, 1]);

    // A follow-up continues each column's own history.
    const follow = await a.fetch(`/api/comparisons/${id}/runs`, {
      method: "POST",
      json: { content: "And WebSockets?" },
    });
    expect(follow.status).toBe(202);
    await finished(a, id, 9);
    const last = emulator.requests.at(-1)?.body as { messages: { role: string }[] };
    expect(last.messages.filter((m) => m.role === "user")).toHaveLength(2);

    const csv = await (await a.fetch(`/api/comparisons/${id}/export?format=csv`)).text();
    expect(csv.trim().split("\r\n")).toHaveLength(1 + 3);
    const first = v.batches[0]?.id;
    const csv2 = await (await a.fetch(`/api/comparisons/${id}/export?format=csv&batch=${first}`)).text();
    expect(csv2.trim().split("\r\n")).toHaveLength(1 + 6);
    const json = (await (
      await a.fetch(`/api/comparisons/${id}/export?format=json&batch=${first}`)
    ).json()) as {
      runs: unknown[];
    };
    expect(json.runs).toHaveLength(6);

    const chat = await a.fetch(`/api/comparisons/${id}/chat`, { method: "POST", json: { column: 1 } });
    expect(chat.status).toBe(201);
    const { conversationId } = (await chat.json()) as { conversationId: string };
    const conv = (await (await a.fetch(`/api/conversations/${conversationId}`)).json()) as {
      messages: { role: string }[];
    };
    expect(conv.messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
  });

  it("hides the models in blind mode until the vote, stores it, and moves the leaderboard", async () => {
    const id = await create(a, { blind: true, columns: [{ model: S4 }, { model: S46 }] });
    const run = await a.fetch(`/api/comparisons/${id}/runs`, {
      method: "POST",
      json: { content: "Which is better?" },
    });
    const { batchId } = (await run.json()) as { batchId: string };
    const v = await finished(a, id, 2);
    expect(v.columns.map((c) => c.model)).toEqual([null, null]);
    expect(v.runs.map((r) => r.model)).toEqual([null, null]);
    expect(v.runs.map((r) => r.label).sort()).toEqual(["A", "B"]);

    const before = (await (await a.fetch("/api/leaderboard")).json()) as { votes: number };
    const vote = await a.fetch(`/api/comparisons/${id}/votes`, {
      method: "POST",
      json: { batchId, verdict: "a", tag: "general" },
    });
    expect(vote.status).toBe(201);
    const cast = (await vote.json()) as { model_a: string; model_b: string; winner: string };
    expect(cast.winner).toBe("model_a");
    expect([cast.model_a, cast.model_b].sort()).toEqual([S4, S46]);
    const again = await a.fetch(`/api/comparisons/${id}/votes`, {
      method: "POST",
      json: { batchId, verdict: "b" },
    });
    expect(again.status).toBe(409);

    const after = await view(a, id);
    expect(after.runs.map((r) => r.model).sort()).toEqual([S4, S46]);
    const board = (await (await a.fetch("/api/leaderboard")).json()) as {
      votes: number;
      overall: { model: string; rating: number; low: number; high: number; votes: number }[];
      tags: { tag: string }[];
    };
    expect(board.votes).toBe(before.votes + 1);
    expect(board.overall[0]?.model).toBe(cast.model_a);
    expect(board.overall[0]!.rating).toBeGreaterThan(board.overall[1]!.rating);
    expect(board.tags.map((t) => t.tag)).toContain("general");
  });

  it("imports and exports arena JSON lines, all or nothing", async () => {
    const lines = [
      { model_a: "x/one", model_b: "x/two", winner: "model_a", tag: "code" },
      { model_a: "x/one", model_b: "x/two", winner: "tie (bothbad)" },
      { model_a: "x/two", model_b: "x/three", winner: "model_b" },
    ];
    const body = `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`;
    const bad = await b.fetch("/api/votes", {
      method: "POST",
      body: `${body}{"model_a":"x","model_b":"y","winner":"?"}\n`,
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^line 4: winner/);
    expect((await (await b.fetch("/api/votes")).text()).trim()).toBe("");

    const ok = await b.fetch("/api/votes", { method: "POST", body });
    expect(((await ok.json()) as { imported: number }).imported).toBe(3);
    const exported = await (await b.fetch("/api/votes")).text();
    expect(exported).toBe(body);
    const board = (await (await b.fetch("/api/leaderboard?seed=7")).json()) as {
      overall: { model: string }[];
    };
    const again = (await (await b.fetch("/api/leaderboard?seed=7")).json()) as object;
    expect(again).toEqual(board);
    expect(board.overall.map((r) => r.model).sort()).toEqual(["x/one", "x/three", "x/two"]);
  });

  it("another user's comparison answers 404 on every route", async () => {
    const id = await create(a, { columns: [{ model: S4 }, { model: S46 }] });
    const calls: [string, string, unknown?][] = [
      ["GET", `/api/comparisons/${id}`],
      ["DELETE", `/api/comparisons/${id}`],
      ["POST", `/api/comparisons/${id}/runs`, { content: "mine now" }],
      ["POST", `/api/comparisons/${id}/votes`, { batchId: id, verdict: "a" }],
      ["POST", `/api/comparisons/${id}/chat`, { column: 0 }],
      ["GET", `/api/comparisons/${id}/export`],
    ];
    for (const [method, url, json] of calls) {
      const res = await b.fetch(url, { method, json });
      expect(`${method} ${url} → ${res.status}`).toBe(`${method} ${url} → 404`);
    }
    const mine = (await (await b.fetch("/api/comparisons")).json()) as { comparisons: { id: string }[] };
    expect(mine.comparisons.map((c) => c.id)).not.toContain(id);
    expect((await a.fetch(`/api/comparisons/${id}`)).status).toBe(200);
  });
});
