/**
 * Issue 12's targets, collected from every benchmark of one `npm run bench` and printed together at
 * the end, each with its figure, its ratio where it has one, and met / not met. A benchmark calls
 * `recordTarget` for each target it measures; a target it did not run (`--only`) is listed as
 * "not run", so a partial run never reads as a pass.
 */
export type TargetArea = "first paint" | "long tasks" | "bundle" | "relay";

export type TargetRow = {
  area: TargetArea;
  /** What is measured, e.g. "first contentful paint with the sidebar list". */
  metric: string;
  value: number | null;
  unit: string;
  /** The target in words, e.g. "< 300 ms" or "≤ 1.5× bare proxy". */
  target: string;
  met: boolean | null;
  /** Side-by-side figure or ratio, e.g. "relay 310 vs proxy 190 = 1.63×". */
  detail?: string;
};

/** Every target the issue names, so one missing from a run is printed as "not run". */
export const EXPECTED: { area: TargetArea; metric: string }[] = [
  { area: "first paint", metric: "FCP with sidebar list (10k conversations)" },
  { area: "first paint", metric: "last message of a 2,000-message conversation visible" },
  { area: "long tasks", metric: "main-thread tasks over 50 ms (turn start to end)" },
  { area: "long tasks", metric: "frames per second while streaming" },
  { area: "long tasks", metric: "busy time, last 1k tokens / first 1k" },
  { area: "bundle", metric: "chat page first-load JS (gzip)" },
  { area: "relay", metric: "CPU per 1,000 events at 200 streams, relay / bare proxy" },
  { area: "relay", metric: "CPU per stream open at 200 streams, relay / bare proxy" },
  { area: "relay", metric: "TTFB over direct at 1 stream" },
  { area: "relay", metric: "errors at 500 streams" },
  { area: "relay", metric: "p99 TTFB at 500 streams" },
];

const rows: TargetRow[] = [];

export function recordTarget(row: TargetRow): void {
  rows.push(row);
}

export function recordedTargets(): TargetRow[] {
  return [...rows];
}

function fmt(v: number | null): string {
  if (v === null || Number.isNaN(v)) return "—";
  return v.toFixed(Math.abs(v) >= 100 ? 0 : 2);
}

export function printTargets(): TargetRow[] {
  const all: TargetRow[] = [...rows];
  for (const e of EXPECTED) {
    if (!rows.some((r) => r.area === e.area && r.metric === e.metric)) {
      all.push({ ...e, value: null, unit: "", target: "", met: null, detail: "not run" });
    }
  }
  console.log("\nIssue 12 targets (one run)");
  console.log(
    `${"area".padEnd(12)} ${"metric".padEnd(58)} ${"value".padStart(9)} unit  ${"target".padEnd(22)} result`,
  );
  for (const r of all) {
    const result = r.met === null ? (r.detail === "not run" ? "not run" : "—") : r.met ? "met" : "NOT MET";
    console.log(
      `${r.area.padEnd(12)} ${r.metric.padEnd(58)} ${fmt(r.value).padStart(9)} ${r.unit.padEnd(5)} ${r.target.padEnd(22)} ${result}${r.detail && r.detail !== "not run" ? `  (${r.detail})` : ""}`,
    );
  }
  const measured = all.filter((r) => r.met !== null);
  console.log(
    `${measured.filter((r) => r.met).length} of ${all.length} targets met${all.length > measured.length ? `, ${all.length - measured.length} not run` : ""}`,
  );
  return all;
}
