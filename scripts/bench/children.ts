/**
 * Child processes for a benchmark (the emulator, `next start` instances): output to a log file
 * each, readiness by polling a URL, and a stop that leaves nothing behind: SIGTERM to the process,
 * then SIGKILL to whatever is left of its tree. Children still alive when the benchmark exits
 * (an exception, Ctrl-C) are killed too.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import path from "node:path";
import { processTree } from "./proc-cpu";

const root = path.resolve(__dirname, "../..");

export type Child = { name: string; pid: number; proc: ChildProcess; logFile: string };

const live = new Set<Child>();

function killTreeNow(rootPid: number): void {
  for (const pid of processTree(rootPid).reverse()) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

let guarded = false;
function guardExit(): void {
  if (guarded) return;
  guarded = true;
  process.on("exit", () => {
    for (const c of live) killTreeNow(c.pid);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      for (const c of live) killTreeNow(c.pid);
      process.exit(130);
    });
  }
}

export function startChild(
  name: string,
  cmd: string,
  args: string[],
  env: Record<string, string>,
  logDir: string,
): Child {
  guardExit();
  const logFile = path.join(logDir, `${name}.log`);
  const fd = openSync(logFile, "a");
  const proc = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  if (proc.pid === undefined) throw new Error(`${name}: could not start ${cmd}`);
  const child = { name, pid: proc.pid, proc, logFile };
  live.add(child);
  proc.once("exit", () => live.delete(child));
  return child;
}

const exited = (c: Child) => c.proc.exitCode !== null || c.proc.signalCode !== null;

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

/** Polls `url` until it answers below 500 (for at most `timeoutMs`), failing early if `child` dies. */
export async function waitFor(
  url: string,
  child?: Child,
  init?: RequestInit,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && exited(child)) {
      throw new Error(
        `${child.name} exited while starting; last lines of ${child.logFile}:\n${tail(child.logFile)}`,
      );
    }
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
      await res.body?.cancel();
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

/** SIGTERM, up to `graceMs` to exit, then SIGKILL for the process and all its descendants. */
export async function stopChild(c: Child, graceMs = 5000): Promise<void> {
  // Descendants are found through their parent: list them before the parent goes.
  const tree = processTree(c.pid);
  if (!exited(c)) {
    const gone = new Promise<void>((resolve) => c.proc.once("exit", () => resolve()));
    c.proc.kill("SIGTERM");
    await Promise.race([gone, new Promise((r) => setTimeout(r, graceMs))]);
  }
  const late = exited(c) ? [] : processTree(c.pid);
  for (const pid of new Set([...tree, ...late])) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  live.delete(c);
}

export async function stopChildren(children: Child[]): Promise<void> {
  await Promise.all(children.map((c) => stopChild(c)));
}
