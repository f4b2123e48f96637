/**
 * Usage and limits over real HTTP (next start + the gateway emulator + PostgreSQL + Redis): each
 * generation is recorded and priced, a budget stops a user (or their group) in words before
 * anything reaches the gateway and starts again when an admin resets it, and the per-minute
 * limit refuses the request over it and lets requests through again in the next window.
 */
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorHandle, startEmulator } from "@/lib/gateway-emulator";
import { type ParleyServer, startParley } from "../support/parley-server";
import { createStore, MODEL, type Store, until } from "../support/persistence";
import { newTurn, read } from "../support/turns";
import { clearUserLimits, LOCAL_USER_ID, postJson, putLimits, setUserLimits } from "../support/usage";

type ErrorJson = { error: { code: string; message: string } };

describe("usage and limits", { timeout: 60_000 }, () => {
  let emulator: EmulatorHandle;
  let parley: ParleyServer;
  let store: Store;
  let sql: Client;
  let chat: string;
  const WINDOW_SECONDS = 2;

  beforeAll(async () => {
    emulator = await startEmulator({ chunkDelayMs: 1 });
    store = await createStore("postgres");
    parley = await startParley({
      AIGATEWAY_API_KEY: "sk-usage-test",
      AIGATEWAY_BASE_URL: emulator.url,
      REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
      PARLEY_RATE_WINDOW_SECONDS: String(WINDOW_SECONDS),
      PARLEY_PRICES: JSON.stringify({ [MODEL]: { input: 2, output: 10 } }),
      ...store.env,
    });
    sql = new Client({ connectionString: store.env.DATABASE_URL });
    await sql.connect();
    chat = `${parley.url}/api/chat`;
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    await parley?.stop();
    await emulator?.close();
    await store?.drop();
  });

  it("records each generation's tokens and cost, and its title call", async () => {
    const turn = read(chat, newTurn("Explain event loops"));
    const saved = await turn.saved;
    await turn.done;
    const rows = await until(async () => {
      const r = await sql.query(
        "select kind, model, prompt_tokens, completion_tokens, reasoning_tokens, cost_usd from usage_events where generation_id = $1 order by kind",
        [saved.generationId],
      );
      return r.rows.length === 2 && r.rows;
    }, "the chat and title usage rows");
    expect(rows.map((r) => r.kind)).toEqual(["chat", "title"]);
    for (const r of rows) {
      expect(r.model).toBe(MODEL);
      expect(r.prompt_tokens).toBeGreaterThan(0);
      // PARLEY_PRICES: $2 / $10 per million input / output tokens.
      const expected = (r.prompt_tokens * 2 + r.completion_tokens * 10) / 1_000_000;
      expect(Number(r.cost_usd)).toBeCloseTo(expected, 8);
    }
    const mine = (await (await fetch(`${parley.url}/api/usage`)).json()) as {
      rows: { model: string; requests: number }[];
    };
    expect(mine.rows.find((r) => r.model === MODEL)?.requests).toBeGreaterThanOrEqual(2);
  });

  it("a used-up daily budget stops saved and stateless turns in words, nothing reaches the gateway, and resets", async () => {
    await setUserLimits(parley.url, { dailyUsd: 0.000001 });
    try {
      await budgetStopsAndResets();
    } finally {
      await clearUserLimits(parley.url);
    }
  });

  async function budgetStopsAndResets() {
    const before = emulator.requests.length;
    const saved = await postJson(chat, newTurn("Over budget?"));
    expect(saved.status).toBe(429);
    const body = (await saved.json()) as ErrorJson;
    expect(body.error.code).toBe("budget_exceeded");
    expect(body.error.message).toBe(
      "You have reached your spending limit. Your daily budget of $0.00 is used up; nothing was sent to the model. It resets at 00:00 UTC. An admin can raise it.",
    );
    const stateless = await postJson(chat, { model: MODEL, messages: [{ role: "user", content: "hi" }] });
    expect(stateless.status).toBe(429);
    expect(((await stateless.json()) as ErrorJson).error.code).toBe("budget_exceeded");
    expect(emulator.requests.length).toBe(before);

    // The admin forgives what was spent: the same budget lets the next turn through.
    await setUserLimits(parley.url, { resetSpend: true });
    const again = read(chat, newTurn("Within budget again"));
    expect((await again.done).status).toBe(200);
    expect(emulator.requests.length).toBeGreaterThan(before);
  }

  it("a group's budget counts its members' spend and names the group", async () => {
    const group = await putLimits(parley.url, {
      scope: "group",
      name: "research",
      memberIds: [LOCAL_USER_ID],
      monthlyUsd: 0.000001,
    });
    const before = emulator.requests.length;
    const res = await postJson(chat, newTurn("Group over budget?"));
    expect(res.status).toBe(429);
    const { error } = (await res.json()) as ErrorJson;
    expect(error.message).toContain("Your group's monthly budget of $0.00 is used up");
    expect(error.message).toMatch(/resets at 00:00 UTC on 1 \w+/);
    expect(emulator.requests.length).toBe(before);

    const limits = (await (await fetch(`${parley.url}/api/admin/limits`)).json()) as {
      groups: { id: string; name: string; memberIds: string[]; limits: { monthlyUsd: number } }[];
    };
    expect(limits.groups).toEqual([
      expect.objectContaining({ id: group.id, name: "research", memberIds: [LOCAL_USER_ID] }),
    ]);
    await putLimits(parley.url, { scope: "group", id: group.id, memberIds: [] });
  });

  it("the per-minute limit refuses the request over it, in Redis, and lets requests through in the next window", async () => {
    await setUserLimits(parley.url, { requestsPerMinute: 2 });
    const stateless = () => postJson(chat, { model: MODEL, messages: [{ role: "user", content: "hi" }] });
    // Within one window the third request is refused (a window boundary may restart the count once).
    let refused: Response | undefined;
    for (let i = 0; i < 8 && !refused; i++) {
      const res = await stateless();
      if (res.status === 429) refused = res;
      else await res.text();
    }
    expect(refused?.status).toBe(429);
    const { error } = (await refused!.json()) as ErrorJson;
    expect(error.code).toBe("user_rate_limited");
    expect(error.message).toMatch(
      /^You are sending requests too quickly\. Your limit of 2 requests per minute is reached; nothing was sent to the model\. It resets in [12] s\.$/,
    );
    const refusedAt = Date.now();
    const accepted = await until(async () => {
      const res = await stateless();
      await res.text();
      return res.status === 200 && res;
    }, "a request in the next window");
    expect(accepted.status).toBe(200);
    expect(Date.now() - refusedAt).toBeLessThan(WINDOW_SECONDS * 1000 + 1500);
    await clearUserLimits(parley.url);
  });

  it("only an admin API sets limits, and it checks its input", async () => {
    const bad = await fetch(`${parley.url}/api/admin/limits`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ scope: "user", id: LOCAL_USER_ID, dailyUsd: -1 }),
    });
    expect(bad.status).toBe(400);
    const csv = await fetch(`${parley.url}/api/admin/usage?format=csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe(
      "day,user_id,user_name,model,requests,prompt_tokens,completion_tokens,reasoning_tokens,cost_usd",
    );
    expect(lines.length).toBeGreaterThanOrEqual(2);
  });
});
