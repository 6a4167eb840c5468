import { afterAll, describe, expect, it } from "vitest";
import { percentile, prepareHostileLoad, runHostileLoad } from "../support/hostile-load.ts";
import { createTestConfig } from "../support/test-runtime.ts";
import { startWardenProcess, type WardenProcess } from "../support/warden-process.ts";

// A bounded load check against a real `warden serve`: 20 clients on loopback for LOAD_MS send
// hostile uploads (bogus link tokens with 50 MB bodies, bodies past the upload limit) and a hostile
// PDF to analyse, while a probe times /api/health. The health route must stay responsive: the
// bound tells "blocked for seconds" from "answering", with room for this busy test machine.

const LOAD_MS = 30_000;
const HEALTH_P99_BOUND_MS = 1_000;
describe("bounded load: hostile uploads and documents", () => {
  let server: WardenProcess | undefined;
  const made = createTestConfig({ WARDEN_MAX_UPLOAD_MB: "4" });
  afterAll(async () => {
    await server?.stop();
    await (await made).dispose();
  });

  it("keeps /api/health responsive and fails the hostile PDF, under 20 hostile clients", async () => {
    const { env } = await made;
    server = await startWardenProcess(env, { expectSetupLink: true });
    const base = server.url;
    const setup = await prepareHostileLoad(base, server.setupUrl ?? "");
    const { latencies, unhealthy, statuses, contractId } = await runHostileLoad(base, setup, {
      durationMs: LOAD_MS,
      clients: 20,
    });
    const { legal } = setup;
    const sorted = [...latencies].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    console.log(
      `load check: ${sorted.length} health probes, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms; answers ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(sorted.length).toBeGreaterThan(20);
    expect(unhealthy).toBe(0);
    expect(p99).toBeLessThan(HEALTH_P99_BOUND_MS);
    // The strangers were refused (404, or 429 once over the rate limit), the oversized bodies too (413).
    expect((statuses.get(404) ?? 0) + (statuses.get(429) ?? 0)).toBeGreaterThan(16);
    expect(statuses.get(413) ?? 0).toBeGreaterThan(3);
    expect(statuses.get(201) ?? 0).toBe(0);

    // The hostile PDF ends as a clear failure, never "analysed".
    let contract: { status: string; failureReason?: string | null } = { status: "queued" };
    for (let i = 0; i < 240 && !["failed", "analysed"].includes(contract.status); i++) {
      await new Promise((r) => setTimeout(r, 500));
      contract = (await (
        await fetch(`${base}/api/contracts/${contractId}`, { headers: { authorization: legal } })
      ).json()) as typeof contract;
    }
    console.log(`hostile PDF: ${contract.status}: ${contract.failureReason ?? ""}`);
    expect(contract.status).toBe("failed");
    expect(contract.failureReason).toMatch(/stopped|longer than|too large|more than/i);
  }, 240_000);
});
