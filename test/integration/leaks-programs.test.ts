import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disguiseProgram } from "../../bench/leaks/disguise-program.ts";
import { FingerprintIndex } from "../../src/engines/leaks/index.ts";
import { traceProgram } from "../../src/engines/leaks/trace-program.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import { indexSource } from "../../src/services/leaks/index-source.ts";
import { traceRecorded } from "../../src/services/leaks/trace-recorded.ts";
import { contextFor, makeEngagement, makeUser } from "../support/fixtures.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const root = process.cwd();
const readFolder = (folder: string, pattern: RegExp) =>
  readdirSync(join(root, folder))
    .filter((name) => pattern.test(name) && !name.includes(".test."))
    .sort()
    .map((name) => ({ path: name, text: readFileSync(join(root, folder, name), "utf8") }));

/** Three of the project's own folders, indexed as three programs. */
function indexPrograms() {
  const index = new FingerprintIndex();
  const programs = {
    access: readFolder("src/engines/access", /\.ts$/),
    questionnaire: readFolder("src/engines/questionnaire", /\.ts$/),
    jurisdiction: readFolder("src/engines/jurisdiction", /\.ts$/),
  };
  for (const [name, files] of Object.entries(programs))
    for (const f of files) index.add(`${name}/${f.path}`, f.text);
  return { index, programs };
}

describe("program-level attribution", () => {
  it("names the source of a disguised multi-file program at the defaults, with its file pairs", () => {
    const { index, programs } = indexPrograms();
    const copy = disguiseProgram(programs.access, ["reorder", "dead", "rewrite", "split", "merge"], 3);
    // No file of the copy is named alone at the file-level default.
    const alone = copy.filter((f) => index.trace(f.text).length > 0);
    expect(alone.length).toBeLessThan(copy.length / 2);

    const verdict = traceProgram(
      copy.map((f) => ({ name: f.path, text: f.text })),
      index,
    );
    expect(verdict.program).toBe("access");
    expect(verdict.confidence).toBeGreaterThan(0.999999);
    const best = verdict.matches[0]!;
    expect(best.pairs.length).toBeGreaterThanOrEqual(4);
    expect(new Set(best.pairs.map((p) => p.source)).size).toBe(best.pairs.length);
    expect(new Set(best.pairs.map((p) => p.suspect)).size).toBe(best.pairs.length);
    for (const p of best.pairs) expect(p.regions.length).toBeGreaterThan(0);
  });

  it("names nothing for an unrelated program", () => {
    const { index } = indexPrograms();
    const commander = readFolder("node_modules/commander/lib", /\.js$/);
    expect(commander.length).toBeGreaterThanOrEqual(4);
    const verdict = traceProgram(
      commander.map((f) => ({ name: f.path, text: f.text })),
      index,
    );
    expect(verdict.program).toBeUndefined();
    expect(verdict.confidence).toBe(0);
  });
});

describe("program-level attribution through the database", () => {
  let runtime: TestRuntime;
  let security: ServiceContext;
  let engagementId: string;
  beforeAll(async () => {
    runtime = await createTestRuntime();
    security = contextFor(runtime, await makeUser(runtime, "security"));
    engagementId = (await makeEngagement(runtime, { name: "Program Vendor Ltd" })).engagementId;
    const { programs } = indexPrograms();
    for (const [name, files] of Object.entries(programs))
      for (const f of files)
        await indexSource(security, {
          kind: "delivery",
          ref: `release-${name}`,
          path: f.path,
          text: f.text,
          engagementId,
        });
  }, 120_000);
  afterAll(async () => runtime.close());

  it("names the delivery a disguised folder was taken from, with the file pairs, and nothing for unrelated code", async () => {
    const { programs } = indexPrograms();
    const copy = disguiseProgram(programs.questionnaire, ["reorder", "dead", "split"], 8);
    const report = await traceRecorded(
      security,
      copy.map((f) => ({ name: f.path, text: f.text, metadata: "" })),
    );
    expect(report.program).toMatchObject({ named: true, kind: "delivery", ref: "release-questionnaire" });
    expect(report.verdict).toBe("source");
    expect(report.engagementId).toBe(engagementId);
    expect(report.program!.pairs.length).toBeGreaterThan(3);
    expect(report.summary).toContain("as one program");

    const commander = readFolder("node_modules/commander/lib", /\.js$/);
    const unrelated = await traceRecorded(
      security,
      commander.map((f) => ({ name: f.path, text: f.text, metadata: "" })),
    );
    expect(unrelated.program?.named ?? false).toBe(false);
    expect(unrelated.verdict).toBe("none");
  });
});
