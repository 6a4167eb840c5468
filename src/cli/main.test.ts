import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../test/support/run-cli.ts";
import { renderText } from "../engines/contracts/fixtures/render-contract.ts";
import { sampleContracts } from "../engines/contracts/fixtures/sample-contracts.ts";

const dir = mkdtempSync(join(tmpdir(), "warden-main-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("warden's output through a pipe", () => {
  it("writes a report larger than 1 MiB whole before it exits", async () => {
    // A long contract: its JSON analysis (every clause with its text) is well over 1 MiB.
    let text = "";
    for (let i = 0; text.length < 900_000; i++) {
      text += `${renderText(sampleContracts[i % sampleContracts.length] as (typeof sampleContracts)[number])}\n\n`;
    }
    const file = join(dir, "long-contract.txt");
    writeFileSync(file, text);

    const { code, stdout, stderr } = await runCli(["contract", "analyze", file, "--json"], {});

    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(Buffer.byteLength(stdout)).toBeGreaterThan(1024 * 1024);
    const report = JSON.parse(stdout) as { characters: number; clauses: unknown[] };
    expect(report.characters).toBe(text.length);
    expect(report.clauses.length).toBeGreaterThan(1000);
  });
});

describe("the warden command", () => {
  it("runs from another folder, built or not (a checkout runs its sources through tsx)", async () => {
    const { spawnSync } = await import("node:child_process");
    const bin = join(import.meta.dirname, "..", "..", "bin", "warden.js");
    const elsewhere = mkdtempSync(join(tmpdir(), "warden-elsewhere-"));
    try {
      const run = spawnSync(process.execPath, [bin, "--help"], {
        cwd: elsewhere,
        env: { ...process.env, WARDEN_DATA_DIR: join(elsewhere, "data") },
        encoding: "utf8",
        timeout: 120_000,
      });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^Usage: warden/);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
