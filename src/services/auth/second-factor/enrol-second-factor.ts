import QRCode from "qrcode";
import { z } from "zod";
import { WardenError } from "../../../domain/errors.ts";
import type { ServiceContext } from "../../context.ts";
import { parseInput } from "../../parse-input.ts";
import { writeTransaction } from "../../write.ts";
import { replaceRecoveryCodes } from "./recovery-codes.ts";
import { matchTotpStep, newTotpSecret, totpUri } from "./totp-code.ts";

export interface SecondFactorEnrolment {
  /** The secret as text, for typing into an app. */
  secret: string;
  /** The `otpauth://` URI the QR code holds. */
  uri: string;
  /** The QR code, a PNG data URL. */
  qrCode: string;
}

export function signedInUserId(ctx: ServiceContext): string {
  if (ctx.actor.kind !== "user" || !ctx.actor.id)
    throw new WardenError("forbidden", "Only a signed-in user has a second factor.");
  return ctx.actor.id;
}

/**
 * Starts enrolling a TOTP authenticator: a new secret, sealed and held pending until a code
 * confirms it (a second factor that was never confirmed could lock its owner out). Starting again
 * replaces the pending secret; one already on stays on until disabled.
 */
export async function startSecondFactorEnrolment(ctx: ServiceContext): Promise<SecondFactorEnrolment> {
  const userId = signedInUserId(ctx);
  const secret = newTotpSecret();
  const uri = totpUri(secret, ctx.actor.label);
  return writeTransaction(ctx, async (tx, audit) => {
    const user = await tx
      .selectFrom("users")
      .select(["totp_enabled_at"])
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    if (user.totp_enabled_at)
      throw new WardenError(
        "conflict",
        "A second factor is already on. Disable it first to enrol a new one.",
      );
    await tx
      .updateTable("users")
      .set({ totp_pending_secret: ctx.runtime.secrets.seal(secret) })
      .where("id", "=", userId)
      .execute();
    await audit({ action: "user.second_factor.enrolment_start", targetType: "user", targetId: userId });
    return { secret, uri, qrCode: await QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 2 }) };
  });
}

/**
 * Confirms the pending secret with one valid code: the second factor is on from now, and ten
 * recovery codes are made and returned (shown once; only their hashes are kept).
 */
export async function confirmSecondFactorEnrolment(
  ctx: ServiceContext,
  input: unknown,
): Promise<{ recoveryCodes: string[] }> {
  const userId = signedInUserId(ctx);
  const { code } = parseInput(z.object({ code: z.string().trim().min(1, "is required").max(20) }), input);
  return writeTransaction(ctx, async (tx, audit) => {
    const user = await tx
      .selectFrom("users")
      .select(["totp_pending_secret", "totp_enabled_at"])
      .where("id", "=", userId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (user.totp_enabled_at) throw new WardenError("conflict", "The second factor is already on.");
    if (!user.totp_pending_secret)
      throw new WardenError("conflict", "No enrolment is under way: start one first.");
    const now = ctx.runtime.now();
    const step = matchTotpStep(ctx.runtime.secrets.open(user.totp_pending_secret), code, now);
    if (step === null) {
      throw new WardenError(
        "invalid_input",
        "That code does not match: type the 6 digits your app shows now (check the phone's clock if it keeps failing).",
        { errors: [{ field: "code", message: "does not match" }] },
      );
    }
    await tx
      .updateTable("users")
      .set({
        totp_secret: user.totp_pending_secret,
        totp_pending_secret: null,
        totp_enabled_at: now,
        totp_last_step: step,
        updated_at: now,
      })
      .where("id", "=", userId)
      .execute();
    const recoveryCodes = await replaceRecoveryCodes(tx, userId, now);
    await audit({ action: "user.second_factor.enable", targetType: "user", targetId: userId });
    return { recoveryCodes };
  });
}
