import { resolve } from "node:path";
import { z } from "zod";
import { parseAddressRange } from "./domain/client-address.ts";
import { WardenError } from "./domain/errors.ts";
import { parseSsoRoleMap, type SsoRoleMap } from "./domain/sso-role-map.ts";

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
  WARDEN_SMTP_URL: z
    .string()
    .regex(
      /^smtps?:\/\/[^/]+/,
      "must be an smtp:// or smtps:// URL, such as smtps://user:pass@mail.example.com:465",
    )
    .optional(),
  WARDEN_SMTP_PASSWORD: z.string().optional(),
  WARDEN_MAIL_FROM: z.string().min(3).optional(),
  WARDEN_WEBHOOK_ALLOW_LOOPBACK: z.enum(["on", "off"]).default("off"),
  WARDEN_OIDC_ISSUER: z.string().url("must be the identity provider's issuer URL").optional(),
  WARDEN_OIDC_CLIENT_ID: z.string().min(1).optional(),
  WARDEN_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  WARDEN_OIDC_NAME: z.string().min(1).max(80).optional(),
  WARDEN_OIDC_ROLE_CLAIM: z.string().min(1).optional(),
  WARDEN_OIDC_ROLE_MAP: z
    .string()
    .transform((text, ctx) => {
      const map = parseSsoRoleMap(text);
      if (typeof map === "string") {
        ctx.addIssue({ code: "custom", message: `${map}; write group:role pairs, comma-separated` });
        return z.NEVER;
      }
      return map;
    })
    .optional(),
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
  /** Where mail goes (smtp:// or smtps://); without it, messages are recorded as not sent. */
  smtpUrl: string | undefined;
  smtpPassword: string | undefined;
  mailFrom: string;
  /** Lets webhooks reach loopback addresses over http (tests and local receivers only). */
  webhookAllowLoopback: boolean;
  /** OpenID Connect single sign-on, when its issuer, client id and secret are all set. */
  oidc: OidcConfig | null;
  logLevel: z.infer<typeof schema>["LOG_LEVEL"];
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** From the environment only; never logged. */
  clientSecret: string;
  /** What the sign-in page calls the provider ("Sign in with …"). */
  name: string;
  /** The ID token claim that lists the user's groups; unset: accounts are never created. */
  roleClaim: string | null;
  roleMap: SsoRoleMap;
  /** Where the provider sends the browser back. */
  redirectUri: string;
}

function oidcConfigOf(e: z.infer<typeof schema>, publicUrl: string): OidcConfig | null {
  const parts = [e.WARDEN_OIDC_ISSUER, e.WARDEN_OIDC_CLIENT_ID, e.WARDEN_OIDC_CLIENT_SECRET];
  if (parts.every((p) => p === undefined)) return null;
  if (!e.WARDEN_OIDC_ISSUER || !e.WARDEN_OIDC_CLIENT_ID || !e.WARDEN_OIDC_CLIENT_SECRET) {
    throw new WardenError(
      "invalid_input",
      "Invalid configuration: single sign-on needs WARDEN_OIDC_ISSUER, WARDEN_OIDC_CLIENT_ID and WARDEN_OIDC_CLIENT_SECRET together. Set all three, or none.",
    );
  }
  return {
    issuer: e.WARDEN_OIDC_ISSUER,
    clientId: e.WARDEN_OIDC_CLIENT_ID,
    clientSecret: e.WARDEN_OIDC_CLIENT_SECRET,
    name: e.WARDEN_OIDC_NAME ?? new URL(e.WARDEN_OIDC_ISSUER).host,
    roleClaim: e.WARDEN_OIDC_ROLE_CLAIM ?? null,
    roleMap: e.WARDEN_OIDC_ROLE_MAP ?? new Map(),
    redirectUri: `${publicUrl}/api/auth/sso/callback`,
  };
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
    smtpUrl: e.WARDEN_SMTP_URL,
    smtpPassword: e.WARDEN_SMTP_PASSWORD,
    mailFrom: e.WARDEN_MAIL_FROM ?? `Warden <warden@${new URL(publicUrl).hostname}>`,
    webhookAllowLoopback: e.WARDEN_WEBHOOK_ALLOW_LOOPBACK === "on",
    oidc: oidcConfigOf(e, publicUrl),
    logLevel: e.LOG_LEVEL,
  };
}
