/**
 * Runs once when the Next.js server starts (lib/server-start.ts: the demo gateway, the database).
 * lib/gateway/embedded.ts and getDb() also start lazily if this was skipped.
 */
export async function register(): Promise<void> {
  // The import stays inside this branch so the bundler drops it from the Edge build.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./lib/server-start");
    await startServer();
  }
}
