/**
 * Runs once when the Next.js server starts. Starting the demo gateway here means the first chat
 * request does not pay for it; lib/gateway/embedded.ts also starts it lazily if this was skipped.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureEmbeddedGateway } = await import("./lib/gateway/embedded");
  await ensureEmbeddedGateway();
}
