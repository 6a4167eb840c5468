import { randomInt } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../store/schema.ts";
import type { Tx } from "../../context.ts";
import { hashSecret } from "../secret-token.ts";

export const RECOVERY_CODE_COUNT = 10;
// No 0/o, 1/l/i: a code copied from paper is read back right.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Spaces, dashes and case do not matter when a code is typed back. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "");
}

export function looksLikeRecoveryCode(code: string): boolean {
  return /^[a-z0-9]{10}$/.test(normaliseRecoveryCode(code));
}

/**
 * Replaces a user's recovery codes with ten new ones (about 49 bits each), stored only as their
 * sha256; the codes are returned to be shown once.
 */
export async function replaceRecoveryCodes(tx: Tx, userId: string, now: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  await tx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  await tx
    .insertInto("recovery_codes")
    .values(
      codes.map((code) => ({
        user_id: userId,
        code_hash: hashSecret(normaliseRecoveryCode(code)),
        created_at: now,
      })),
    )
    .execute();
  return codes;
}

/** Uses a recovery code once: true when it was unused, and it is used from now on. */
export async function spendRecoveryCode(tx: Tx, userId: string, code: string, now: Date): Promise<boolean> {
  const spent = await tx
    .updateTable("recovery_codes")
    .set({ used_at: now })
    .where("user_id", "=", userId)
    .where("code_hash", "=", hashSecret(normaliseRecoveryCode(code)))
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(spent.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(tx: Kysely<Database> | Tx, userId: string): Promise<number> {
  const row = await tx
    .selectFrom("recovery_codes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
