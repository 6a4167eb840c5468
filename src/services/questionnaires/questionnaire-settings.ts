import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../store/schema.ts";
import { requireInternal, requirePermission, type ServiceContext, type Tx } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { writeTransaction } from "../write.ts";
import { writeSetting } from "../write-setting.ts";

const KEY = "questionnaires.settings";

export interface QuestionnaireSettings {
  /** An accepted questionnaire scoring at least this (0..100) passes DD-2; below, it warns. */
  passThreshold: number;
  /** An accepted result stays valid this many days, then the vendor is reassessed. */
  reassessmentDays: number;
  /** A no-account link works this many days unless submitted first. */
  linkValidDays: number;
  /** The largest file a vendor may attach to an answer. */
  maxFileBytes: number;
  /** A questionnaire not yet submitted is reminded of this many days before its due date. */
  reminderDays: number;
}

export const DEFAULT_QUESTIONNAIRE_SETTINGS: QuestionnaireSettings = {
  passThreshold: 70,
  reassessmentDays: 365,
  linkValidDays: 14,
  maxFileBytes: 10 * 1024 * 1024,
  reminderDays: 7,
};

const settingsSchema = z.strictObject({
  passThreshold: z.number().min(0).max(100),
  reassessmentDays: z.number().int().min(1).max(3650),
  linkValidDays: z.number().int().min(1).max(90),
  maxFileBytes: z
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024),
  // The dashboard lists what falls due within 30 days: a longer window would not show there.
  reminderDays: z.number().int().min(1).max(30),
});

export async function readQuestionnaireSettings(db: Kysely<Database> | Tx): Promise<QuestionnaireSettings> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", KEY).executeTakeFirst();
  const stored = settingsSchema.partial().safeParse(row?.value ?? {});
  return { ...DEFAULT_QUESTIONNAIRE_SETTINGS, ...(stored.success ? stored.data : {}) };
}

export async function getQuestionnaireSettings(ctx: ServiceContext): Promise<QuestionnaireSettings> {
  requireInternal(ctx);
  return readQuestionnaireSettings(ctx.runtime.db);
}

/**
 * Changes the questionnaire settings (admins): only the fields given change.
 *
 * @example
 * await updateQuestionnaireSettings(ctx, { passThreshold: 80 });
 */
export async function updateQuestionnaireSettings(
  ctx: ServiceContext,
  input: unknown,
): Promise<QuestionnaireSettings> {
  requirePermission(ctx, "settings.manage", "change the questionnaire settings");
  const patch = parseInput(settingsSchema.partial(), input);
  return writeTransaction(ctx, async (tx, audit) => {
    const next = { ...(await readQuestionnaireSettings(tx)), ...patch };
    await writeSetting(ctx, tx, audit, { key: KEY, area: "questionnaires", value: next, changed: patch });
    return next;
  });
}
