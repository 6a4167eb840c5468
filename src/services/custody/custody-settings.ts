import type { Kysely } from "kysely";
import { z } from "zod";
import { DEFAULT_LICENCE_POLICY, type LicencePolicy } from "../../engines/custody/index.ts";
import type { Database } from "../../store/schema.ts";
import { requireInternal, requirePermission, type ServiceContext, type Tx } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { loadEngagementFor } from "../scope.ts";
import { writeTransaction } from "../write.ts";
import { writeSetting } from "../write-setting.ts";

const KEY = "custody.settings";

const licencePolicySchema = z.object({
  deny: z.array(z.string().trim().min(1).max(100)).max(200),
  warn: z.array(z.string().trim().min(1).max(100)).max(200),
});

/**
 * The organisation's custody settings. Local paths and `file://` URLs reach the
 * server's own disk, and `git://` is unauthenticated: both stay refused for
 * repositories registered by users unless an admin turns them on here.
 */
const orgSchema = z
  .object({
    allowFileUrls: z.boolean().default(false),
    allowGitDaemon: z.boolean().default(false),
    licencePolicy: licencePolicySchema.default(DEFAULT_LICENCE_POLICY),
    /** Minutes between scheduled syncs of a repository when it does not say. */
    defaultSyncIntervalMinutes: z
      .number()
      .int()
      .min(5)
      .max(7 * 24 * 60)
      .default(60),
  })
  .strict();

export type CustodySettings = z.infer<typeof orgSchema>;

export async function readCustodySettings(db: Kysely<Database> | Tx): Promise<CustodySettings> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", KEY).executeTakeFirst();
  const parsed = orgSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : orgSchema.parse({});
}

export async function getCustodySettings(ctx: ServiceContext): Promise<CustodySettings> {
  requireInternal(ctx);
  return readCustodySettings(ctx.runtime.db);
}

/**
 * Changes the organisation's custody settings (admins); the patch names only what changes.
 *
 * @example
 * await updateCustodySettings(adminCtx, { allowFileUrls: true }); // e.g. repositories on a shared disk
 */
export async function updateCustodySettings(ctx: ServiceContext, input: unknown): Promise<CustodySettings> {
  requirePermission(ctx, "settings.manage", "change the custody settings");
  const patch = parseInput(z.record(z.string(), z.unknown()), input);
  return writeTransaction(ctx, async (tx, audit) => {
    const current = await readCustodySettings(tx);
    const next = parseInput(orgSchema, { ...current, ...patch });
    await writeSetting(ctx, tx, audit, { key: KEY, area: "custody", value: next, changed: patch });
    return next;
  });
}

const engagementSchema = z
  .object({
    commands: z.array(z.string().trim().min(1).max(2000)).max(20),
    requireSignedCommits: z.boolean(),
    secretAllowlist: z
      .object({
        paths: z.array(z.string().max(1000)).max(500).optional(),
        rules: z.array(z.string().max(200)).max(200).optional(),
        fingerprints: z.array(z.string().max(200)).max(5000).optional(),
      })
      .strict(),
    /** null: the organisation's licence policy. */
    licencePolicy: licencePolicySchema.nullable(),
    wallTimeSeconds: z
      .number()
      .int()
      .min(10)
      .max(24 * 3600),
  })
  .strict();

export type EngagementCustodySettings = z.infer<typeof engagementSchema>;

const ENGAGEMENT_DEFAULTS: EngagementCustodySettings = {
  commands: [],
  requireSignedCommits: false,
  secretAllowlist: {},
  licencePolicy: null,
  wallTimeSeconds: 900,
};

export async function readEngagementCustodySettings(
  db: Kysely<Database> | Tx,
  engagementId: string,
): Promise<EngagementCustodySettings> {
  const row = await db
    .selectFrom("custody_engagement_settings")
    .selectAll()
    .where("engagement_id", "=", engagementId)
    .executeTakeFirst();
  if (!row) return { ...ENGAGEMENT_DEFAULTS };
  return {
    commands: row.commands,
    requireSignedCommits: row.require_signed_commits,
    secretAllowlist: row.secret_allowlist,
    licencePolicy: row.licence_policy,
    wallTimeSeconds: row.wall_time_seconds,
  };
}

/** The licence policy that applies to an engagement: its own, or the organisation's. */
export function effectiveLicencePolicy(
  engagement: EngagementCustodySettings,
  org: CustodySettings,
): LicencePolicy {
  return engagement.licencePolicy ?? org.licencePolicy;
}

export async function getEngagementCustodySettings(
  ctx: ServiceContext,
  engagementId: unknown,
): Promise<EngagementCustodySettings> {
  requireInternal(ctx);
  const id = parseId(engagementId, "engagementId");
  await loadEngagementFor(ctx, id);
  return readEngagementCustodySettings(ctx.runtime.db, id);
}

/**
 * Sets how an engagement's deliveries are verified: build and test commands run in the
 * sandbox, whether commits must be signed, the secret allowlist and the licence policy.
 *
 * @example
 * await updateEngagementCustodySettings(ctx, engagementId, { commands: ["npm ci", "npm test"] });
 */
export async function updateEngagementCustodySettings(
  ctx: ServiceContext,
  engagementId: unknown,
  input: unknown,
): Promise<EngagementCustodySettings> {
  requirePermission(ctx, "engagements.write", "change how deliveries are verified");
  const id = parseId(engagementId, "engagementId");
  const patch = parseInput(z.record(z.string(), z.unknown()), input ?? {});
  return writeTransaction(ctx, async (tx, audit) => {
    await loadEngagementFor(ctx, id, tx);
    const current = await readEngagementCustodySettings(tx, id);
    const next = parseInput(engagementSchema, { ...current, ...patch });
    const values = {
      commands: JSON.stringify(next.commands),
      require_signed_commits: next.requireSignedCommits,
      secret_allowlist: JSON.stringify(next.secretAllowlist),
      licence_policy: next.licencePolicy ? JSON.stringify(next.licencePolicy) : null,
      wall_time_seconds: next.wallTimeSeconds,
      updated_by: ctx.actor.label,
      updated_at: ctx.runtime.now(),
    };
    await tx
      .insertInto("custody_engagement_settings")
      .values({ engagement_id: id, ...values })
      .onConflict((oc) => oc.column("engagement_id").doUpdateSet(values))
      .execute();
    await audit({
      action: "custody.settings.update",
      targetType: "engagement",
      targetId: id,
      summary: patch,
    });
    return next;
  });
}
