import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BlobStore } from "./blob-store.ts";

describe("BlobStore", () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "warden-blobs-"));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("names a blob by the sha256 of its bytes and reads it back", async () => {
    const store = new BlobStore(root);
    const data = Buffer.from("master services agreement");
    const stored = await store.put(data);
    expect(stored.sha256).toBe(createHash("sha256").update(data).digest("hex"));
    expect(stored.size).toBe(data.length);
    expect((await store.read(stored.sha256)).equals(data)).toBe(true);
  });

  it("stores the same content once", async () => {
    const store = new BlobStore(root);
    const a = await store.put("same");
    const b = await store.put(Readable.from([Buffer.from("sa"), Buffer.from("me")]));
    expect(a.sha256).toBe(b.sha256);
    const all = [];
    for await (const h of store.list()) all.push(h);
    expect(all).toEqual([a.sha256]);
  });

  it("refuses a stream over the size limit and leaves no partial file", async () => {
    const store = new BlobStore(root, { maxBytes: 10 });
    await expect(store.put(Buffer.alloc(11))).rejects.toMatchObject({ code: "too_large" });
    expect(await readdir(join(root, "tmp"))).toEqual([]);
    const all = [];
    for await (const h of store.list()) all.push(h);
    expect(all).toEqual([]);
  });

  it("refuses a name that is not a sha256 (no path tricks)", () => {
    const store = new BlobStore(root);
    expect(() => store.pathOf("../../etc/passwd")).toThrow(/Not a sha256/);
  });
});
