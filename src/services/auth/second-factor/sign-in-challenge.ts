import type { Runtime, Tx } from "../../context.ts";
import { hashSecret, newSecretToken } from "../secret-token.ts";

/** How long a right password waits for its second factor. */
export const CHALLENGE_TTL_MS = 5 * 60_000;

/**
 * A password sign-in of a user with a second factor: the password was right, the code is still to
 * come. The challenge is no session (its token opens nothing but `completeSecondFactorSignIn`),
 * lives 5 minutes, and only its hash is stored.
 */
export async function createSignInChallenge(
  tx: Tx,
  runtime: Runtime,
  userId: string,
  client: { ip: string; userAgent: string | null },
): Promise<string> {
  const token = newSecretToken();
  const now = runtime.now();
  await tx.deleteFrom("sign_in_challenges").where("expires_at", "<", now).execute();
  await tx
    .insertInto("sign_in_challenges")
    .values({
      id_hash: hashSecret(token),
      user_id: userId,
      created_at: now,
      expires_at: new Date(now.getTime() + CHALLENGE_TTL_MS),
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return token;
}
