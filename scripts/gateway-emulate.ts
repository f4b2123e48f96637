/**
 * Runs the gateway emulator on its own, for curl, the benchmarks or a Parley pointed at it:
 *
 *   npm run gateway:emulate -- --port 8787 [--replay FILE [FILE …]]… [--chunk-delay-ms N]
 *                              [--first-byte-ms N] [--replay-dir DIR] [--no-auth] [--stamp] [--quiet]
 *
 * `--replay a.sse b.json c.429.json`, `--replay a.sse --replay b.json` and a mix of the two all
 * mean the same list, in the order given.
 *
 * Prints the base URL (ending in /v1) on stdout and exits cleanly on SIGINT/SIGTERM.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { startEmulator } from "../lib/gateway-emulator";

const { values, tokens } = parseArgs({
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
  // Positionals are allowed only so that `--replay` can take several files; replayFiles() rejects
  // any other stray word, which the strict parser would have done.
  allowPositionals: true,
  tokens: true,
});

if (values.help) {
  console.log(
    "Usage: npm run gateway:emulate -- --port P [--replay FILE [FILE …]]… [--chunk-delay-ms N] [--first-byte-ms N]",
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

/**
 * The files of every `--replay`, in order: its own value plus the bare words right after it. A bare
 * word after any other flag (or after `--`) is still a mistake, reported as parseArgs would.
 */
function replayFiles(): string[] {
  const files: string[] = [];
  let inReplay = false;
  for (const token of tokens) {
    if (token.kind === "option") {
      inReplay = token.name === "replay";
      if (inReplay && token.value !== undefined) files.push(token.value);
    } else if (token.kind === "positional" && inReplay) {
      files.push(token.value);
    } else {
      const what = token.kind === "positional" ? `"${token.value}"` : "--";
      console.error(`Unexpected argument ${what}: only --replay takes several values. See --help.`);
      process.exit(2);
    }
  }
  return files;
}

async function main() {
  const replay = replayFiles();
  const handle = await startEmulator({
    port: num("port", values.port),
    host: values.host,
    replay: replay.length > 0 ? replay.map((f) => path.resolve(f)) : undefined,
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
