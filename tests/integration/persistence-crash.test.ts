/**
 * The server dies mid-answer (SIGKILL: no shutdown code runs). After a restart the answer holds
 * what was streamed up to about a second before the crash, marked "interrupted", and the
 * question is there. Real `next start` + gateway emulator, on PGlite and on Postgres.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DriverName } from "@/lib/db/connect";
import { type EmulatorHandle, startEmulator } from "@/lib/gateway-emulator";
import { type ParleyServer, startParley } from "../support/parley-server";
import { createStore, deferred, MODEL, readConversation, type Store, textOf } from "../support/persistence";
import { readSse } from "../support/sse-client";

/** How far behind the stream the last save may be: the 1 s promise plus scheduling slack. */
const MAX_LAG_MS = 1_300;

const drivers: DriverName[] = ["pglite", "postgres"];

// Generous: these start real servers on two shared cores.
describe.each(drivers)("a crash mid-answer (%s)", { timeout: 120_000 }, (driver) => {
  let emulator: EmulatorHandle;
  let store: Store;
  const servers: ParleyServer[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    emulator = await startEmulator();
    store = await createStore(driver);
    env = {
      AIGATEWAY_API_KEY: "sk-crash-test",
      AIGATEWAY_BASE_URL: emulator.url,
      GATEWAY_STALL_SECONDS: "5",
      ...store.env,
    };
    servers.push(await startParley(env));
  }, 120_000);

  afterAll(async () => {
    for (const s of servers) await s.stop();
    await emulator?.close();
    await store?.drop();
  });

  it("keeps the partial answer as interrupted after a restart", async () => {
    const parley = servers[0]!;
    // What the browser had received, and when: [time, text so far].
    const timeline: [number, string][] = [];
    let text = "";
    let finished = false;
    const midway = deferred<void>();
    const saved = deferred<{ conversationId: string; userMessageId: string; assistantMessageId: string }>();
    const stream = readSse(
      `${parley.url}/api/chat`,
      {
        model: MODEL,
        message: { id: randomUUID(), content: "Write at length [long:2000] [pace:chunk=15]" },
      },
      {
        onFrame: (f) => {
          if (f.event === "parley.saved") saved.resolve(JSON.parse(f.data));
          if (f.event === "parley.done") finished = true;
          if (f.event) return undefined;
          const delta = JSON.parse(f.data).choices?.[0]?.delta?.content;
          if (typeof delta === "string") text += delta;
          timeline.push([f.at, text]);
          // Far enough in that several progress saves have happened.
          if (f.at - timeline[0]![0] > 2_500) midway.resolve();
          return undefined;
        },
      },
    ).catch(() => null); // the connection dies with the server
    const ids = await saved.promise;
    await midway.promise;
    const killedAt = performance.now();
    await parley.kill("SIGKILL");
    await stream;
    expect(finished).toBe(false);

    const restarted = await startParley(env);
    servers.push(restarted);
    const { messages } = await readConversation(restarted.url, ids.conversationId);
    expect(messages.map((m) => [m.id, m.role])).toEqual([
      [ids.userMessageId, "user"],
      [ids.assistantMessageId, "assistant"],
    ]);
    expect(messages[0]!.parts).toEqual([
      { type: "text", text: "Write at length [long:2000] [pace:chunk=15]" },
    ]);
    const answer = messages[1]!;
    expect(answer.status).toBe("interrupted");
    const kept = textOf(answer.parts);
    // Everything kept was streamed, and at most about a second of the stream is missing.
    expect(text.startsWith(kept)).toBe(true);
    const shownBefore = timeline.filter(([at]) => at <= killedAt - MAX_LAG_MS).at(-1)?.[1] ?? "";
    expect(shownBefore.length).toBeGreaterThan(0);
    expect(kept.length).toBeGreaterThanOrEqual(shownBefore.length);
    expect(restarted.logs()).toContain("marked 1 unfinished message(s) as interrupted");
  });
});
