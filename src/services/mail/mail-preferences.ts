import type { Kysely } from "kysely";
import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import type { Role } from "../../domain/roles.ts";
import type { Database } from "../../store/schema.ts";
import type { ServiceContext, Tx } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { writeTransaction } from "../write.ts";

/** What a user may be mailed about (invitations, questionnaire links and test messages always go). */
export const MAIL_TOPICS = [
  "reminder",
  "expiry",
  "gate_blocked",
  "delivery_decided",
  "roster_review",
  "leak_case",
] as const;
export type MailTopic = (typeof MAIL_TOPICS)[number];

/** The only topics a vendor contact can receive, and then only about their own vendor. */
export const VENDOR_TOPICS: readonly MailTopic[] = ["reminder", "expiry"];

const DEFAULT_TOPICS: Record<Role, readonly MailTopic[]> = {
  admin: MAIL_TOPICS,
  security: MAIL_TOPICS,
  legal: ["reminder", "expiry"],
  finance: ["reminder", "delivery_decided"],
  auditor: [],
  vendor: VENDOR_TOPICS,
};

export interface MailPreferences {
  topics: MailTopic[];
  delivery: "immediate" | "digest";
  /** The hour (UTC, 0–23) the daily digest goes out. */
  digestHour: number;
}

export function defaultPreferences(role: Role): MailPreferences {
  return { topics: [...DEFAULT_TOPICS[role]], delivery: "immediate", digestHour: 7 };
}

const preferencesSchema = z.object({
  topics: z.array(z.enum(MAIL_TOPICS)).max(MAIL_TOPICS.length).optional(),
  delivery: z.enum(["immediate", "digest"]).optional(),
  digestHour: z
    .number()
    .int()
    .min(0, "must be an hour from 0 to 23 (UTC)")
    .max(23, "must be an hour from 0 to 23 (UTC)")
    .optional(),
});

/** Your own mail preferences: what you set, or your role's defaults. */
export async function getMailPreferences(ctx: ServiceContext): Promise<MailPreferences> {
  const user = signedInUser(ctx);
  const row = await ctx.runtime.db
    .selectFrom("notification_preferences")
    .selectAll()
    .where("user_id", "=", user.id)
    .executeTakeFirst();
  if (!row) return defaultPreferences(user.role);
  return {
    topics: row.events.filter((t): t is MailTopic => (MAIL_TOPICS as readonly string[]).includes(t)),
    delivery: row.delivery,
    digestHour: row.digest_hour,
  };
}

/** Changes your own mail preferences. A vendor contact may choose only among the topics about their vendor. */
export async function updateMailPreferences(ctx: ServiceContext, input: unknown): Promise<MailPreferences> {
  const user = signedInUser(ctx);
  const data = parseInput(preferencesSchema, input);
  const next = { ...(await getMailPreferences(ctx)), ...stripUndefined(data) };
  if (user.role === "vendor") {
    const outside = next.topics.filter((t) => !VENDOR_TOPICS.includes(t));
    if (outside.length) {
      throw new WardenError(
        "invalid_input",
        `A vendor contact can be mailed only about ${VENDOR_TOPICS.join(" and ")}; remove ${outside.join(", ")}.`,
        { field: "topics" },
      );
    }
  }
  next.topics = [...new Set(next.topics)];
  await writeTransaction(ctx, async (tx, audit) => {
    await tx
      .insertInto("notification_preferences")
      .values({
        user_id: user.id,
        events: JSON.stringify(next.topics),
        delivery: next.delivery,
        digest_hour: next.digestHour,
        updated_at: ctx.runtime.now(),
      })
      .onConflict((oc) =>
        oc.column("user_id").doUpdateSet({
          events: JSON.stringify(next.topics),
          delivery: next.delivery,
          digest_hour: next.digestHour,
          updated_at: ctx.runtime.now(),
        }),
      )
      .execute();
    await audit({
      action: "mail.preferences.update",
      targetType: "user",
      targetId: user.id,
      summary: { ...next },
    });
  });
  return next;
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never;
}

function signedInUser(ctx: ServiceContext): { id: string; role: Role } {
  if (!ctx.actor.id || ctx.actor.role === "system") {
    throw new WardenError("forbidden", "Only a signed-in user has mail preferences.");
  }
  return { id: ctx.actor.id, role: ctx.actor.role };
}

export interface MailRecipient {
  userId: string;
  email: string;
  digest: boolean;
}

/**
 * Who is mailed about a topic: active users who chose it (or whose role has it by default).
 * Internal staff always qualify; a vendor contact only for a topic open to vendors, about
 * their own vendor, and never for a matter marked internal.
 */
export async function recipientsFor(
  db: Kysely<Database> | Tx,
  topic: MailTopic,
  about: { vendorId: string | null; internalOnly: boolean },
): Promise<MailRecipient[]> {
  const rows = await db
    .selectFrom("users")
    .leftJoin("notification_preferences as p", "p.user_id", "users.id")
    .select(["users.id", "users.email", "users.role", "users.vendor_id", "p.events", "p.delivery"])
    .where("users.disabled_at", "is", null)
    .execute();
  return rows
    .filter((u) => {
      if (u.role === "vendor") {
        if (about.internalOnly || !VENDOR_TOPICS.includes(topic)) return false;
        if (!about.vendorId || u.vendor_id !== about.vendorId) return false;
      }
      const topics = u.events ?? DEFAULT_TOPICS[u.role];
      return topics.includes(topic);
    })
    .map((u) => ({ userId: u.id, email: u.email, digest: u.delivery === "digest" }));
}
