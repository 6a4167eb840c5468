import { describe, expect, it } from "vitest";
import { defaultHealthProbeOptions, HealthProbe } from "./health-probe.ts";

const options = { ...defaultHealthProbeOptions, intervalMs: 60_000, timeoutMs: 200 };

describe("health probe", () => {
  it("reports a database that answered, with the check's age and latency", async () => {
    const probe = new HealthProbe(async () => [], options);
    const reading = await probe.read();
    probe.stop();
    expect(reading).toMatchObject({ ok: true, problem: null });
    expect(reading.ageMs).toBeGreaterThanOrEqual(0);
    expect(reading.latencyMs).toBeGreaterThanOrEqual(0);
    expect(reading.checkedAt).not.toBeNull();
  });

  it("reports a failed check as unhealthy, with its error", async () => {
    const probe = new HealthProbe(async () => {
      throw new Error("connection refused");
    }, options);
    const reading = await probe.read();
    probe.stop();
    expect(reading).toMatchObject({ ok: false, problem: "connection refused" });
  });

  it("reports a database that does not answer within the timeout as unhealthy, and never sends a second check meanwhile", async () => {
    let sent = 0;
    const probe = new HealthProbe(() => {
      sent++;
      return new Promise(() => {});
    }, options);
    const reading = await probe.read();
    probe.stop();
    expect(reading).toMatchObject({ ok: false, problem: "the database did not answer within 200 ms" });
    expect((await probe.read()).ok).toBe(false);
    probe.stop();
    expect(sent).toBe(1);
  });

  it("never reports a reading older than the stale limit as healthy", async () => {
    let now = 1_000_000;
    const probe = new HealthProbe(
      async () => [],
      options,
      () => now,
    );
    expect((await probe.read()).ok).toBe(true);
    now += options.staleAfterMs + 1_000;
    // The background check is due only after a minute here: what the route has is too old.
    const stale = await probe.read();
    probe.stop();
    expect(stale.ok).toBe(false);
    expect(stale.problem).toMatch(/last database check ended 6 s ago/);
  });
});
