/**
 * Two Parley instances behind one PostgreSQL and one Redis (the services .ci/run makes sure are
 * running on 127.0.0.1): an answer begun on A is resumed from B with the same final text, Stop
 * pressed on B stops it on A, and when A dies (SIGKILL) B marks its answer interrupted within the
 * lease time and tells B's readers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorHandle, startEmulator } from "@/lib/gateway-emulator";
import { type ParleyServer, startParley } from "../support/parley-server";
import { createStore, type Store, textOf, until } from "../support/persistence";
import { assemble, chunksIn, newTurn, read, records, stop } from "../support/turns";

const LEASE_SECONDS = 2;

describe("several instances on PostgreSQL and Redis", { timeout: 90_000 }, () => {
  let emulator: EmulatorHandle;
  let store: Store;
  let a: ParleyServer;
  let b: ParleyServer;

  beforeAll(async () => {
    emulator = await startEmulator({ chunkDelayMs: 2 });
    store = await createStore("postgres");
    const env = {
      AIGATEWAY_API_KEY: "sk-multi-instance-test",
      AIGATEWAY_BASE_URL: emulator.url,
      REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
      GENERATION_LEASE_SECONDS: String(LEASE_SECONDS),
      ...store.env,
    };
    [a, b] = await Promise.all([
      startParley({ ...env, PARLEY_INSTANCE_ID: "instance-a" }),
      startParley({ ...env, PARLEY_INSTANCE_ID: "instance-b" }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await emulator?.close();
    await store?.drop();
  });

  it("resumes on B an answer begun on A, ending with the same text", async () => {
    const reference = read(`${a.url}/api/chat`, newTurn("Across instances [long:1500] [pace:chunk=5]"));
    const saved = await reference.saved;
    // A reader on A leaves after 15 frames and comes back on B from its last id.
    const early = read(`${a.url}/api/generations/${saved.generationId}/stream`, undefined, {
      stopWhen: (all) => all.length >= 15,
    });
    const head = (await early.done).frames;
    const rest = read(`${b.url}/api/generations/${saved.generationId}/stream`, undefined, {
      headers: { "Last-Event-ID": head.at(-1)!.id! },
    });
    const tail = (await rest.done).frames;
    const full = (await reference.done).frames;
    expect(Number(tail[0]!.id)).toBe(Number(head.at(-1)!.id) + 1);
    expect([...head, ...tail].map((f) => f.data)).toEqual(full.map((f) => f.data));
    const text = assemble([...head, ...tail]).text;
    expect(text.length).toBeGreaterThan(1000);
    expect(text).toBe(assemble(full).text);
    // B reads the saved answer from the shared database too.
    const { messages } = await records(b.url, saved.conversationId);
    expect(textOf(messages.at(-1)!.parts as never)).toBe(text);
  });

  it("stops from B an answer running on A", async () => {
    const turn = read(`${a.url}/api/chat`, newTurn("Stop me from elsewhere [long:4000] [pace:chunk=10]"));
    const saved = await turn.saved;
    await until(async () => chunksIn(turn.frames).length >= 5, "the answer to start");
    expect((await stop(b.url, saved.generationId)).status).toBe(202);
    const s = await turn.done;
    expect(s.frames.some((f) => f.event === "parley.stopped")).toBe(true);
    const answer = await until(async () => {
      const { messages } = await records(b.url, saved.conversationId);
      return messages.at(-1)?.status !== "streaming" && messages.at(-1);
    }, "the stopped answer's final save");
    expect(answer.status).toBe("stopped");
    expect(textOf(answer.parts as never)).toBe(assemble(s.frames).text);
  });

  it("holds the per-user limit across instances: six sends at once, half to each, three get through", async () => {
    // Default limit: 3 answers at once, counted in the shared database (not per instance).
    const sends = Array.from({ length: 6 }, (_, i) =>
      fetch(`${i % 2 ? b.url : a.url}/api/chat`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(newTurn(`Race ${i} [fault:slow-first-byte:20000]`)),
      }),
    );
    const answers = await Promise.all(sends);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429, 429]);
    for (const res of answers) {
      if (res.status !== 200) {
        await res.body?.cancel();
        continue;
      }
      const reader = res.body!.getReader();
      let text = "";
      while (!text.includes("parley.saved")) text += new TextDecoder().decode((await reader.read()).value);
      const saved = JSON.parse(/event: parley\.saved\ndata: (.*)\n/.exec(text)![1]!);
      expect((await stop(a.url, saved.generationId)).status).toBe(202);
      // Read to the end: the log ends after the run is marked stopped, so the next test starts
      // with no answer running.
      while (!(await reader.read()).done) {}
    }
  });

  it("marks an answer interrupted from B within the lease time when A is killed", async () => {
    const turn = read(`${a.url}/api/chat`, newTurn("Die midway [long:6000] [pace:chunk=10]"));
    // A's connection dies with A: handled from the start, so the reset is not an unhandled rejection.
    const turnDone = turn.done.catch(() => undefined);
    const saved = await turn.saved;
    const watcher = read(`${b.url}/api/generations/${saved.generationId}/stream`, undefined);
    await until(async () => chunksIn(watcher.frames).length >= 5, "B to follow the answer");
    // Killed once A has saved some of it (progress saves come at least once a second).
    await until(async () => {
      const { messages } = await records(b.url, saved.conversationId);
      return textOf(messages.at(-1)!.parts as never).length > 0;
    }, "a progress save");
    const killedAt = performance.now();
    await a.kill("SIGKILL");
    await turnDone;
    const s = await watcher.done;
    const notice = s.frames.find((f) => f.event === "parley.error");
    expect(notice && JSON.parse(notice.data).code).toBe("interrupted");
    const noticedAfterMs = notice!.at - killedAt;
    // Lease expiry (≤ 1 lease after the last renewal) plus one reaper round (½ lease), with slack.
    expect(noticedAfterMs).toBeLessThan(LEASE_SECONDS * 1000 * 2.5);
    const { messages } = await records(b.url, saved.conversationId);
    const answer = messages.at(-1)!;
    expect(answer.status).toBe("interrupted");
    expect(textOf(answer.parts as never).length).toBeGreaterThan(0);
    // B's reader built what was saved, plus at most the last second A never saved.
    expect(assemble(s.frames).text.startsWith(textOf(answer.parts as never))).toBe(true);
  });
});
