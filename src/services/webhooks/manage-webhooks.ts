import type { Selectable } from "kysely";
import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { EVENT_KINDS, TEST_EVENT_KIND } from "../../domain/event-kinds.ts";
import type { WebhookDeliveriesTable, WebhooksTable } from "../../store/schema.ts";
import { newSecretToken } from "../auth/secret-token.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { writeTransaction } from "../write.ts";
import { queueWebhookDelivery } from "./queue-webhook-delivery.ts";
import { checkWebhookUrl } from "./webhook-target.ts";

export interface WebhookView {
  id: string;
  url: string;
  events: string[];
  disabled: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDeliveryView {
  id: string;
  event: string;
  status: string;
  attempts: number;
  responseCode: number | null;
  responseExcerpt: string | null;
  error: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
}

const eventsSchema = z
  .array(z.enum(EVENT_KINDS, { message: `must be one of ${EVENT_KINDS.join(", ")}` }))
  .min(1, "name at least one event")
  .max(EVENT_KINDS.length);
const createSchema = z.object({
  url: z.string().trim().min(1, "is required").max(2000),
  events: eventsSchema,
});
const updateSchema = z.object({
  url: z.string().trim().min(1).max(2000).optional(),
  events: eventsSchema.optional(),
  disabled: z.boolean().optional(),
});

function toView(row: Selectable<WebhooksTable>): WebhookView {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    disabled: row.disabled_at !== null,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function toDeliveryView(row: Selectable<WebhookDeliveriesTable>): WebhookDeliveryView {
  return {
    id: row.id,
    event: row.event_kind,
    status: row.status,
    attempts: row.attempts,
    responseCode: row.response_code,
    responseExcerpt: row.response_excerpt,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    lastAttemptAt: row.last_attempt_at?.toISOString() ?? null,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
  };
}

const MANAGE = "manage webhooks";

/**
 * Registers a webhook (admins). The signing secret is in this answer only: it is
 * stored encrypted and never shown again.
 *
 * @example
 * const { id, secret } = await createWebhook(ctx, { url: "https://hooks.example.com/w", events: ["gate.changed"] });
 */
export async function createWebhook(
  ctx: ServiceContext,
  input: unknown,
): Promise<WebhookView & { secret: string }> {
  requirePermission(ctx, "settings.manage", MANAGE);
  const data = parseInput(createSchema, input);
  const url = checkWebhookUrl(data.url, ctx.runtime.config.webhookAllowLoopback);
  const secret = `whsec_${newSecretToken()}`;
  return writeTransaction(ctx, async (tx, audit) => {
    const row = await tx
      .insertInto("webhooks")
      .values({
        url: url.toString(),
        events: JSON.stringify([...new Set(data.events)]),
        secret_sealed: ctx.runtime.secrets.seal(secret),
        created_by: ctx.actor.label,
        created_at: ctx.runtime.now(),
        updated_at: ctx.runtime.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "webhook.create",
      targetType: "webhook",
      targetId: row.id,
      summary: { url: row.url, events: row.events },
    });
    return { ...toView(row), secret };
  });
}

export async function listWebhooks(ctx: ServiceContext): Promise<WebhookView[]> {
  requirePermission(ctx, "settings.manage", MANAGE);
  const rows = await ctx.runtime.db.selectFrom("webhooks").selectAll().orderBy("created_at").execute();
  return rows.map(toView);
}

/** Changes a webhook's address, events, or whether it is disabled. */
export async function updateWebhook(ctx: ServiceContext, id: unknown, input: unknown): Promise<WebhookView> {
  requirePermission(ctx, "settings.manage", MANAGE);
  const webhookId = parseId(id);
  const data = parseInput(updateSchema, input);
  const url = data.url
    ? checkWebhookUrl(data.url, ctx.runtime.config.webhookAllowLoopback).toString()
    : undefined;
  return writeTransaction(ctx, async (tx, audit) => {
    const row = await tx
      .updateTable("webhooks")
      .set({
        ...(url ? { url } : {}),
        ...(data.events ? { events: JSON.stringify([...new Set(data.events)]) } : {}),
        ...(data.disabled === undefined ? {} : { disabled_at: data.disabled ? ctx.runtime.now() : null }),
        updated_at: ctx.runtime.now(),
      })
      .where("id", "=", webhookId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new WardenError("not_found", `No webhook with id ${webhookId}.`);
    await audit({ action: "webhook.update", targetType: "webhook", targetId: row.id, summary: { ...data } });
    return toView(row);
  });
}

/** Deletes a webhook and its delivery log. */
export async function deleteWebhook(ctx: ServiceContext, id: unknown): Promise<WebhookView> {
  requirePermission(ctx, "settings.manage", MANAGE);
  const webhookId = parseId(id);
  return writeTransaction(ctx, async (tx, audit) => {
    const row = await tx.deleteFrom("webhooks").where("id", "=", webhookId).returningAll().executeTakeFirst();
    if (!row) throw new WardenError("not_found", `No webhook with id ${webhookId}.`);
    await audit({
      action: "webhook.delete",
      targetType: "webhook",
      targetId: row.id,
      summary: { url: row.url },
    });
    return toView(row);
  });
}

/** A webhook's deliveries, newest first (at most 200). */
export async function listWebhookDeliveries(
  ctx: ServiceContext,
  id: unknown,
): Promise<WebhookDeliveryView[]> {
  requirePermission(ctx, "settings.manage", MANAGE);
  const webhookId = parseId(id);
  const hook = await ctx.runtime.db
    .selectFrom("webhooks")
    .select("id")
    .where("id", "=", webhookId)
    .executeTakeFirst();
  if (!hook) throw new WardenError("not_found", `No webhook with id ${webhookId}.`);
  const rows = await ctx.runtime.db
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("webhook_id", "=", webhookId)
    .orderBy("created_at", "desc")
    .limit(200)
    .execute();
  return rows.map(toDeliveryView);
}

/** Queues a test event (`webhook.test`) to one webhook, whatever events it listens to. */
export async function sendTestEvent(ctx: ServiceContext, id: unknown): Promise<{ deliveryId: string }> {
  requirePermission(ctx, "settings.manage", MANAGE);
  const webhookId = parseId(id);
  return writeTransaction(ctx, async (tx, audit) => {
    const hook = await tx
      .selectFrom("webhooks")
      .select(["id", "disabled_at"])
      .where("id", "=", webhookId)
      .executeTakeFirst();
    if (!hook) throw new WardenError("not_found", `No webhook with id ${webhookId}.`);
    if (hook.disabled_at)
      throw new WardenError("conflict", "The webhook is disabled: enable it to send a test event.");
    const deliveryId = await queueWebhookDelivery(ctx.runtime, tx, {
      webhookId,
      kind: TEST_EVENT_KIND,
      eventId: null,
      at: ctx.runtime.now(),
      data: { message: "A test event from Warden.", requestedBy: ctx.actor.label },
    });
    await audit({
      action: "webhook.test",
      targetType: "webhook",
      targetId: webhookId,
      summary: { deliveryId },
    });
    return { deliveryId };
  });
}
