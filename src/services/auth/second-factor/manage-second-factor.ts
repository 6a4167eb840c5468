import { z } from "zod";
import { WardenError } from "../../../domain/errors.ts";
import { requirePermission, type ServiceContext, type Tx } from "../../context.ts";
import { parseId } from "../../ids.ts";
import { parseInput } from "../../parse-input.ts";
import { writeTransaction } from "../../write.ts";
import { readSignInSettings } from "../sign-in-settings.ts";
import { checkSecondFactor } from "./check-second-factor.ts";
import { signedInUserId } from "./enrol-second-factor.ts";
import { countUnusedRecoveryCodes, replaceRecoveryCodes } from "./recovery-codes.ts";

export interface SecondFactorStatus {
  enabled: boolean;
  enabledAt: string | null;
  /** Unused recovery codes left. */
  recoveryCodesLeft: number;
  /** The organisation requires a second factor of this user (admins, when set). */
  required: boolean;
}

/** Your own second factor: on or off, recovery codes left, and whether you must have one. */
export async function getSecondFactorStatus(ctx: ServiceContext): Promise<SecondFactorStatus> {
  const userId = signedInUserId(ctx);
  const db = ctx.runtime.db;
  const user = await db
    .selectFrom("users")
    .select(["totp_enabled_at", "role"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  const settings = await readSignInSettings(db);
  return {
    enabled: user.totp_enabled_at !== null,
    enabledAt: user.totp_enabled_at?.toISOString() ?? null,
    recoveryCodesLeft: user.totp_enabled_at ? await countUnusedRecoveryCodes(db, userId) : 0,
    required: user.role === "admin" && settings.adminSecondFactorRequired,
  };
}

const codeSchema = z.object({ code: z.string().trim().min(1, "is required").max(40) });

async function requireCurrentCode(ctx: ServiceContext, tx: Tx, userId: string, code: string): Promise<void> {
  const user = await tx
    .selectFrom("users")
    .select(["id", "totp_secret"])
    .where("id", "=", userId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (!user.totp_secret) throw new WardenError("conflict", "No second factor is on.");
  if (!(await checkSecondFactor(ctx.runtime, tx, user, code))) {
    throw new WardenError("invalid_input", "That code does not match, or was already used.", {
      errors: [{ field: "code", message: "does not match" }],
    });
  }
}

/** Turns your second factor off; a current code (or a recovery code) proves you hold it. */
export async function disableSecondFactor(ctx: ServiceContext, input: unknown): Promise<void> {
  const userId = signedInUserId(ctx);
  const { code } = parseInput(codeSchema, input);
  await writeTransaction(ctx, async (tx, audit) => {
    await requireCurrentCode(ctx, tx, userId, code);
    await clearSecondFactor(tx, userId, ctx.runtime.now());
    await audit({ action: "user.second_factor.disable", targetType: "user", targetId: userId });
  });
}

/** Ten new recovery codes for a current code; the old ones stop working. Shown once. */
export async function regenerateRecoveryCodes(
  ctx: ServiceContext,
  input: unknown,
): Promise<{ recoveryCodes: string[] }> {
  const userId = signedInUserId(ctx);
  const { code } = parseInput(codeSchema, input);
  return writeTransaction(ctx, async (tx, audit) => {
    await requireCurrentCode(ctx, tx, userId, code);
    const recoveryCodes = await replaceRecoveryCodes(tx, userId, ctx.runtime.now());
    await audit({ action: "user.second_factor.recovery_codes", targetType: "user", targetId: userId });
    return { recoveryCodes };
  });
}

/**
 * An admin removes a user's second factor (a lost phone): it is off, its recovery codes are gone,
 * and the user's sessions end. The user signs in with the password alone and enrols again.
 */
export async function resetSecondFactor(ctx: ServiceContext, userId: unknown): Promise<void> {
  requirePermission(ctx, "users.manage", "reset a user's second factor");
  const id = parseId(userId);
  await writeTransaction(ctx, async (tx, audit) => {
    const user = await tx.selectFrom("users").select(["email"]).where("id", "=", id).executeTakeFirst();
    if (!user) throw new WardenError("not_found", `No user with id ${id}.`);
    await clearSecondFactor(tx, id, ctx.runtime.now());
    await tx.deleteFrom("sessions").where("user_id", "=", id).execute();
    await audit({
      action: "user.second_factor.reset",
      targetType: "user",
      targetId: id,
      summary: { email: user.email },
    });
  });
}

async function clearSecondFactor(tx: Tx, userId: string, now: Date): Promise<void> {
  await tx
    .updateTable("users")
    .set({
      totp_secret: null,
      totp_pending_secret: null,
      totp_enabled_at: null,
      totp_last_step: null,
      updated_at: now,
    })
    .where("id", "=", userId)
    .execute();
  await tx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
}
