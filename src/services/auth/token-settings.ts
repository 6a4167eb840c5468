import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../store/schema.ts";
import { requirePermission, type ServiceContext, type Tx } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { writeTransaction } from "../write.ts";
import { writeSetting } from "../write-setting.ts";

const KEY = "tokens.settings";

/** How long API tokens may live: an organisation setting. */
export interface TokenSettings {
  /** The longest a token may live, in days (and its lifetime when none is asked for). */
  maxDays: number;
  /** The same for vendor contacts' tokens. */
  vendorMaxDays: number;
}

export const DEFAULT_TOKEN_SETTINGS: TokenSettings = { maxDays: 90, vendorMaxDays: 30 };

const settingsSchema = z.strictObject({
  maxDays: z.number().int().min(1).max(365),
  vendorMaxDays: z.number().int().min(1).max(365),
});

export async function readTokenSettings(db: Kysely<Database> | Tx): Promise<TokenSettings> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", KEY).executeTakeFirst();
  const stored = settingsSchema.partial().safeParse(row?.value ?? {});
  return { ...DEFAULT_TOKEN_SETTINGS, ...(stored.success ? stored.data : {}) };
}

/** The token lifetimes (everyone may read them: the token form says the limit). */
export async function getTokenSettings(ctx: ServiceContext): Promise<TokenSettings> {
  return readTokenSettings(ctx.runtime.db);
}

/**
 * Changes the token lifetimes (admins). A shorter limit applies to tokens made from then on.
 *
 * @example
 * await updateTokenSettings(ctx, { vendorMaxDays: 14 });
 */
export async function updateTokenSettings(ctx: ServiceContext, input: unknown): Promise<TokenSettings> {
  requirePermission(ctx, "settings.manage", "change the token settings");
  const patch = parseInput(
    settingsSchema.partial().refine((p) => Object.keys(p).length > 0, "name maxDays or vendorMaxDays"),
    input,
  );
  return writeTransaction(ctx, async (tx, audit) => {
    const next = { ...(await readTokenSettings(tx)), ...patch };
    await writeSetting(ctx, tx, audit, { key: KEY, area: "tokens", value: next, changed: patch });
    return next;
  });
}
