import { z } from "zod";
import { getGeneration } from "@/lib/db/queries/generations";
import { serverEnv } from "@/lib/env";
import { countResume } from "@/lib/observability/metrics";
import { followResponse } from "@/lib/relay/follow-response";
import { handle, notFoundError, parse, session } from "../../../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

const lastEventId = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * `GET /api/generations/<id>/stream`: the generation's events after `Last-Event-ID` (the header a
 * browser's EventSource sends on reconnect, or `?lastEventId=` for fetch readers), then live ones.
 * Without an id, from the first event.
 */
export const GET = handle(async (request: Request, { params }: Ctx) => {
  const { id } = await params;
  const { db, userId } = await session(request);
  const generation = await getGeneration(db, { userId, generationId: id });
  if (!generation) throw notFoundError("answer");
  const raw =
    request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId") ?? "0";
  const afterId = parse(lastEventId, raw.trim() || "0");
  if (afterId > 0) countResume();
  return followResponse({
    generationId: generation.id,
    afterId,
    running: generation.status === "running",
    signal: request.signal,
    pingMs: serverEnv().RELAY_PING_SECONDS * 1000,
  });
});
