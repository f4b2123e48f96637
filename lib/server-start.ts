import "server-only";
import { getDb } from "./db/client";
import { ensureEmbeddedGateway } from "./gateway/embedded";
import { generationRuntime } from "./generations/runtime";
import { logger } from "./observability/logger";
import { installPeerAddressHeader } from "./security/peer-address";

/**
 * What the Node server does once at start-up (instrumentation.ts). Starting the demo gateway here
 * means the first chat request does not pay for it. Opening the database runs its start-up work
 * (migrations, and marking answers that were still streaming when the last process died as
 * "interrupted") at start rather than whenever a conversation is first read.
 *
 * The database is not awaited: every query goes through getDb(), which resolves only after that
 * start-up work, so nothing can read a stale "streaming" row, and requests that need no database
 * (health checks) are served at once. One that is down must not stop the server either: getDb()
 * retries on the next request.
 */
export async function startServer(): Promise<void> {
  installPeerAddressHeader();
  await ensureEmbeddedGateway();
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  void getDb().catch((e: unknown) =>
    logger.error(
      { err: e, module: "db" },
      "database not available at start-up; retrying on the next request",
    ),
  );
  // Leases and the reaper start with the server, so dead instances' answers are marked
  // interrupted even before this instance serves its first answer.
  generationRuntime();
}
