import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeMirror } from "./describe-mirror.ts";
import { listRefs } from "./list-refs.ts";
import { acquireMirrorLock } from "./mirror-lock.ts";
import { mirrorRepository } from "./mirror-repository.ts";
import { git, scratch, startGitDaemon, TestRepository } from "./test-repository.ts";

let work: ReturnType<typeof scratch>;
let vendor: TestRepository;
let mirrorDir: string;

beforeEach(() => {
  work = scratch();
  vendor = TestRepository.create(join(work.dir, "vendor"));
  vendor.commit({ "README.md": "hello\n" }, { message: "first" });
  mirrorDir = join(work.dir, "mirror.git");
});
afterEach(() => work.remove());

const sync = (now: string) =>
  mirrorRepository({ url: vendor.url, mirrorDir, allowFile: true, now: new Date(now) });

describe("mirrorRepository", () => {
  it("clones a mirror first, then records fast-forwards and new refs on the next sync", async () => {
    const first = await sync("2026-01-01T00:00:00Z");
    expect(first.initialClone).toBe(true);
    expect(first.changes).toEqual([{ ref: "refs/heads/main", kind: "created", newOid: vendor.head() }]);
    expect(first.fsck.ok).toBe(true);
    expect(first.sizeBytes).toBeGreaterThan(0);

    const old = vendor.head();
    vendor.commit({ "a.txt": "a\n" });
    vendor.run(["branch", "feature"]);
    const second = await sync("2026-01-02T00:00:00Z");
    expect(second.initialClone).toBe(false);
    expect(second.alerts).toEqual([]);
    expect(second.changes).toContainEqual({
      ref: "refs/heads/main",
      kind: "fast_forward",
      oldOid: old,
      newOid: vendor.head(),
    });
    expect(second.changes).toContainEqual({
      ref: "refs/heads/feature",
      kind: "created",
      newOid: vendor.head(),
    });
    expect(second.refCount).toBe(2);
  });

  it("preserves and alerts on a force-push, a deleted branch and a moved tag", async () => {
    vendor.run(["branch", "doomed"]);
    vendor.run(["tag", "-a", "v1", "-m", "release 1"]);
    const taggedObject = vendor.head("refs/tags/v1");
    const doomed = vendor.head("doomed");
    await sync("2026-01-01T00:00:00Z");

    const beforeRewrite = vendor.head();
    vendor.run(["commit", "-q", "--amend", "-m", "rewritten"]);
    vendor.run(["branch", "-D", "doomed"]);
    vendor.run(["tag", "-f", "-a", "v1", "-m", "release 1 again"]);

    const result = await sync("2026-02-03T04:05:06.789Z");
    const stamp = "20260203T040506.789Z";
    expect(result.alerts.map((alert) => [alert.kind, alert.ref])).toEqual(
      expect.arrayContaining([
        ["force_push", "refs/heads/main"],
        ["deleted_ref", "refs/heads/doomed"],
        ["tag_moved", "refs/tags/v1"],
      ]),
    );
    const refs = await listRefs(mirrorDir);
    expect(refs.warden.get(`refs/warden/preserved/${stamp}/refs/heads/main`)).toBe(beforeRewrite);
    expect(refs.warden.get(`refs/warden/preserved/${stamp}/refs/heads/doomed`)).toBe(doomed);
    expect(refs.warden.get(`refs/warden/preserved/${stamp}/refs/tags/v1`)).toBe(taggedObject);
    expect(refs.vendor.has("refs/heads/doomed")).toBe(false);
    expect(result.preservedRefCount).toBe(3);
    const described = await describeMirror(mirrorDir);
    expect(described.preserved.map((kept) => [kept.originalRef, kept.preservedAt])).toEqual([
      ["refs/heads/doomed", "2026-02-03T04:05:06.789Z"],
      ["refs/heads/main", "2026-02-03T04:05:06.789Z"],
      ["refs/tags/v1", "2026-02-03T04:05:06.789Z"],
    ]);

    // A later sync with prune keeps what was preserved, and the old commit stays readable.
    vendor.commit({ "b.txt": "b\n" });
    await sync("2026-02-04T00:00:00Z");
    const after = await listRefs(mirrorDir);
    expect(after.warden.size).toBe(3);
    expect(git(mirrorDir, ["cat-file", "-t", beforeRewrite])).toBe("commit");
  });

  it("ignores refs the vendor names under Warden's own namespace", async () => {
    vendor.run(["update-ref", "refs/warden/preserved/fake/refs/heads/main", vendor.head()]);
    await sync("2026-01-01T00:00:00Z");
    vendor.run(["update-ref", "refs/warden/preserved/fake2/refs/heads/main", vendor.head()]);
    await sync("2026-01-02T00:00:00Z");
    expect((await listRefs(mirrorDir)).warden.size).toBe(0);
  });

  it("syncs over git daemon on loopback", async () => {
    const daemon = await startGitDaemon(work.dir);
    try {
      const url = daemon.url("vendor");
      const first = await mirrorRepository({ url, mirrorDir, allowGitDaemon: true });
      expect(first.refCount).toBe(1);
      vendor.run(["commit", "-q", "--amend", "-m", "rewritten over the wire"]);
      const second = await mirrorRepository({ url, mirrorDir, allowGitDaemon: true });
      expect(second.alerts.map((alert) => alert.kind)).toEqual(["force_push"]);
    } finally {
      daemon.stop();
    }
  });

  it("refuses a second sync while the mirror is locked, then works once it is released", async () => {
    await sync("2026-01-01T00:00:00Z");
    const release = acquireMirrorLock(mirrorDir, new Date());
    await expect(sync("2026-01-02T00:00:00Z")).rejects.toMatchObject({ code: "conflict" });
    release();
    await expect(sync("2026-01-02T00:00:00Z")).resolves.toMatchObject({ initialClone: false });
  });

  it("runs two concurrent syncs without corrupting the mirror: one wins, the other is told why", async () => {
    await sync("2026-01-01T00:00:00Z");
    vendor.commit({ "c.txt": "c\n" });
    const results = await Promise.allSettled([sync("2026-01-02T00:00:00Z"), sync("2026-01-02T00:00:01Z")]);
    expect(results.filter((result) => result.status === "fulfilled").length).toBeGreaterThanOrEqual(1);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toMatchObject({ code: "conflict" });
    }
    expect(git(mirrorDir, ["fsck", "--no-dangling"])).toBe("");
    expect(git(mirrorDir, ["rev-parse", "refs/heads/main"])).toBe(vendor.head());
  });

  it("leaves the earlier mirror untouched when the repository becomes unreachable", async () => {
    await sync("2026-01-01T00:00:00Z");
    const before = await listRefs(mirrorDir);
    await expect(
      mirrorRepository({ url: `file://${join(work.dir, "gone")}`, mirrorDir, allowFile: true }),
    ).rejects.toMatchObject({ code: "unavailable" });
    expect(await listRefs(mirrorDir)).toEqual(before);
    expect(existsSync(join(mirrorDir, "warden-sync.lock"))).toBe(false);
  });

  it("refuses a directory that is not a repository, leaving no half-made mirror", async () => {
    const notRepo = join(work.dir, "plain");
    mkdirSync(notRepo);
    writeFileSync(join(notRepo, "file.txt"), "not git\n");
    const target = join(work.dir, "new-mirror.git");
    await expect(
      mirrorRepository({ url: notRepo, mirrorDir: target, allowFile: true }),
    ).rejects.toMatchObject({
      code: "unavailable",
    });
    expect(readdirSync(target)).toEqual([]);
  });

  it("refuses a hostile URL before running git, and file URLs unless allowed", async () => {
    const marker = join(work.dir, "pwned");
    await expect(
      mirrorRepository({ url: `ext::sh -c touch% ${marker}`, mirrorDir, allowFile: true }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(
      mirrorRepository({ url: `--upload-pack=touch ${marker}`, mirrorDir, allowFile: true }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(mirrorRepository({ url: vendor.url, mirrorDir })).rejects.toMatchObject({
      code: "invalid_input",
    });
    expect(existsSync(marker)).toBe(false);
  });

  it("refuses to mirror into a non-empty folder that is not a mirror", async () => {
    mkdirSync(mirrorDir);
    writeFileSync(join(mirrorDir, "precious.txt"), "keep me\n");
    await expect(sync("2026-01-01T00:00:00Z")).rejects.toMatchObject({ code: "invalid_input" });
    expect(readdirSync(mirrorDir)).toEqual(["precious.txt"]);
  });
});
