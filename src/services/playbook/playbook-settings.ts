import type { Kysely } from "kysely";
import { z } from "zod";
import { DEFAULT_SETTINGS, type PlaybookSettings } from "../../playbook/types.ts";
import type { Database } from "../../store/schema.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { writeTransaction } from "../write.ts";
import { writeSetting } from "../write-setting.ts";

const KEY = "playbook.settings";

export interface OrgSettings extends PlaybookSettings {
  /** ISO alpha-2 of the organisation's home country (jurisdiction advice, DD-4). */
  homeCountry: string;
  /**
   * Whether whoever accepted a delivery may also approve its payment. Off by
   * default (separation of duties); turning it on is an audited settings change.
   */
  paymentByAcceptor: boolean;
}

export const DEFAULT_ORG_SETTINGS: OrgSettings = {
  ...DEFAULT_SETTINGS,
  homeCountry: "US",
  paymentByAcceptor: false,
};

const settingsSchema = z
  .object({
    turnoverThreshold: z.number().min(0).max(5),
    auditIntervalDays: z.number().int().min(1).max(3650),
    thirdPartyAuditIntervalDays: z.number().int().min(1).max(3650),
    staffCertificationCoverage: z.number().min(0).max(1),
    incidentDisclosureBusinessDays: z.number().int().min(0).max(60),
    homeCountry: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "must be an ISO alpha-2 code such as US"),
    paymentByAcceptor: z.boolean(),
  })
  .partial();

export async function readOrgSettings(db: Kysely<Database>): Promise<OrgSettings> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", KEY).executeTakeFirst();
  return { ...DEFAULT_ORG_SETTINGS, ...((row?.value as Partial<OrgSettings> | undefined) ?? {}) };
}

/** Changes the organisation's playbook settings (admins). */
export async function updateOrgSettings(ctx: ServiceContext, input: unknown): Promise<OrgSettings> {
  requirePermission(ctx, "settings.manage", "change the playbook settings");
  const patch = parseInput(settingsSchema, input);
  return writeTransaction(ctx, async (tx, audit) => {
    const next = { ...(await readOrgSettings(tx)), ...patch };
    await writeSetting(ctx, tx, audit, { key: KEY, area: "playbook", value: next, changed: patch });
    return next;
  });
}
