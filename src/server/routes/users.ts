import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { createApiToken, listApiTokens, revokeApiToken } from "../../services/auth/api-tokens.ts";
import { hashSecret } from "../../services/auth/secret-token.ts";
import { getTokenSettings, updateTokenSettings } from "../../services/auth/token-settings.ts";
import { changeOwnPassword, resetPassword } from "../../services/users/change-password.ts";
import { createUser } from "../../services/users/create-user.ts";
import { setUserDisabled } from "../../services/users/disable-user.ts";
import { listUsers } from "../../services/users/list-users.ts";
import { type AppEnv, serviceContext } from "../env.ts";
import {
  IdParams,
  jsonBody,
  jsonResponse,
  PageQuery,
  pageOf,
  problemResponses,
  UserSchema,
} from "../schemas.ts";
import { defineRoute, publishedAccess } from "./define-route.ts";

const ApiTokenSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    userEmail: z.string().optional(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revoked: z.boolean(),
  })
  .openapi("ApiToken");

export function registerUserRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/users",
      ...publishedAccess("users.manage"),
      summary: "List users (admins)",
      request: { query: PageQuery },
      responses: {
        200: jsonResponse(pageOf(UserSchema, "UserPage"), "A page of users"),
        ...problemResponses,
      },
    }),
    async (c) => c.json(await listUsers(serviceContext(c), c.req.valid("query")), 200),
  );

  // The service checks the caller before it validates the body: {email, name, role, password, vendorId?}.
  defineRoute(
    app,
    {
      method: "post",
      path: "/api/users",
      permission: "users.manage",
      summary:
        "Create a user (admins): {email, name, role, password?, vendorId?}; with invite: true and no password, mail them a link to set their own",
      tag: "users",
      body: true,
      status: 201,
    },
    (ctx, { body }) => createUser(ctx, body),
  );

  for (const action of ["disable", "enable"] as const) {
    app.openapi(
      createRoute({
        method: "post",
        path: `/api/users/{id}/${action}`,
        ...publishedAccess("users.manage"),
        summary: `${action === "disable" ? "Disable" : "Enable"} a user (admins)`,
        request: { params: IdParams },
        responses: { 200: jsonResponse(UserSchema, "Updated"), ...problemResponses },
      }),
      async (c) =>
        c.json(await setUserDisabled(serviceContext(c), c.req.valid("param").id, action === "disable"), 200),
    );
  }

  defineRoute(
    app,
    {
      method: "post",
      path: "/api/users/{id}/password",
      permission: "users.manage",
      summary: "Set a user's password (admins): {password}; their sessions end",
      tag: "users",
      body: true,
    },
    async (ctx, { params, body }, c) => {
      await resetPassword(ctx, params.id, body);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/auth/password",
      ...publishedAccess("signed-in"),
      summary: "Change your own password; your other sessions end",
      request: { body: jsonBody(z.object({ currentPassword: z.string(), newPassword: z.string() })) },
      responses: { 204: { description: "Password changed" }, ...problemResponses },
    }),
    async (c) => {
      const session = c.get("authKind") === "session" ? hashSecret(c.get("sessionToken")) : undefined;
      await changeOwnPassword(serviceContext(c), c.req.valid("json"), session);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/tokens",
      ...publishedAccess("signed-in"),
      summary: "List API tokens (your own; admins see everyone's, or one user's with ?userId=)",
      request: { query: z.object({ userId: z.string().optional() }) },
      responses: {
        200: jsonResponse(z.object({ items: z.array(ApiTokenSchema) }), "Tokens"),
        ...problemResponses,
      },
    }),
    async (c) => c.json({ items: await listApiTokens(serviceContext(c), c.req.valid("query")) }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/tokens",
      ...publishedAccess("signed-in"),
      summary: "Create an API token; its secret is shown only in this response",
      request: {
        body: jsonBody(
          z.object({
            name: z.string(),
            expiresInDays: z.number().int().optional().openapi({
              description: "At most the token settings' limit (90 days, 30 for vendor contacts, by default)",
            }),
            userId: z.string().optional(),
          }),
        ),
      },
      responses: {
        201: jsonResponse(z.object({ token: z.string(), info: ApiTokenSchema }), "Created"),
        ...problemResponses,
      },
    }),
    async (c) => c.json(await createApiToken(serviceContext(c), c.req.valid("json")), 201),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/tokens/{id}",
      ...publishedAccess("signed-in"),
      summary: "Revoke an API token",
      request: { params: IdParams },
      responses: { 200: jsonResponse(ApiTokenSchema, "Revoked"), ...problemResponses },
    }),
    async (c) => c.json(await revokeApiToken(serviceContext(c), c.req.valid("param").id), 200),
  );

  const TokenSettingsSchema = z
    .object({ maxDays: z.number(), vendorMaxDays: z.number() })
    .openapi("TokenSettings");
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/settings/tokens",
      ...publishedAccess("signed-in"),
      summary: "How long API tokens may live (days; vendor contacts' apart)",
      responses: { 200: jsonResponse(TokenSettingsSchema, "Token settings"), ...problemResponses },
    }),
    async (c) => c.json(await getTokenSettings(serviceContext(c)), 200),
  );
  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/settings/tokens",
      ...publishedAccess("settings.manage"),
      summary: "Change how long API tokens may live (admins)",
      request: { body: jsonBody(TokenSettingsSchema.partial()) },
      responses: { 200: jsonResponse(TokenSettingsSchema, "Updated"), ...problemResponses },
    }),
    async (c) => c.json(await updateTokenSettings(serviceContext(c), c.req.valid("json")), 200),
  );
}
