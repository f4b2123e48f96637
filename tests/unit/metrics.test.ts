import { describe, expect, it, vi } from "vitest";
import * as metrics from "@/lib/observability/metrics";

/** The value of one sample line, e.g. `parley_tokens_total{model="m",kind="prompt"}`; undefined if absent. */
async function sample(series: string): Promise<number | undefined> {
  const line = (await metrics.metricsText()).split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("metrics", () => {
  it("tracks active generations and counts how they ended", async () => {
    expect(await sample("parley_active_generations")).toBe(0);
    metrics.generationStarted("anthropic/claude-sonnet-4");
    metrics.generationStarted("anthropic/claude-sonnet-4");
    expect(await sample("parley_active_generations")).toBe(2);
    metrics.generationEnded("anthropic/claude-sonnet-4", "done");
    metrics.generationEnded("anthropic/claude-sonnet-4", "stopped");
    // One "ended" too many (a bug elsewhere) must not leave the gauge negative.
    metrics.generationEnded("anthropic/claude-sonnet-4", "error");
    expect(await sample("parley_active_generations")).toBe(0);
    expect(await sample('parley_generations_total{model="anthropic/claude-sonnet-4",status="done"}')).toBe(1);
    expect(await sample('parley_generations_total{model="anthropic/claude-sonnet-4",status="error"}')).toBe(
      1,
    );
  });

  it("observes time to first token in seconds", async () => {
    metrics.observeTimeToFirstToken("m1", 400);
    metrics.observeTimeToFirstToken("m1", 12_000);
    metrics.observeTimeToFirstToken("m1", Number.NaN);
    expect(await sample('parley_time_to_first_token_seconds_bucket{le="0.5",model="m1"}')).toBe(1);
    expect(await sample('parley_time_to_first_token_seconds_bucket{le="15",model="m1"}')).toBe(2);
    expect(await sample('parley_time_to_first_token_seconds_count{model="m1"}')).toBe(2);
    expect(await sample('parley_time_to_first_token_seconds_sum{model="m1"}')).toBeCloseTo(12.4);
  });

  it("counts gateway errors, tokens and resumes, ignoring values a counter cannot take", async () => {
    metrics.countGatewayError("rate_limited");
    metrics.countGatewayError("rate_limited");
    metrics.countTokens("m2", "prompt", 120);
    metrics.countTokens("m2", "reasoning", 30);
    metrics.countTokens("m2", "completion", -5);
    metrics.countTokens("m2", "completion", Number.POSITIVE_INFINITY);
    metrics.countResume();
    expect(await sample('parley_gateway_errors_total{code="rate_limited"}')).toBe(2);
    expect(await sample('parley_tokens_total{model="m2",kind="prompt"}')).toBe(120);
    expect(await sample('parley_tokens_total{model="m2",kind="reasoning"}')).toBe(30);
    expect(await sample('parley_tokens_total{model="m2",kind="completion"}')).toBeUndefined();
    expect(await sample("parley_stream_resumes_total")).toBe(1);
  });

  it("bounds label values: odd ones and the many become other", async () => {
    metrics.countGatewayError('bad"code\nx');
    for (let i = 0; i < 60; i++) metrics.countGatewayError(`code_${i}`);
    const text = await metrics.metricsText();
    expect(text).not.toContain("bad");
    expect(text).not.toContain("code_59");
    // rate_limited (earlier test) + 49 new codes fill the 50; the odd one and 11 more are "other".
    expect(await sample('parley_gateway_errors_total{code="other"}')).toBe(12);
  });

  it("serves default process metrics and keeps one registry when the module loads again", async () => {
    expect(await metrics.metricsText()).toContain("process_cpu_user_seconds_total");
    vi.resetModules();
    const again = await import("@/lib/observability/metrics");
    again.countResume();
    expect(await sample("parley_stream_resumes_total")).toBe(2);
    expect(again.metricsContentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});
