import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { renderDocx, renderPdf } from "../../engines/contracts/fixtures/render-contract.ts";
import {
  indianServicesAgreement,
  ukServicesAgreement,
} from "../../engines/contracts/fixtures/sample-contracts.ts";
import { runCommand } from "../run-command.test-support.ts";
import { registerContractCommands } from "./contract.ts";

const dir = mkdtempSync(join(tmpdir(), "warden-contract-"));

function run(args: string[]) {
  return runCommand(registerContractCommands, args);
}

afterEach(() => {
  process.exitCode = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("warden contract analyze", () => {
  it("prints clauses with offsets, terms and checks as JSON and exits 0 even when checks fail", async () => {
    const file = join(dir, "india.pdf");
    writeFileSync(file, await renderPdf(indianServicesAgreement));
    const { stdout, code } = await run(["contract", "analyze", file, "--json"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.format).toBe("pdf");
    const law = result.clauses.find((c: { type: string }) => c.type === "governing-law");
    expect(law).toMatchObject({
      type: "governing-law",
      start: expect.any(Number),
      end: expect.any(Number),
      score: expect.any(Number),
    });
    expect(law.text).toMatch(/laws of India/);
    expect(result.terms.governingLaw.country).toBe("IN");
    const ct4 = result.checks.find((c: { control: string }) => c.control === "CT-4");
    expect(ct4).toMatchObject({ status: "fail", reason: expect.any(String) });
  });

  it("takes the home country from --home", async () => {
    const file = join(dir, "india.pdf");
    writeFileSync(file, await renderPdf(indianServicesAgreement));
    const { stdout } = await run(["contract", "analyze", file, "--json", "--home", "in"]);
    const ct8 = JSON.parse(stdout).checks.find((c: { control: string }) => c.control === "CT-8");
    expect(ct8.status).toBe("pass");
  });

  it("judges the arbitration seat for the vendor's country with --vendor-country", async () => {
    const contract = [
      "1. Governing Law. This Agreement is governed by the laws of England and Wales.",
      "2. Disputes. Any dispute shall be finally resolved by arbitration under the LCIA Rules. The seat of arbitration shall be London.",
    ].join("\n\n");
    const file = join(dir, "arbitration.txt");
    writeFileSync(file, contract);
    const ct8 = async (args: string[]) =>
      JSON.parse((await run(["contract", "analyze", file, "--json", ...args])).stdout).checks.find(
        (c: { control: string }) => c.control === "CT-8",
      );
    expect((await ct8(["--vendor-country", "IN"])).status).toBe("pass");
    // Taiwan is not a party to the New York Convention: a London award is not surely enforceable there.
    expect((await ct8(["--vendor-country", "TW"])).status).toBe("fail");
  });

  it("prints a readable table of clauses, key terms and checks", async () => {
    const file = join(dir, "uk.docx");
    writeFileSync(file, await renderDocx(ukServicesAgreement));
    const { stdout, code } = await run(["contract", "analyze", file]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^uk\.docx: docx, \d+ characters, \d+ clause\(s\) found/);
    expect(stdout).toMatch(/liquidated-damages\s+CT-5\s+2\.2/);
    expect(stdout).toMatch(/governing law\s+England and Wales \(GB\)/);
    expect(stdout).toMatch(/CT-6\s+FAIL\s+No right to inspect or audit/);
  });

  it("exits with a usage code and a clear message for a file it cannot read", async () => {
    const file = join(dir, "locked.pdf");
    writeFileSync(file, "%PDF-1.7\nnot really a pdf\n%%EOF");
    const bad = await run(["contract", "analyze", file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^warden: The PDF/);

    const missing = await run(["contract", "analyze", join(dir, "nope.pdf")]);
    expect(missing.code).toBe(5);
  });

  it("rejects an invalid policy file", async () => {
    const policy = join(dir, "policy.yaml");
    writeFileSync(policy, "homeCountry: united states\n");
    const file = join(dir, "uk.docx");
    writeFileSync(file, await renderDocx(ukServicesAgreement));
    const { code, stderr } = await run(["contract", "analyze", file, "--policy", policy]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/homeCountry/);
  });
});
