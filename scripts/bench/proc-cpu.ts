import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

type ProcStat = { ppid: number; ticks: number };

function readStats(): Map<number, ProcStat> {
  const stats = new Map<number, ProcStat>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, "utf8");
      // Fields after the command name (which may contain spaces) start after the last ')'.
      const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended while we looked.
    }
  }
  return stats;
}

function treeOf(rootPid: number, stats: Map<number, ProcStat>): number[] {
  const pids: number[] = [];
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    if (!stats.has(pid)) continue;
    pids.push(pid);
    for (const [child, s] of stats) if (s.ppid === pid) pending.push(child);
  }
  return pids;
}

/** A process and all its descendants that are alive now. */
export function processTree(rootPid: number): number[] {
  return treeOf(rootPid, readStats());
}

/** CPU seconds (user + system) used so far by a process and all its descendants, from /proc. */
export function treeCpuSeconds(rootPid: number): number {
  const stats = readStats();
  const ticks = treeOf(rootPid, stats).reduce((n, pid) => n + (stats.get(pid)?.ticks ?? 0), 0);
  return ticks / TICKS_PER_SECOND;
}

/** Resident memory (VmRSS) of a process and all its descendants now, in bytes. */
export function treeRssBytes(rootPid: number): number {
  let kb = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) kb += Number(m[1]);
    } catch {
      // The process ended while we looked.
    }
  }
  return kb * 1024;
}

/**
 * CPU seconds used so far by a system service (every process named `name`, e.g. "postgres",
 * "redis-server"), counting children that already exited (a closed connection's backend) through
 * their parent's cutime/cstime. The whole service: whatever else uses it is counted too.
 */
export function serviceCpuSeconds(name: string): number {
  const procs = new Map<number, { comm: string; ppid: number; own: number; reaped: number }>();
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const text = readFileSync(`/proc/${pid}/stat`, "utf8");
      const comm = text.slice(text.indexOf("(") + 1, text.lastIndexOf(")"));
      const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
      procs.set(Number(pid), {
        comm,
        ppid: Number(f[1]),
        own: Number(f[11]) + Number(f[12]),
        reaped: Number(f[13]) + Number(f[14]),
      });
    } catch {
      // The process ended while we looked.
    }
  }
  let ticks = 0;
  for (const p of procs.values()) {
    if (!p.comm.startsWith(name)) continue;
    ticks += p.own;
    // A service's root process also carries what its exited children used.
    if (!procs.get(p.ppid)?.comm.startsWith(name)) ticks += p.reaped;
  }
  return ticks / TICKS_PER_SECOND;
}

/** Jiffies the whole machine spent busy and in total so far (for "how loaded was the host"). */
export function hostCpuTicks(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return { busy: total - idle, total };
}
