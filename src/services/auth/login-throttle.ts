import type { Kysely } from "kysely";
import { WardenError } from "../../domain/errors.ts";
import type { Database } from "../../store/schema.ts";

/** Failures allowed in the window before an account or an address must wait. */
export const THROTTLE = { windowMs: 15 * 60_000, perAccount: 5, perIp: 30 } as const;

/**
 * Refuses a login attempt while the account or the client address has failed too
 * often in the window. Kept in the database, so every process sees the same count.
 */
export async function assertNotThrottled(
  db: Kysely<Database>,
  account: string,
  ip: string,
  now: Date,
): Promise<void> {
  const since = new Date(now.getTime() - THROTTLE.windowMs);
  const [byAccount, byIp] = await Promise.all([
    failuresSinceLastSuccess(db, "account", account, since),
    failuresSinceLastSuccess(db, "ip", ip, since),
  ]);
  if (byAccount.count >= THROTTLE.perAccount || byIp.count >= THROTTLE.perIp) {
    const oldest = (byAccount.count >= THROTTLE.perAccount ? byAccount.oldest : byIp.oldest) ?? now;
    const retryAfterSeconds = Math.max(
      1,
      Math.ceil((oldest.getTime() + THROTTLE.windowMs - now.getTime()) / 1000),
    );
    throw new WardenError(
      "rate_limited",
      `Too many failed sign-ins. Wait ${Math.ceil(retryAfterSeconds / 60)} minute(s) and try again, or ask an admin to reset the password.`,
      { retryAfterSeconds },
    );
  }
}

async function failuresSinceLastSuccess(
  db: Kysely<Database>,
  column: "account" | "ip",
  value: string,
  since: Date,
) {
  // A success clears an account's count; an address's count is not cleared by
  // the attacker signing in to an account of its own.
  const lastSuccess =
    column === "ip"
      ? undefined
      : await db
          .selectFrom("login_attempts")
          .select((eb) => eb.fn.max("at").as("at"))
          .where(column, "=", value)
          .where("succeeded", "=", true)
          .where("at", ">=", since)
          .executeTakeFirst();
  const from = lastSuccess?.at && new Date(lastSuccess.at) > since ? new Date(lastSuccess.at) : since;
  const row = await db
    .selectFrom("login_attempts")
    .select((eb) => [eb.fn.countAll<number>().as("count"), eb.fn.min("at").as("oldest")])
    .where(column, "=", value)
    .where("succeeded", "=", false)
    .where("at", ">", from)
    .executeTakeFirst();
  return { count: Number(row?.count ?? 0), oldest: row?.oldest ? new Date(row.oldest) : null };
}

export async function recordLoginAttempt(
  db: Kysely<Database>,
  account: string,
  ip: string,
  succeeded: boolean,
  now: Date,
) {
  await db.insertInto("login_attempts").values({ account, ip, succeeded, at: now }).execute();
}
