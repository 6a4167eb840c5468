import { sql } from "kysely";
import { WardenError } from "../../domain/errors.ts";
import type { Runtime } from "../context.ts";
import { hashLinkToken } from "./link-token.ts";

/**
 * How many requests the public questionnaire-link routes take in one minute: per client address
 * (whatever tokens it tries) and per token (from whatever addresses).
 */
export const LINK_REQUEST_LIMITS = { perAddress: 120, perToken: 60, windowSeconds: 60 } as const;

/**
 * Counts a request to the public link routes and refuses it (`rate_limited`, with the seconds to
 * wait) past either limit. The counts live in the database, one atomic upsert per key and minute,
 * so every process sharing it counts together; old windows are swept as new ones open.
 *
 * @example
 * await limitLinkRequests(runtime, { address: "203.0.113.7", token: header });
 */
export async function limitLinkRequests(
  runtime: Runtime,
  client: { address: string; token: string },
): Promise<void> {
  const { perAddress, perToken, windowSeconds } = LINK_REQUEST_LIMITS;
  const now = runtime.now().getTime();
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now) / 1000));
  const counts: [key: string, limit: number, what: string][] = [
    [`link-address:${client.address}`, perAddress, "from your address"],
    [`link-token:${hashLinkToken(client.token)}`, perToken, "for this link"],
  ];
  for (const [key, limit, what] of counts) {
    const row = await runtime.db
      .insertInto("request_counts")
      .values({ key, window_start: windowStart, count: 1 })
      .onConflict((oc) =>
        oc.columns(["key", "window_start"]).doUpdateSet({ count: sql`request_counts.count + 1` }),
      )
      .returning("count")
      .executeTakeFirstOrThrow();
    if (row.count === 1 && key.startsWith("link-address:")) {
      await runtime.db
        .deleteFrom("request_counts")
        .where("window_start", "<", new Date(windowStart.getTime() - 10 * windowMs))
        .execute();
    }
    if (row.count > limit) {
      throw new WardenError(
        "rate_limited",
        `Too many requests ${what}: at most ${limit} a minute. Wait ${retryAfterSeconds} s and try again.`,
        { retryAfterSeconds },
      );
    }
  }
}
