import { z } from "zod";
import { WardenError } from "../../../domain/errors.ts";
import type { Runtime } from "../../context.ts";
import { parseInput } from "../../parse-input.ts";
import { type LoginResult, openPasswordSession } from "../log-in.ts";
import { admitLoginAttempt, recordLoginAttempt } from "../login-throttle.ts";
import { hashSecret } from "../secret-token.ts";
import { checkSecondFactor } from "./check-second-factor.ts";

const schema = z.object({
  challenge: z.string().min(1, "is required (it came with the password's answer)").max(200),
  code: z.string().trim().min(1, "is required").max(40),
});

/**
 * The second step of a password sign-in: a current TOTP code or an unused recovery code for the
 * challenge opens a session. Each attempt is counted by the sign-in throttle like a password
 * (login-throttle.ts), so codes cannot be guessed faster than passwords; a wrong code leaves the
 * challenge for another try until it expires.
 */
export async function completeSecondFactorSignIn(
  runtime: Runtime,
  input: unknown,
  client: { ip: string; userAgent: string | null },
): Promise<LoginResult> {
  const { challenge, code } = parseInput(schema, input);
  const now = runtime.now();
  const found = await runtime.db
    .selectFrom("sign_in_challenges")
    .innerJoin("users", "users.id", "sign_in_challenges.user_id")
    .selectAll("users")
    .select("sign_in_challenges.expires_at as challenge_expires_at")
    .where("sign_in_challenges.id_hash", "=", hashSecret(challenge))
    .executeTakeFirst();
  if (!found || found.challenge_expires_at <= now || found.disabled_at) {
    throw new WardenError("unauthenticated", "This sign-in has expired. Sign in again with your password.");
  }
  const { challenge_expires_at: _expiresAt, ...user } = found;
  const account = user.email.toLowerCase();
  await admitLoginAttempt(runtime.db, account, client.ip, now);
  const result = await runtime.db.transaction().execute(async (tx) => {
    const factor = await checkSecondFactor(runtime, tx, user, code);
    if (!factor) return null;
    await tx.deleteFrom("sign_in_challenges").where("id_hash", "=", hashSecret(challenge)).execute();
    return openPasswordSession(tx, runtime, user, client, { secondFactor: factor });
  });
  if (!result) {
    await recordLoginAttempt(runtime.db, account, client.ip, false, now);
    throw new WardenError("unauthenticated", "Wrong code, or a code already used. Try the next code.", {
      reason: "second_factor",
    });
  }
  return result;
}
