import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type S3TestServer, startS3Server } from "../../../test/support/s3-server.ts";
import { LocalBlobStore } from "../../store/local-blob-store.ts";
import { openBlobStore } from "../../store/open-blob-store.ts";
import { copyBlobs } from "./copy-blobs.ts";

describe("copyBlobs from the data folder to object storage", () => {
  let s3: S3TestServer;
  let dataDir: string;
  beforeAll(async () => {
    s3 = await startS3Server();
    dataDir = await mkdtemp(join(tmpdir(), "warden-copy-blobs-"));
  });
  afterAll(async () => {
    await s3?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("copies every blob once, skips them on a second run, and stops at a damaged one", async () => {
    const local = new LocalBlobStore(join(dataDir, "blobs"));
    const stored = await Promise.all(["contract", "evidence", "marked copy"].map((text) => local.put(text)));
    const remote = (await openBlobStore(s3.url(), dataDir, { env: s3.env })).blobs;

    const first = await copyBlobs(local, remote);
    expect(first).toMatchObject({ copied: 3, present: 0, bytes: 8 + 8 + 11 });
    for (const { sha256 } of stored)
      expect((await remote.read(sha256)).equals(await local.read(sha256))).toBe(true);
    expect(await copyBlobs(local, remote)).toMatchObject({ copied: 0, present: 3 });

    const damaged = await local.put("an NDA");
    await writeFile(local.pathOf(damaged.sha256), "an edited NDA");
    await expect(copyBlobs(local, remote)).rejects.toMatchObject({ code: "integrity" });
    expect(await remote.has(damaged.sha256)).toBe(false);
  });
});
