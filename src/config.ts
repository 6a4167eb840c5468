import { resolve } from "node:path";
import { z } from "zod";
import { parseAddressRange } from "./domain/client-address.ts";
import { WardenError } from "./domain/errors.ts";

/**
 * Every setting Warden reads from the environment, parsed once. The README's
 * configuration table lists the same names.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  HOST: z.string().min(1).default("127.0.0.1"),
  WARDEN_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  WARDEN_BLOB_URL: z
    .string()
    .regex(/^s3:\/\/[^/?]+/, "must be s3://bucket/prefix?endpoint=…&region=… (or unset for the data folder)")
    .optional(),
  WARDEN_PUBLIC_URL: z.string().url().optional(),
  WARDEN_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex characters (32 bytes)")
    .optional(),
  WARDEN_MAX_UPLOAD_MB: z.coerce.number().positive().max(4096).default(50),
  WARDEN_MAX_BODY_KB: z.coerce.number().int().positive().max(10240).default(1024),
  WARDEN_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .positive()
    .default(12 * 60),
  WARDEN_SESSION_MAX_DAYS: z.coerce.number().int().positive().default(7),
  WARDEN_WORKER: z.enum(["on", "off"]).default("on"),
  WARDEN_TRUSTED_PROXIES: z
    .string()
    .transform((list) =>
      list
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.string().refine((entry) => parseAddressRange(entry) !== null, {
          message: "must list IP addresses or CIDR ranges, such as 10.0.0.5,10.1.0.0/16",
        }),
      ),
    )
    .default([]),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** s3://… when blobs (and shared mirror bundles) live in object storage; unset: the data folder. */
  blobUrl: string | undefined;
  publicUrl: string;
  secretKeyHex: string | undefined;
  maxUploadBytes: number;
  maxBodyBytes: number;
  sessionIdleMs: number;
  sessionMaxMs: number;
  runWorker: boolean;
  /** Reverse proxies whose X-Forwarded-For names the client (addresses and CIDR ranges). */
  trustedProxies: string[];
  secureCookies: boolean;
  logLevel: z.infer<typeof schema>["LOG_LEVEL"];
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new WardenError(
      "invalid_input",
      `Invalid configuration: ${problems}. Fix the environment variable(s) and start again.`,
    );
  }
  const e = parsed.data;
  const publicUrl = (e.WARDEN_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.WARDEN_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    blobUrl: e.WARDEN_BLOB_URL,
    publicUrl,
    secretKeyHex: e.WARDEN_SECRET_KEY,
    maxUploadBytes: e.WARDEN_MAX_UPLOAD_MB * 1024 * 1024,
    maxBodyBytes: e.WARDEN_MAX_BODY_KB * 1024,
    sessionIdleMs: e.WARDEN_SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: e.WARDEN_SESSION_MAX_DAYS * 86_400_000,
    runWorker: e.WARDEN_WORKER === "on",
    trustedProxies: e.WARDEN_TRUSTED_PROXIES,
    secureCookies: publicUrl.startsWith("https://"),
    logLevel: e.LOG_LEVEL,
  };
}
