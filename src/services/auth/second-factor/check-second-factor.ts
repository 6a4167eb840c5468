import type { Runtime, Tx } from "../../context.ts";
import { looksLikeRecoveryCode, spendRecoveryCode } from "./recovery-codes.ts";
import { matchTotpStep } from "./totp-code.ts";

/**
 * Checks a second factor inside the caller's transaction: a current TOTP code (its time step must
 * be later than the last one accepted, recorded atomically, so the same code or an older one is
 * refused even from another process), or an unused recovery code (spent here). Returns which
 * factor matched, or null.
 */
export async function checkSecondFactor(
  runtime: Runtime,
  tx: Tx,
  user: { id: string; totp_secret: string | null },
  code: string,
): Promise<"totp" | "recovery_code" | null> {
  if (!user.totp_secret) return null;
  const now = runtime.now();
  const trimmed = code.trim();
  const step = matchTotpStep(runtime.secrets.open(user.totp_secret), trimmed.replace(/\s/g, ""), now);
  if (step !== null) {
    const accepted = await tx
      .updateTable("users")
      .set({ totp_last_step: step })
      .where("id", "=", user.id)
      .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
      .executeTakeFirst();
    return Number(accepted.numUpdatedRows) === 1 ? "totp" : null;
  }
  if (looksLikeRecoveryCode(trimmed) && (await spendRecoveryCode(tx, user.id, trimmed, now)))
    return "recovery_code";
  return null;
}
