import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { PassThrough, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { WardenError } from "../domain/errors.ts";

/** An `s3://bucket/prefix?endpoint=…&region=…&forcePathStyle=true` address, parsed. */
export interface S3Location {
  bucket: string;
  /** Key prefix without leading or trailing slash ("" for the bucket's root). */
  prefix: string;
  endpoint: string | undefined;
  region: string;
  forcePathStyle: boolean;
}

const S3_URL = /^s3:\/\//;

export function isS3Url(url: string): boolean {
  return S3_URL.test(url);
}

/**
 * Reads an s3:// address. Credentials never go in it: they come from
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or the SDK's other usual sources).
 *
 * @example
 * parseS3Url("s3://warden/prod?endpoint=http://minio:9000&region=us-east-1&forcePathStyle=true");
 */
export function parseS3Url(url: string): S3Location {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    parsed = new URL("invalid:");
  }
  if (parsed.protocol !== "s3:" || !parsed.hostname) {
    throw new WardenError(
      "invalid_input",
      `${url} is not an object-storage address: write s3://bucket/prefix?endpoint=https://host&region=…`,
    );
  }
  if (parsed.username || parsed.password) {
    throw new WardenError(
      "invalid_input",
      "Put no credentials in an s3:// address: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead.",
    );
  }
  const known = new Set(["endpoint", "region", "forcePathStyle"]);
  for (const key of parsed.searchParams.keys()) {
    if (!known.has(key))
      throw new WardenError(
        "invalid_input",
        `Unknown option ${key} in ${redactQuery(url)}: use endpoint, region and forcePathStyle.`,
      );
  }
  const endpoint = parsed.searchParams.get("endpoint") ?? undefined;
  if (endpoint !== undefined && !/^https?:\/\//.test(endpoint)) {
    throw new WardenError("invalid_input", `The endpoint ${endpoint} must start with http:// or https://.`);
  }
  return {
    bucket: parsed.hostname,
    prefix: decodeURIComponent(parsed.pathname).replace(/^\/+|\/+$/g, ""),
    endpoint,
    region: parsed.searchParams.get("region") ?? process.env.AWS_REGION ?? "us-east-1",
    forcePathStyle: parsed.searchParams.get("forcePathStyle") === "true",
  };
}

function redactQuery(url: string): string {
  return url.replace(/\?.*$/, "");
}

/**
 * Named objects under one prefix of an S3-compatible bucket, streamed both ways:
 * the blob store, the shared mirror bundles and backups use it. Files go up
 * from disk with their length known (no buffering), and come down to a
 * temporary file renamed into place.
 */
export class S3Bucket {
  readonly client: S3Client;
  /** The address without its options, for messages. */
  readonly url: string;

  constructor(
    readonly location: S3Location,
    client: S3Client | Record<string, string | undefined> = process.env,
  ) {
    this.client = client instanceof S3Client ? client : newClient(location, client);
    this.url = `s3://${location.bucket}${location.prefix ? `/${location.prefix}` : ""}`;
  }

  /** The objects under `sub/` of this prefix, through the same client. */
  under(sub: string): S3Bucket {
    const prefix = [this.location.prefix, sub].filter(Boolean).join("/");
    return new S3Bucket({ ...this.location, prefix }, this.client);
  }

  private key(name: string): string {
    return this.location.prefix ? `${this.location.prefix}/${name}` : name;
  }

  async putFile(name: string, file: string): Promise<void> {
    const { size } = await stat(file);
    await this.send(
      new PutObjectCommand({
        Bucket: this.location.bucket,
        Key: this.key(name),
        Body: createReadStream(file),
        ContentLength: size,
      }),
      name,
    );
  }

  async putText(name: string, text: string): Promise<void> {
    await this.send(
      new PutObjectCommand({ Bucket: this.location.bucket, Key: this.key(name), Body: text }),
      name,
    );
  }

  /** The object's bytes; the stream fails with `not_found` when there is none. */
  getStream(name: string): Readable {
    const out = new PassThrough();
    this.send<GetObjectCommandOutput>(
      new GetObjectCommand({ Bucket: this.location.bucket, Key: this.key(name) }),
      name,
    )
      .then((result) => {
        const body = result.Body as Readable | undefined;
        if (!body) throw new WardenError("not_found", `${this.url}/${name} has no body.`);
        body.on("error", (error) => out.destroy(error));
        body.pipe(out);
      })
      .catch((error: Error) => out.destroy(error));
    return out;
  }

  /** Downloads to `file` (via a temporary file beside it); false when the object does not exist. */
  async download(name: string, file: string): Promise<boolean> {
    if ((await this.size(name)) === null) return false;
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.part`;
    try {
      await pipeline(this.getStream(name), createWriteStream(tmp));
      await rename(tmp, file);
      return true;
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async getText(name: string): Promise<string | null> {
    if ((await this.size(name)) === null) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of this.getStream(name)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  /** The object's size, or null when there is none. */
  async size(name: string): Promise<number | null> {
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.location.bucket, Key: this.key(name) }),
      );
      return head.ContentLength ?? 0;
    } catch (error) {
      if (isMissing(error)) return null;
      throw this.unavailable(error, name);
    }
  }

  /** Names (relative to this prefix) of every object under `sub`, in key order. */
  async *list(sub = ""): AsyncGenerator<string> {
    const base = this.location.prefix ? `${this.location.prefix}/` : "";
    let token: string | undefined;
    do {
      const page = await this.send<ListObjectsV2CommandOutput>(
        new ListObjectsV2Command({
          Bucket: this.location.bucket,
          Prefix: `${base}${sub}`,
          ...(token ? { ContinuationToken: token } : {}),
        }),
        sub,
      );
      for (const item of page.Contents ?? []) if (item.Key) yield item.Key.slice(base.length);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  private async send<T>(command: { input: unknown }, name: string): Promise<T> {
    try {
      // biome-ignore lint/suspicious/noExplicitAny: the SDK's command union is not expressible here
      return (await this.client.send(command as any)) as T;
    } catch (error) {
      if (isMissing(error)) throw new WardenError("not_found", `${this.url}/${name} does not exist.`);
      throw this.unavailable(error, name);
    }
  }

  private unavailable(error: unknown, name: string): WardenError {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new WardenError(
      "unavailable",
      `Object storage ${this.url} refused or did not answer for ${name}: ${message}. Check the bucket, the endpoint and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.`,
    );
  }
}

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NoSuchKey" || e?.name === "NotFound" || e?.$metadata?.httpStatusCode === 404;
}

function newClient(location: S3Location, env: Record<string, string | undefined>): S3Client {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  return new S3Client({
    region: location.region,
    forcePathStyle: location.forcePathStyle,
    ...(location.endpoint ? { endpoint: location.endpoint } : {}),
    ...(accessKeyId && secretAccessKey
      ? {
          credentials: {
            accessKeyId,
            secretAccessKey,
            ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
          },
        }
      : {}),
    // Plain S3-compatible servers (MinIO, s3rver…) do not all speak the newer checksum headers.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}
