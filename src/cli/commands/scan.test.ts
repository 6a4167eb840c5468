import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { scratch } from "../../engines/custody/test-repository.ts";
import { runCommand } from "../run-command.test-support.ts";
import { registerScanCommands } from "./scan.ts";

function run(args: string[]) {
  return runCommand(registerScanCommands, args);
}

let work: ReturnType<typeof scratch>;
// Reports, allowlists and policies are written beside the scanned folder, never inside it.
let out: ReturnType<typeof scratch>;
beforeEach(() => {
  work = scratch();
  out = scratch();
  mkdirSync(join(work.dir, "conf"));
  writeFileSync(join(work.dir, "conf", "app.properties"), "db.user=app\ndb.password=Zq8vN2rT5wY1pL7k\n");
  writeFileSync(
    join(work.dir, "README.md"),
    "Set GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx first.\n",
  );
  writeFileSync(join(work.dir, "package.json"), JSON.stringify({ name: "tool", license: "AGPL-3.0-only" }));
});
afterEach(() => {
  work.remove();
  out.remove();
  process.exitCode = undefined;
});

describe("warden scan", () => {
  it("reports a folder's secrets masked, with file, line and column, and exits 1", async () => {
    const { stdout, code } = await run(["scan", "secrets", work.dir]);
    expect(code).toBe(1);
    expect(stdout).toContain("conf/app.properties:2:13  generic-secret-unquoted");
    expect(stdout).not.toContain("Zq8vN2rT5wY1pL7k");
    // The placeholder in the README is not a secret.
    expect(stdout).not.toContain("README.md");
    expect(stdout).toMatch(/1 finding\(s\) in 3 files/);
  });

  it("writes JSON and SARIF that name the same finding, and honours an allowlist", async () => {
    const sarif = join(out.dir, "report.sarif");
    const { stdout } = await run(["scan", "secrets", work.dir, "--json", "--sarif", sarif]);
    const report = JSON.parse(stdout) as { findings: { file: string; fingerprint: string }[] };
    expect(report.findings.map((f) => f.file)).toEqual(["conf/app.properties"]);
    const log = JSON.parse(readFileSync(sarif, "utf8")) as {
      runs: { results: { ruleId: string; partialFingerprints: { secretFingerprint: string } }[] }[];
    };
    expect(log.runs[0]?.results.map((r) => r.ruleId)).toEqual(["secrets/generic-secret-unquoted"]);
    expect(log.runs[0]?.results[0]?.partialFingerprints.secretFingerprint).toBe(
      report.findings[0]?.fingerprint,
    );

    const allow = join(out.dir, "allow.yaml");
    writeFileSync(allow, `fingerprints: [${report.findings[0]?.fingerprint}]\n`);
    const allowed = await run(["scan", "secrets", work.dir, "--allowlist", allow]);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain("No secrets found in 3 files");
  });

  it("judges licences by the default policy or a given one", async () => {
    const refused = await run(["scan", "licences", work.dir]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("AGPL-3.0-only in package tool (package.json) is refused");
    const policy = join(out.dir, "policy.json");
    writeFileSync(policy, JSON.stringify({ deny: ["SSPL*"], warn: [] }));
    const allowed = await run(["scan", "licences", work.dir, "--policy", policy]);
    expect(allowed.code).toBe(0);
  });

  it("refuses a path that is not a folder, and a bad thread count, with exit 2", async () => {
    const missing = await run(["scan", "secrets", join(work.dir, "nope")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("is not a folder");
    const threads = await run(["scan", "secrets", work.dir, "--threads", "0"]);
    expect(threads.code).toBe(2);
    expect(threads.stderr).toContain("--threads must be");
  });
});
