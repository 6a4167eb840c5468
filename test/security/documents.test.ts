import { describe, expect, it } from "vitest";
import { extractText } from "../../src/engines/contracts/extract-text.ts";
import { readDocument } from "../../src/engines/leaks/read-document.ts";
import { textOperatorPdf } from "../support/hostile-pdf.ts";

// Hostile documents: a one-page PDF whose text operators cost pdf.js many seconds of CPU. The
// parser must not hold the event loop while it works, and an overrun is an error, never a text.

/** The longest the event loop went without running a 20 ms timer while `work` ran. */
async function longestStall(work: () => Promise<unknown>): Promise<{ stallMs: number; outcome: unknown }> {
  let longest = 0;
  let last = performance.now();
  const probe = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 20);
  let outcome: unknown;
  try {
    outcome = await work();
  } catch (error) {
    outcome = error;
  } finally {
    clearInterval(probe);
  }
  return { stallMs: longest, outcome };
}

describe("hostile documents", () => {
  // Built once, before any probe runs: building it takes a while itself.
  const bomb = textOperatorPdf(1_000_000, "Confidential", 6);
  const ordinary = textOperatorPdf(60, "The Supplier assigns all intellectual property to the Client");

  it("stops a PDF text-operator bomb at its time budget, as a timeout, while the event loop keeps running", async () => {
    // The thread is started and warmed first: starting it is not the document's time.
    expect((await extractText(ordinary)).text).toContain("intellectual property");
    const started = performance.now();
    const { stallMs, outcome } = await longestStall(() =>
      extractText(bomb, { limits: { timeBudgetMs: 3_000 } }),
    );
    expect(outcome).toMatchObject({ code: "timeout" });
    expect(String((outcome as Error).message)).toContain("was stopped");
    // Stopped at its budget (3 s), not when pdf.js finished by itself; the loop never stalled for a second.
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(stallMs).toBeLessThan(1_000);
    // The next document is read as usual, by a fresh thread.
    expect((await extractText(ordinary)).format).toBe("pdf");
  });

  it("stops the same bomb in the leak engine's document reader", async () => {
    expect((await readDocument("plan.pdf", ordinary)).text).toContain("intellectual property");
    const { stallMs, outcome } = await longestStall(() =>
      readDocument("suspect.pdf", bomb, { timeMs: 3_000, memoryBytes: 512 * 1024 ** 2 }),
    );
    expect(outcome).toMatchObject({ code: "timeout" });
    expect(stallMs).toBeLessThan(1_000);
  });
});
