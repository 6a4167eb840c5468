import type { OpenAPIHono } from "@hono/zod-openapi";
import { listMailMessages } from "../../services/mail/list-mail-messages.ts";
import { getMailPreferences, updateMailPreferences } from "../../services/mail/mail-preferences.ts";
import {
  acceptInvitation,
  listPendingInvitations,
  resendInvitation,
} from "../../services/users/invite-user.ts";
import {
  createWebhook,
  deleteWebhook,
  listWebhookDeliveries,
  listWebhooks,
  sendTestEvent,
  updateWebhook,
} from "../../services/webhooks/manage-webhooks.ts";
import type { AppEnv } from "../env.ts";
import { defineRoute } from "./define-route.ts";

/** Where Warden tells people and systems what happened: mail, invitations and webhooks. */
export function registerNotificationRoutes(app: OpenAPIHono<AppEnv>): void {
  const r = (spec: Parameters<typeof defineRoute>[1], handler: Parameters<typeof defineRoute>[2]) =>
    defineRoute(app, spec, handler);

  r(
    {
      method: "get",
      path: "/api/webhooks",
      summary: "List webhooks (admins)",
      tag: "webhooks",
      permission: "settings.manage",
    },
    async (ctx) => ({ items: await listWebhooks(ctx) }),
  );
  r(
    {
      method: "post",
      path: "/api/webhooks",
      summary: "Register a webhook: {url, events}; the signing secret is shown only in this answer",
      tag: "webhooks",
      permission: "settings.manage",
      body: true,
      status: 201,
    },
    async (ctx, { body }) => createWebhook(ctx, body),
  );
  r(
    {
      method: "patch",
      path: "/api/webhooks/{id}",
      summary: "Change a webhook's url, events, or disable it",
      tag: "webhooks",
      permission: "settings.manage",
      body: true,
    },
    async (ctx, { params, body }) => updateWebhook(ctx, params.id, body),
  );
  r(
    {
      method: "delete",
      path: "/api/webhooks/{id}",
      summary: "Delete a webhook",
      tag: "webhooks",
      permission: "settings.manage",
    },
    async (ctx, { params }) => deleteWebhook(ctx, params.id),
  );
  r(
    {
      method: "get",
      path: "/api/webhooks/{id}/deliveries",
      summary: "A webhook's delivery log: status, response code and excerpt, attempts, times",
      tag: "webhooks",
      permission: "settings.manage",
    },
    async (ctx, { params }) => ({ items: await listWebhookDeliveries(ctx, params.id) }),
  );
  r(
    {
      method: "post",
      path: "/api/webhooks/{id}/test",
      summary: "Send a test event (webhook.test) to a webhook",
      tag: "webhooks",
      permission: "settings.manage",
      status: 201,
    },
    async (ctx, { params }) => sendTestEvent(ctx, params.id),
  );

  r(
    {
      method: "get",
      path: "/api/mail/messages",
      summary: "The mail log (admins): each message's status, attempts, message id and error",
      tag: "mail",
      permission: "settings.manage",
    },
    async (ctx, { query }) => ({ items: await listMailMessages(ctx, query) }),
  );
  r(
    {
      method: "get",
      path: "/api/account/mail",
      permission: "signed-in",
      summary: "Your mail preferences",
      tag: "mail",
    },
    async (ctx) => getMailPreferences(ctx),
  );
  r(
    {
      method: "patch",
      path: "/api/account/mail",
      permission: "signed-in",
      summary: "Change your mail preferences: topics, immediate or daily digest, the digest hour (UTC)",
      tag: "mail",
      body: true,
    },
    async (ctx, { body }) => updateMailPreferences(ctx, body),
  );

  r(
    {
      method: "get",
      path: "/api/invitations",
      summary: "Invited users who have not set their password yet (admins)",
      tag: "users",
      permission: "users.manage",
    },
    async (ctx) => ({ items: await listPendingInvitations(ctx) }),
  );
  r(
    {
      method: "post",
      path: "/api/users/{id}/invitation",
      summary: "Mail a new invitation link to an invited user; the old link stops working",
      tag: "users",
      permission: "users.manage",
    },
    async (ctx, { params }) => resendInvitation(ctx, params.id),
  );
  // Public (listed in PUBLIC_PATHS): the invitation link's token is the proof.
  r(
    {
      method: "post",
      path: "/api/invitations/accept",
      permission: "public",
      summary: "Set your password from an invitation link (public: the link's token is the proof)",
      tag: "users",
      body: true,
    },
    async (ctx, { body }) => acceptInvitation(ctx.runtime, body),
  );
}
