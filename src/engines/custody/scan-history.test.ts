import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { scanHistory } from "./scan-history.ts";
import { SecretScanner } from "./scan-secrets.ts";
import { ALICE, MALLORY, scratch, TestRepository } from "./test-repository.ts";

const KEY_A = "AKIAQYLPMN5HHHFPZAM2";
const KEY_B = "AKIAZ7XW3V4U5T6S2R3Q";
const KEY_C = "AKIAMNBVCXZLKJHGFDS7";

let work: ReturnType<typeof scratch>;
let repo: TestRepository;
beforeEach(() => {
  work = scratch();
  repo = TestRepository.create(join(work.dir, "repo"));
});
afterEach(() => work.remove());

describe("scanHistory", () => {
  it("attributes each added secret to the commit and author that added it, with its line in that version", async () => {
    const base = repo.commit({ "notes.txt": "one\ntwo\nthree\n" });
    const first = repo.commit({ "notes.txt": `one\ntwo\nkey ${KEY_A}\nthree\n` }, { author: MALLORY });
    repo.commit({ "notes.txt": "one\ntwo\nthree\n" });
    const result = await scanHistory(repo.dir, [`${base}..HEAD`], new SecretScanner());
    expect(result.commitsScanned).toBe(2);
    expect(
      result.findings.map((finding) => [finding.file, finding.line, finding.commit, finding.author]),
    ).toEqual([["notes.txt", 3, first, `${MALLORY.name} <${MALLORY.email}>`]]);
  });

  it("finds what a merge added that neither parent had, without reporting the merged branch twice", async () => {
    const base = repo.commit({ "a.txt": "a\n", "b.txt": "b\n" });
    repo.run(["checkout", "-q", "-b", "feature"]);
    const branchCommit = repo.commit({ "a.txt": `a\nbranch ${KEY_B}\n` });
    repo.run(["checkout", "-q", "main"]);
    repo.commit({ "b.txt": "b\nmain side\n" });
    repo.run(["merge", "-q", "--no-ff", "--no-commit", "feature"]);
    const merge = repo.commit(
      { "a.txt": `a\nbranch ${KEY_B}\nevil ${KEY_C}\n` },
      { author: ALICE, message: "merge" },
    );
    const result = await scanHistory(repo.dir, [`${base}..${merge}`], new SecretScanner());
    const seen = result.findings.map((finding) => [
      finding.commit,
      finding.line,
      finding.snippet.includes("evil"),
    ]);
    expect(seen).toEqual(
      expect.arrayContaining([
        [branchCommit, 2, false],
        [merge, 3, true],
      ]),
    );
    expect(seen).toHaveLength(2);
  });
});
