import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export type ParleyServer = {
  url: string;
  port: number;
  logs: () => string;
  stop(): Promise<void>;
  /** Sends `signal` (e.g. SIGKILL: a crash, no shutdown code runs) and resolves once it exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
};

/**
 * Starts the production build of Parley (`next start`) on a free port with the given environment
 * and resolves once /api/health?ready answers (database open). Integration tests talk to it over real HTTP, exactly as a
 * browser does. Requires `next build` to have run (scripts/test.sh does it first).
 */
export async function startParley(env: Record<string, string | undefined>): Promise<ParleyServer> {
  if (!existsSync(path.join(root, process.env.PARLEY_DIST_DIR || ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npx next build` before the integration tests.");
  }
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(
    path.join(root, "node_modules/.bin/next"),
    ["start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        ...env,
        PORT: String(port),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`next start exited (${code}):\n${output}`))),
  );
  await Promise.race([waitForHealth(`${url}/api/health?ready`), exited]);
  return {
    url,
    port,
    logs: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        // A killed child has a signalCode and no exitCode; either way it has already gone.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
    kill: (signal) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`Parley did not become healthy at ${url}`);
    await new Promise((r) => setTimeout(r, 100)); // polling a readiness probe, not synchronising a test
  }
}
