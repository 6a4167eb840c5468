import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RosterMember } from "./check-authorship.ts";
import { listRefs } from "./list-refs.ts";
import { mirrorRepository } from "./mirror-repository.ts";
import { ALICE, git, gpgIdentity, MALLORY, scratch, sshKey, TestRepository } from "./test-repository.ts";
import { toSarif } from "./to-sarif.ts";
import { verifyDelivery } from "./verify-delivery.ts";

const AWS_ID = "AKIAQYLPMN5HHHFPZAM2";
const GPL3 = "GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n\nEveryone is permitted to copy…\n";

let work: ReturnType<typeof scratch>;
let vendor: TestRepository;
let mirrorDir: string;
const roster: RosterMember[] = [{ name: ALICE.name, emails: [ALICE.email] }];

beforeEach(() => {
  work = scratch();
  vendor = TestRepository.create(join(work.dir, "vendor"));
  mirrorDir = join(work.dir, "mirror.git");
});
afterEach(() => work.remove());

const sync = () => mirrorRepository({ url: vendor.url, mirrorDir, allowFile: true, fsck: false });

describe("verifyDelivery", () => {
  it("rejects a delivery with a planted key, a private key, a GPL file and an author not on the roster, giving every reason", async () => {
    const accepted = vendor.commit(
      { "README.md": "# app\n", "package.json": JSON.stringify({ name: "app", license: "MIT" }) },
      { message: "accepted delivery" },
    );
    const planted = vendor.commit(
      { "config/aws.ini": `[default]\naws_access_key_id = ${AWS_ID}\n` },
      { message: "add config" },
    );
    const privateKey = readFileSync(sshKey(work.dir, "deploy").privateKey, "utf8");
    vendor.run(["rm", "-q", "config/aws.ini"]);
    const outsider = vendor.commit(
      { "keys/deploy": privateKey, COPYING: GPL3 },
      { author: MALLORY, committer: ALICE, message: "add deploy key" },
    );
    await sync();

    const report = await verifyDelivery({ mirrorDir, ref: "main", previousAcceptedCommit: accepted, roster });
    expect(report.verdict).toBe("rejected");
    expect(report.commit).toBe(outsider);
    expect(report.reasons.map((reason) => reason.split(":")[0]).sort()).toEqual([
      "authorship",
      "licences",
      "secrets",
    ]);

    const secrets = report.findings.filter((finding) => finding.check === "secrets");
    // The AWS key is gone from the tree but its commit is in the new history, with its author.
    expect(secrets).toContainEqual(
      expect.objectContaining({
        rule: "aws-access-key-id",
        file: "config/aws.ini",
        line: 2,
        commit: planted,
        author: `${ALICE.name} <${ALICE.email}>`,
      }),
    );
    expect(secrets).toContainEqual(
      expect.objectContaining({ rule: "private-key", file: "keys/deploy", line: 1, commit: outsider }),
    );
    expect(
      secrets.filter((finding) => finding.rule === "private-key").map((finding) => finding.author),
    ).toContain(`${MALLORY.name} <${MALLORY.email}>`);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ check: "licences", rule: "GPL-3.0", file: "COPYING", severity: "error" }),
    );
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        check: "authorship",
        rule: "author_not_on_roster",
        commit: outsider,
        author: `${MALLORY.name} <${MALLORY.email}>`,
      }),
    );
    expect(report.findings.some((finding) => finding.rule === "committer_not_on_roster")).toBe(false);

    // The manifest carries every file with its sha256, and the report survives JSON.
    const readme = report.manifest.files.find((entry) => entry.path === "README.md");
    expect(readme?.sha256).toBe(createHash("sha256").update("# app\n").digest("hex"));
    expect(report.manifest.files.map((entry) => entry.path).sort()).toEqual([
      "COPYING",
      "README.md",
      "keys/deploy",
      "package.json",
    ]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);

    const sarif = toSarif(report) as { version: string; runs: Array<{ results: Array<{ ruleId: string }> }> };
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0]?.results.map((result) => result.ruleId)).toEqual(
      expect.arrayContaining(["secrets/aws-access-key-id", "secrets/private-key", "licences/GPL-3.0"]),
    );
  });

  it("accepts a clean delivery and scans only the commits since the last accepted one", async () => {
    vendor.commit({ "old.env": `key=${AWS_ID}\n` }, { message: "old mistake, long accepted" });
    vendor.run(["rm", "-q", "old.env"]);
    const accepted = vendor.commit({ "README.md": "clean\n" });
    vendor.commit({ "src/index.ts": "export const answer = 42;\n" });
    await sync();

    const incremental = await verifyDelivery({
      mirrorDir,
      ref: "main",
      previousAcceptedCommit: accepted,
      roster,
    });
    expect(incremental.verdict).toBe("accepted");
    expect(incremental.checks.find((check) => check.id === "secrets")?.details).toMatchObject({
      commitsScanned: 1,
    });
    expect(incremental.checks.find((check) => check.id === "lineage")?.status).toBe("passed");

    const full = await verifyDelivery({ mirrorDir, ref: "main", roster });
    expect(full.checks.find((check) => check.id === "secrets")?.details).toMatchObject({ commitsScanned: 3 });
    expect(full.verdict).toBe("rejected");
  });

  it("rejects a delivery whose history no longer contains the last accepted commit", async () => {
    vendor.commit({ "a.txt": "a\n" });
    const accepted = vendor.commit({ "b.txt": "b\n" });
    await sync();
    vendor.run(["reset", "-q", "--hard", "HEAD~1"]);
    vendor.commit({ "c.txt": "c\n" });
    await sync();
    const report = await verifyDelivery({ mirrorDir, ref: "main", previousAcceptedCommit: accepted });
    expect(report.verdict).toBe("rejected");
    expect(report.findings).toContainEqual(
      expect.objectContaining({ check: "lineage", rule: "history_rewritten" }),
    );
  });

  it("requires signed commits: accepts an SSH signature by a roster key, flags unsigned and unknown signers", async () => {
    const alice = sshKey(work.dir, "alice");
    const stranger = sshKey(work.dir, "stranger");
    const signed = vendor.commit({ "a.txt": "a\n" }, { signingKey: alice.privateKey });
    const signingRoster: RosterMember[] = [{ ...roster[0]!, sshSigningKeys: [alice.publicKey] }];
    await sync();
    const good = await verifyDelivery({
      mirrorDir,
      ref: "main",
      roster: signingRoster,
      requireSignedCommits: true,
    });
    expect(good.verdict).toBe("accepted");
    expect(good.checks.find((check) => check.id === "authorship")?.status).toBe("passed");

    const unsigned = vendor.commit({ "b.txt": "b\n" });
    const unknown = vendor.commit({ "c.txt": "c\n" }, { signingKey: stranger.privateKey });
    await sync();
    const bad = await verifyDelivery({
      mirrorDir,
      ref: "main",
      previousAcceptedCommit: signed,
      roster: signingRoster,
      requireSignedCommits: true,
    });
    expect(bad.verdict).toBe("rejected");
    const kinds = bad.findings
      .filter((finding) => finding.check === "authorship")
      .map((finding) => [finding.rule, finding.commit]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ["unsigned_commit", unsigned],
        ["unknown_signer", unknown],
      ]),
    );
    expect(kinds).toHaveLength(2);
  });

  it("checks GPG signatures against the roster's public keys only", async () => {
    const alice = gpgIdentity(work.dir, ALICE);
    const mallory = gpgIdentity(work.dir, MALLORY);
    try {
      vendor.commit({ "a.txt": "a\n" }, { gpg: alice });
      const forged = vendor.commit({ "b.txt": "b\n" }, { gpg: mallory });
      await sync();
      const gpgRoster: RosterMember[] = [{ ...roster[0]!, gpgPublicKeys: [alice.publicKey] }];
      const report = await verifyDelivery({
        mirrorDir,
        ref: "main",
        roster: gpgRoster,
        requireSignedCommits: true,
      });
      const problems = report.findings.filter((finding) => finding.check === "authorship");
      expect(problems.map((finding) => [finding.rule, finding.commit])).toEqual([["unknown_signer", forged]]);
    } finally {
      alice.stop();
      mallory.stop();
    }
  });

  it("runs the configured commands in the sandbox on a throwaway copy and removes it afterwards", async () => {
    vendor.commit({ "test.sh": "test -f README.md && echo tests passed\n", "README.md": "x\n" });
    await sync();
    const workRoot = join(work.dir, "runs");
    const report = await verifyDelivery({ mirrorDir, ref: "main", commands: ["sh test.sh"], workRoot });
    const build = report.checks.find((check) => check.id === "build");
    expect(build?.status).toBe("passed");
    expect(build?.log).toContain("tests passed");
    expect(readdirSync(workRoot)).toEqual([]);
  });

  it("fails a test suite that needs the network", async () => {
    vendor.commit({
      "test.js":
        "require('node:dns').lookup('registry.npmjs.org', (error) => process.exit(error ? 3 : 0));\n",
    });
    await sync();
    const report = await verifyDelivery({ mirrorDir, ref: "main", commands: ["node test.js"] });
    expect(report.verdict).toBe("rejected");
    expect(report.checks.find((check) => check.id === "build")?.summary).toContain("exit code 3");
  });

  it("kills a test suite that never ends and says it timed out", async () => {
    vendor.commit({ "test.sh": "while true; do :; done\n" });
    await sync();
    const report = await verifyDelivery({
      mirrorDir,
      ref: "main",
      commands: ["sh test.sh"],
      limits: { wallTimeMs: 1000 },
    });
    expect(report.verdict).toBe("rejected");
    expect(report.reasons.join("\n")).toMatch(/timed out/);
    expect(report.findings).toContainEqual(expect.objectContaining({ check: "build", rule: "timed_out" }));
  });

  it("names the limit that stopped a test suite: one that fills /tmp is rejected for its temporary space", async () => {
    vendor.commit({ "test.sh": "dd if=/dev/zero of=/tmp/fill bs=1M count=64\n" });
    await sync();
    const report = await verifyDelivery({
      mirrorDir,
      ref: "main",
      commands: ["sh test.sh"],
      limits: { tmpBytes: 8 * 1024 ** 2 },
    });
    expect(report.verdict).toBe("rejected");
    expect(report.reasons.join("\n")).toMatch(/filled its 8\.0 MiB of temporary space/);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ check: "build", rule: "limit_tmp_space" }),
    );
  });
});

