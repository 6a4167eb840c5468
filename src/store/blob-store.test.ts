import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type S3TestServer, startS3Server } from "../../test/support/s3-server.ts";
import type { BlobStore } from "./blob-store.ts";
import { LocalBlobStore } from "./local-blob-store.ts";
import { openBlobStore } from "./open-blob-store.ts";

let s3: S3TestServer;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3?.stop();
});

const implementations: Array<[string, (dataDir: string, maxBytes?: number) => Promise<BlobStore>]> = [
  [
    "the local folder",
    async (dataDir, maxBytes) =>
      (await openBlobStore(undefined, dataDir, { ...(maxBytes ? { maxBytes } : {}) })).blobs,
  ],
  [
    "S3-compatible object storage",
    async (dataDir, maxBytes) =>
      (await openBlobStore(s3.url(), dataDir, { env: s3.env, ...(maxBytes ? { maxBytes } : {}) })).blobs,
  ],
];

async function listAll(store: BlobStore): Promise<string[]> {
  const all: string[] = [];
  for await (const h of store.list()) all.push(h);
  return all;
}

describe.each(implementations)("BlobStore in %s", (_name, open) => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "warden-blobs-"));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("names a blob by the sha256 of its bytes and reads it back", async () => {
    const store = await open(dataDir);
    const data = Buffer.from("master services agreement");
    const stored = await store.put(data);
    expect(stored.sha256).toBe(createHash("sha256").update(data).digest("hex"));
    expect(stored.size).toBe(data.length);
    expect((await store.read(stored.sha256)).equals(data)).toBe(true);
    expect(await store.has(stored.sha256)).toBe(true);
    expect(await store.size(stored.sha256)).toBe(data.length);
  });

  it("stores the same content once", async () => {
    const store = await open(dataDir);
    const a = await store.put("same");
    const b = await store.put(Readable.from([Buffer.from("sa"), Buffer.from("me")]));
    expect(a.sha256).toBe(b.sha256);
    expect(await listAll(store)).toEqual([a.sha256]);
  });

  it("streams a large file in and out without changing a byte", async () => {
    const store = await open(dataDir);
    const chunk = Buffer.alloc(1024 * 1024, 7);
    const chunks = Array.from({ length: 6 }, (_, i) => Buffer.concat([chunk, Buffer.from([i])]));
    const expected = createHash("sha256").update(Buffer.concat(chunks)).digest("hex");
    const stored = await store.put(Readable.from(chunks));
    expect(stored.sha256).toBe(expected);
    const back = createHash("sha256");
    let size = 0;
    for await (const part of store.get(stored.sha256)) {
      back.update(part as Buffer);
      size += (part as Buffer).length;
    }
    expect(back.digest("hex")).toBe(expected);
    expect(size).toBe(stored.size);
  });

  it("refuses a stream over the size limit and stores nothing, leaving no temporary file", async () => {
    const store = await open(dataDir, 10);
    await expect(store.put(Readable.from([Buffer.alloc(6), Buffer.alloc(6)]))).rejects.toMatchObject({
      code: "too_large",
    });
    expect(await listAll(store)).toEqual([]);
    for (const tmp of [join(dataDir, "tmp"), join(dataDir, "blobs", "tmp")]) {
      expect(await readdir(tmp).catch(() => [])).toEqual([]);
    }
  });

  it("answers a missing blob as missing, and its stream fails", async () => {
    const store = await open(dataDir);
    const absent = "0".repeat(64);
    expect(await store.has(absent)).toBe(false);
    await expect(store.read(absent)).rejects.toBeDefined();
  });

  it("refuses a name that is not a sha256 (no path tricks)", async () => {
    const store = await open(dataDir);
    expect(() => store.get("../../etc/passwd")).toThrow(/Not a sha256/);
    await expect(store.has("../x")).rejects.toThrow(/Not a sha256/);
  });
});

describe("LocalBlobStore", () => {
  it("fails the read of a blob whose bytes were changed on disk", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "warden-blobs-"));
    try {
      const store = new LocalBlobStore(join(dataDir, "blobs"));
      const { sha256 } = await store.put("the original contract");
      const { writeFile } = await import("node:fs/promises");
      await writeFile(store.pathOf(sha256), "an edited contract");
      await expect(store.read(sha256)).rejects.toMatchObject({ code: "integrity" });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
