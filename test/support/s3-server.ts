import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";

export interface S3TestServer {
  /** The address of a fresh prefix in the test bucket, as WARDEN_BLOB_URL takes it. */
  url(prefix?: string): string;
  /** The credentials a client needs (s3rver's fixed pair), as environment variables. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

const BUCKET = "warden-test";

/**
 * Starts an S3-compatible server (s3rver) on a random loopback port, keeping its
 * objects in a temporary folder, with one bucket. Every `url()` is a new prefix,
 * so tests sharing the server never see each other's objects.
 *
 * @example
 * const s3 = await startS3Server();
 * const { blobs } = await openBlobStore(s3.url(), dataDir, { env: s3.env });
 * await s3.stop();
 */
export async function startS3Server(): Promise<S3TestServer> {
  const directory = await mkdtemp(join(tmpdir(), "warden-s3-"));
  const server = new S3rver({
    port: 0,
    address: "127.0.0.1",
    directory,
    silent: true,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    url: (prefix = `t-${randomBytes(6).toString("hex")}`) =>
      `s3://${BUCKET}/${prefix}?endpoint=${encodeURIComponent(endpoint)}&region=us-east-1&forcePathStyle=true`,
    env: { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" },
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
