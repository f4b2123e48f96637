/**
 * Runs the gateway emulator on its own, for curl, the benchmarks or a Parley pointed at it:
 *
 *   npm run gateway:emulate -- --port 8787 [--replay FILE …] [--chunk-delay-ms N]
 *                              [--first-byte-ms N] [--replay-dir DIR] [--no-auth] [--stamp] [--quiet]
 *
 * Prints the base URL (ending in /v1) on stdout and exits cleanly on SIGINT/SIGTERM.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { startEmulator } from "../lib/gateway-emulator";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8787" },
    host: { type: "string", default: "127.0.0.1" },
    replay: { type: "string", multiple: true },
    "replay-dir": { type: "string" },
    "chunk-delay-ms": { type: "string" },
    "first-byte-ms": { type: "string" },
    "chunk-size": { type: "string" },
    "replay-chunk-delay-ms": { type: "string" },
    "no-auth": { type: "boolean", default: false },
    stamp: { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
  allowPositionals: false,
});

if (values.help) {
  console.log(
    "Usage: npm run gateway:emulate -- --port P [--replay FILE …] [--chunk-delay-ms N] [--first-byte-ms N]",
  );
  console.log(
    "       [--replay-dir DIR] [--replay-chunk-delay-ms N] [--chunk-size N] [--no-auth] [--stamp] [--quiet]",
  );
  process.exit(0);
}

/** A number flag, or undefined when absent; a typo must fail loudly rather than mean 0. */
function num(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${flag} expects a non-negative number, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

async function main() {
  const handle = await startEmulator({
    port: num("port", values.port),
    host: values.host,
    replay: values.replay?.map((f) => path.resolve(f)),
    replayDir: values["replay-dir"] ? path.resolve(values["replay-dir"]) : undefined,
    chunkDelayMs: num("chunk-delay-ms", values["chunk-delay-ms"]),
    firstByteDelayMs: num("first-byte-ms", values["first-byte-ms"]),
    chunkSize: num("chunk-size", values["chunk-size"]),
    replayChunkDelayMs: num("replay-chunk-delay-ms", values["replay-chunk-delay-ms"]),
    requireAuth: !values["no-auth"],
    stamp: values.stamp,
    // Logs go to stderr so stdout carries only the URL (scripts read it).
    log: values.quiet ? undefined : (line) => console.error(`[emulator] ${line}`),
  });
  console.log(handle.url);

  let closing = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      // A second signal while closing means "now".
      if (closing) process.exit(1);
      closing = true;
      handle.close().then(() => process.exit(0));
    });
  }
}

// tsx runs this file as CommonJS, where top-level await is not available.
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
