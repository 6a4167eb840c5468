import type { Kysely } from "kysely";
import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import type { Database } from "../../store/schema.ts";
import { requirePermission, type ServiceContext, type Tx } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { writeTransaction } from "../write.ts";
import { writeSetting } from "../write-setting.ts";

const KEY = "sign-in.settings";

/** How people sign in: an organisation setting. */
export interface SignInSettings {
  /**
   * Internal users (not admins, not vendor contacts) may sign in with a password. Off: they sign
   * in through single sign-on only. Admins always keep their password as the way in when the
   * identity provider is down (break-glass); vendor contacts keep theirs.
   */
  internalPasswordSignIn: boolean;
  /** Admins signing in with a password must have a second factor: one without is sent to enrol. */
  adminSecondFactorRequired: boolean;
}

export const DEFAULT_SIGN_IN_SETTINGS: SignInSettings = {
  internalPasswordSignIn: true,
  adminSecondFactorRequired: false,
};

const settingsSchema = z.strictObject({
  internalPasswordSignIn: z.boolean(),
  adminSecondFactorRequired: z.boolean(),
});

export async function readSignInSettings(db: Kysely<Database> | Tx): Promise<SignInSettings> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", KEY).executeTakeFirst();
  const stored = settingsSchema.partial().safeParse(row?.value ?? {});
  return { ...DEFAULT_SIGN_IN_SETTINGS, ...(stored.success ? stored.data : {}) };
}

export async function getSignInSettings(ctx: ServiceContext): Promise<SignInSettings> {
  requirePermission(ctx, "settings.manage", "see the sign-in settings");
  return readSignInSettings(ctx.runtime.db);
}

/**
 * Changes how people sign in (admins). Password sign-in for internal users can be turned off only
 * while single sign-on is configured: without it they would have no way in.
 *
 * @example
 * await updateSignInSettings(ctx, { adminSecondFactorRequired: true });
 */
export async function updateSignInSettings(ctx: ServiceContext, input: unknown): Promise<SignInSettings> {
  requirePermission(ctx, "settings.manage", "change the sign-in settings");
  const patch = parseInput(
    settingsSchema
      .partial()
      .refine((p) => Object.keys(p).length > 0, "name internalPasswordSignIn or adminSecondFactorRequired"),
    input,
  );
  if (patch.internalPasswordSignIn === false && !ctx.runtime.config.oidc) {
    throw new WardenError(
      "conflict",
      "Single sign-on is not configured (WARDEN_OIDC_ISSUER, WARDEN_OIDC_CLIENT_ID, WARDEN_OIDC_CLIENT_SECRET): turning password sign-in off would leave internal users no way in. Configure single sign-on first.",
      { field: "internalPasswordSignIn" },
    );
  }
  return writeTransaction(ctx, async (tx, audit) => {
    const next = { ...(await readSignInSettings(tx)), ...patch };
    await writeSetting(ctx, tx, audit, { key: KEY, area: "sign-in", value: next, changed: patch });
    return next;
  });
}
