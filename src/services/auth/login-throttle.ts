import type { Kysely } from "kysely";
import { addressGroup } from "../../domain/client-address.ts";
import { WardenError } from "../../domain/errors.ts";
import type { Database } from "../../store/schema.ts";

/**
 * Sign-in throttling. Attempts are counted per address and per account at an address, never per
 * account alone: an attacker elsewhere cannot keep a user out of their own account. Past the free
 * attempts each further one waits a growing delay (15 s, 30 s, 1 min… at most 15 minutes); a count
 * is forgotten after the window without attempts.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  /** Free attempts for one account from one address. */
  perAccountAtAddress: 5,
  /** Free attempts from one address, whatever the accounts. */
  perAddress: 30,
  firstDelayMs: 15_000,
  maxDelayMs: 15 * 60_000,
} as const;

function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(THROTTLE.maxDelayMs, THROTTLE.firstDelayMs * 2 ** Math.min(failures - free, 20));
}

function keysOf(account: string, ip: string) {
  const address = addressGroup(ip);
  // Address first, then account: every process takes the row locks in the same order.
  return [
    { key: `ip:${address}`, free: THROTTLE.perAddress },
    { key: `pair:${account}|${address}`, free: THROTTLE.perAccountAtAddress },
  ];
}

/**
 * Admits a sign-in attempt or refuses it with 429 and Retry-After. An admitted attempt is counted
 * at once, before its password is checked, under a row lock in the database: concurrent attempts
 * (from any process) are counted one by one, and no more of them reach the password check than
 * the count allows. `recordLoginSuccess` takes a good attempt back off the count.
 */
export async function admitLoginAttempt(
  db: Kysely<Database>,
  account: string,
  ip: string,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const { key, free } of keysOf(account, ip)) {
      await tx
        .insertInto("login_throttle")
        .values({ key, failures: 0, next_allowed_at: now, updated_at: now })
        .onConflict((oc) => oc.column("key").doNothing())
        .execute();
      const row = await tx
        .selectFrom("login_throttle")
        .selectAll()
        .where("key", "=", key)
        .forUpdate()
        .executeTakeFirstOrThrow();
      // Only a count past its free attempts holds anyone back: a row within them never refuses,
      // whatever its time says (clocks of several processes, or a test's, may disagree).
      const stale = now.getTime() - row.updated_at.getTime() > THROTTLE.windowMs;
      if (!stale && delayAfter(row.failures, free) > 0 && row.next_allowed_at > now) {
        const retryAfterSeconds = Math.max(
          1,
          Math.ceil((row.next_allowed_at.getTime() - now.getTime()) / 1000),
        );
        throw new WardenError(
          "rate_limited",
          `Too many failed sign-ins from this address. Wait ${retryAfterSeconds} second(s) and try again; each further failure doubles the wait, and a correct password clears it.`,
          { retryAfterSeconds },
        );
      }
      const failures = stale ? 1 : row.failures + 1;
      await tx
        .updateTable("login_throttle")
        .set({
          failures,
          next_allowed_at: new Date(now.getTime() + delayAfter(failures, free)),
          updated_at: now,
        })
        .where("key", "=", key)
        .execute();
    }
  });
}

/** A correct password: the account's count at this address is cleared, the address's not raised. */
export async function recordLoginSuccess(
  db: Kysely<Database>,
  account: string,
  ip: string,
  now: Date,
): Promise<void> {
  const [address, pair] = keysOf(account, ip);
  await db
    .deleteFrom("login_throttle")
    .where("key", "=", pair?.key ?? "")
    .execute();
  // The address's count is lowered, not cleared: an attacker signing in to an account of its own
  // does not earn fresh guesses at others.
  await db
    .updateTable("login_throttle")
    .set((eb) => ({ failures: eb("failures", "-", 1), updated_at: now }))
    .where("key", "=", address?.key ?? "")
    .where("failures", ">", 0)
    .execute();
}

/** Forgets an account's counts everywhere (an admin set a new password). */
export async function clearLoginThrottle(db: Kysely<Database>, account: string): Promise<void> {
  await db
    .deleteFrom("login_throttle")
    .where("key", "like", `pair:${account.replace(/[\\%_]/g, "\\$&")}|%`)
    .execute();
}

/** Drops counters idle for longer than the window (hourly housekeeping). */
export async function purgeLoginThrottle(db: Kysely<Database>, now: Date): Promise<void> {
  const before = new Date(now.getTime() - THROTTLE.windowMs - THROTTLE.maxDelayMs);
  await db
    .deleteFrom("login_throttle")
    .where("updated_at", "<", before)
    .where("next_allowed_at", "<", now)
    .execute();
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
