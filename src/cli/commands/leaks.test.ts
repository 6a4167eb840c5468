import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { create as createTar } from "tar";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { disguiseProgram } from "../../../bench/leaks/disguise-program.ts";
import { runCommand } from "../run-command.test-support.ts";
import { registerLeaksCommands } from "./leaks.ts";

let work: string;

async function run(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const { stdout, stderr, code } = await runCommand(registerLeaksCommands, args);
  return { out: stdout, err: stderr, code };
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "warden-cli-leaks-"));
  await writeFile(
    join(work, "report.md"),
    await readFile(new URL("../../engines/leaks/fixtures/assessment-report.md", import.meta.url)),
  );
});
afterAll(() => rm(work, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

describe("warden share and trace", () => {
  it("shares marked copies and traces a leaked excerpt to the file and the recipient", async () => {
    const shared = await run(
      "share",
      join(work, "report.md"),
      "--to",
      "alice",
      "bob",
      "--out",
      join(work, "out"),
      "--json",
    );
    expect(shared.code).toBe(0);
    const { shares } = JSON.parse(shared.out) as {
      shares: { recipient: string; payload: number; outPath: string }[];
    };
    expect(shares.map((s) => s.recipient)).toEqual(["alice", "bob"]);

    const leak = join(work, "leak.txt");
    await writeFile(leak, (await readFile(shares[1]!.outPath, "utf8")).slice(1000, 2200));
    const traced = await run("trace", leak, "--against", join(work, "out"), "--json");
    expect(traced.code).toBe(0);
    const report = JSON.parse(traced.out) as {
      matches: { source: string; score: number; recipient?: string }[];
    };
    expect(report.matches[0]!.source).toMatch(/report\.md$/);
    expect(report.matches[0]!.recipient).toBe("bob");
    const scores = report.matches.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("reports a mark whose copy is not recorded as found, with its payload, not as absent", async () => {
    const shared = await run(
      "share",
      join(work, "report.md"),
      "--to",
      "carol",
      "--out",
      join(work, "elsewhere"),
      "--json",
    );
    const [copy] = (JSON.parse(shared.out) as { shares: { payload: number; outPath: string }[] }).shares;
    const leak = join(work, "unrecorded.txt");
    await writeFile(leak, (await readFile(copy!.outPath, "utf8")).slice(500, 1700));
    const originals = join(work, "originals");
    await mkdir(originals, { recursive: true });
    await writeFile(join(originals, "other.md"), "An unrelated note about the weather and the harvest.\n");
    const traced = await run("trace", leak, "--against", originals);
    expect(traced.code).toBe(0);
    expect(traced.out).toContain(`mark found, payload ${copy!.payload}, not recorded in this Warden`);
    expect(traced.out).not.toContain("no source and no mark found");
  });

  it("traces a disguised folder as one program to the folder of originals it came from", async () => {
    const originals = join(work, "programs");
    for (const folder of ["access", "questionnaire"]) {
      const from = join(process.cwd(), "src/engines", folder);
      await mkdir(join(originals, folder), { recursive: true });
      for (const name of await readdir(from))
        if (name.endsWith(".ts"))
          await writeFile(join(originals, folder, name), await readFile(join(from, name)));
    }
    const from = join(process.cwd(), "src/engines/access");
    const files = [];
    for (const name of await readdir(from))
      if (name.endsWith(".ts") && !name.includes(".test."))
        files.push({ path: name, text: await readFile(join(from, name), "utf8") });
    const suspect = join(work, "suspect-program");
    for (const f of disguiseProgram(files, ["reorder", "dead", "rewrite", "split"], 11)) {
      await mkdir(dirname(join(suspect, f.path)), { recursive: true });
      await writeFile(join(suspect, f.path), f.text);
    }
    const traced = await run("trace", suspect, "--against", originals, "--json");
    expect(traced.code).toBe(0);
    const report = JSON.parse(traced.out) as {
      program: { source: string | null; matches: { pairs: { suspect: string; source: string }[] }[] };
    };
    expect(report.program.source).toBe("access");
    expect(report.program.matches[0]!.pairs.length).toBeGreaterThan(3);

    // The same program as a tar archive and as a git repository.
    const tarball = join(work, "suspect-program.tar.gz");
    await createTar({ gzip: true, file: tarball, cwd: suspect }, await readdir(suspect));
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: suspect });
    git("init", "-q");
    git("add", ".");
    git("commit", "-q", "-m", "import");
    for (const target of [tarball, pathToFileURL(suspect).href]) {
      const again = await run("trace", target, "--against", originals, "--json");
      expect(again.code).toBe(0);
      expect((JSON.parse(again.out) as typeof report).program.source).toBe("access");
    }
  });

  it("refuses share with neither --out nor --engagement and says what to give", async () => {
    const result = await run("share", join(work, "report.md"), "--to", "a@vendor.example");
    expect(result.code).toBe(2);
    expect(result.err).toContain("--out");
    expect(result.err).toContain("--engagement");
  });
});