describe("verifyDelivery on hostile input", () => {
  it("records symlinks leaving the tree without following or recreating them", async () => {
    vendor.commit({ "README.md": "x\n" });
    for (const [name, target] of [
      ["passwd", "/etc/passwd"],
      ["up", "../../../../outside"],
      ["ok", "README.md"],
    ] as const) {
      git(vendor.dir, ["update-index", "--add", "--cacheinfo", `120000,${hashText(target)},${name}`]);
    }
    git(vendor.dir, ["commit", "-q", "-m", "links"]);
    await sync();
    const report = await verifyDelivery({
      mirrorDir,
      ref: "main",
      commands: ["test ! -e passwd && test ! -e up && test -L ok && cat ok"],
    });
    const links = report.manifest.files.filter((entry) => entry.kind === "symlink");
    expect(links.map((link) => [link.path, link.target, link.escapesTree])).toEqual([
      ["ok", "README.md", false],
      ["passwd", "/etc/passwd", true],
      ["up", "../../../../outside", true],
    ]);
    expect(report.checks.find((check) => check.id === "build")?.status).toBe("passed");
    expect(report.findings.filter((finding) => finding.rule === "symlink_outside_tree")).toHaveLength(2);
  });

  it("refuses tree entries that climb out of the work copy, writing nothing outside", async () => {
    vendor.commit({ "README.md": "x\n" });
    const blob = hashText("escaped\n");
    const evilInner = mktree(`100644 blob ${blob}\tescaped.txt\n`);
    const root = mktree(`100644 blob ${hashText("x\n")}\tREADME.md\n040000 tree ${evilInner}\t..\n`);
    const commit = git(vendor.dir, ["commit-tree", root, "-p", "HEAD", "-m", "evil"]);
    vendor.run(["update-ref", "refs/heads/evil", commit]);
    await sync();
    const workRoot = join(work.dir, "runs");
    const report = await verifyDelivery({ mirrorDir, ref: "evil", commands: ["true"], workRoot });
    expect(report.verdict).toBe("rejected");
    expect(report.manifest.refused).toEqual([{ path: "../escaped.txt", reason: "path escapes the tree" }]);
    expect(existsSync(join(workRoot, "escaped.txt"))).toBe(false);
    expect(existsSync(join(tmpdir(), "escaped.txt"))).toBe(false);
  });

  it("hashes a huge blob by streaming and skips it in scans", async () => {
    const huge = Buffer.alloc(3 * 1024 * 1024, "A");
    huge.write(`\naws = ${AWS_ID}\n`, huge.length - 40);
    vendor.commit({ "data/huge.txt": huge });
    await sync();
    const report = await verifyDelivery({
      mirrorDir,
      ref: "main",
      limits: { maxScanFileBytes: 1024 * 1024 },
    });
    const entry = report.manifest.files.find((file) => file.path === "data/huge.txt");
    expect(entry?.sha256).toBe(createHash("sha256").update(huge).digest("hex"));
    expect(entry?.size).toBe(huge.length);
    const inTree = report.findings.filter(
      (finding) => finding.check === "secrets" && finding.message.includes("delivered tree"),
    );
    expect(inTree).toEqual([]);
  });

  it("refuses a tree above the file or size limits before writing anything", async () => {
    vendor.commit({ "a.txt": "a\n", "b.txt": "b\n", "c.txt": "c\n" });
    await sync();
    const workRoot = join(work.dir, "runs");
    await expect(
      verifyDelivery({ mirrorDir, ref: "main", commands: ["true"], workRoot, limits: { maxFiles: 2 } }),
    ).rejects.toMatchObject({ code: "too_large" });
    await expect(
      verifyDelivery({ mirrorDir, ref: "main", limits: { maxTreeBytes: 4 } }),
    ).rejects.toMatchObject({
      code: "too_large",
    });
    expect(readdirSync(workRoot)).toEqual([]);
  });

  it("verifies a delivery named by tag or by commit id", async () => {
    const commit = vendor.commit({ "a.txt": "a\n" });
    vendor.run(["tag", "-a", "v1.0.0", "-m", "milestone 1"]);
    await sync();
    expect((await verifyDelivery({ mirrorDir, ref: "v1.0.0" })).commit).toBe(commit);
    expect((await verifyDelivery({ mirrorDir, ref: commit })).commit).toBe(commit);
  });

  it("refuses ref names with path tricks and unknown refs, leaving the mirror as it was", async () => {
    vendor.commit({ "README.md": "x\n" });
    await sync();
    const before = await listRefs(mirrorDir);
    for (const ref of ["../../etc/passwd", "--output=/tmp/x", "main^{tree}", "HEAD@{0}"]) {
      await expect(verifyDelivery({ mirrorDir, ref })).rejects.toMatchObject({ code: "invalid_input" });
    }
    await expect(verifyDelivery({ mirrorDir, ref: "no-such-branch" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(verifyDelivery({ mirrorDir: work.dir, ref: "main" })).rejects.toMatchObject({
      code: "invalid_input",
    });
    expect(await listRefs(mirrorDir)).toEqual(before);
  });

  function hashText(text: string): string {
    return execGit(["hash-object", "-w", "--stdin"], text);
  }

  function mktree(listing: string): string {
    return execGit(["mktree"], listing);
  }

  function execGit(args: string[], input: string): string {
    return execFileSync("git", args, { cwd: vendor.dir, input, encoding: "utf8" }).trim();
  }
});
