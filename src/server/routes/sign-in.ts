import { type OpenAPIHono, z } from "@hono/zod-openapi";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { WardenError } from "../../domain/errors.ts";
import { completeSecondFactorSignIn } from "../../services/auth/second-factor/complete-second-factor.ts";
import {
  confirmSecondFactorEnrolment,
  startSecondFactorEnrolment,
} from "../../services/auth/second-factor/enrol-second-factor.ts";
import {
  disableSecondFactor,
  getSecondFactorStatus,
  regenerateRecoveryCodes,
  resetSecondFactor,
} from "../../services/auth/second-factor/manage-second-factor.ts";
import { getSignInSettings, updateSignInSettings } from "../../services/auth/sign-in-settings.ts";
import { finishSsoSignIn } from "../../services/auth/sso/finish-sso-sign-in.ts";
import { SSO_REQUEST_TTL_MS, startSsoSignIn } from "../../services/auth/sso/start-sso-sign-in.ts";
import type { AppEnv } from "../env.ts";
import { SessionInfoSchema } from "../schemas.ts";
import { clientOf, startSession } from "./auth.ts";
import { defineRoute } from "./define-route.ts";

/** The browser's half of an SSO state: the callback must come back to the browser that started. */
const SSO_STATE_COOKIE = "warden_sso_state";
const SSO_COOKIE_PATH = "/api/auth/sso";

const CodeBody = z.object({ code: z.string() });
const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) }).openapi("RecoveryCodes");
const SignInSettingsSchema = z
  .object({ internalPasswordSignIn: z.boolean(), adminSecondFactorRequired: z.boolean() })
  .openapi("SignInSettings");

/**
 * Single sign-on (OpenID Connect), the TOTP second factor and the sign-in settings. The SSO and
 * code-verification routes are public (PUBLIC_PATHS): they are how a session begins.
 */
export function registerSignInRoutes(app: OpenAPIHono<AppEnv>): void {
  defineRoute(
    app,
    {
      method: "get",
      path: "/api/auth/sso",
      summary: "Whether single sign-on is configured, and the provider's name for the sign-in page",
      tag: "auth",
      permission: "public",
      responseSchema: z.object({ enabled: z.boolean(), name: z.string().nullable() }),
    },
    async (ctx) => ({
      enabled: Boolean(ctx.runtime.config.oidc),
      name: ctx.runtime.config.oidc?.name ?? null,
    }),
  );

  defineRoute(
    app,
    {
      method: "get",
      path: "/api/auth/sso/start",
      summary: "Begin a single sign-on: redirects to the identity provider",
      tag: "auth",
      permission: "public",
    },
    async (ctx, _input, c) => {
      let started: { url: string; state: string };
      try {
        started = await startSsoSignIn(ctx.runtime);
      } catch (error) {
        // A browser followed a link: it gets the sign-in page saying why, not a JSON problem.
        if (!(error instanceof WardenError) || error.code !== "unavailable") throw error;
        ctx.runtime.log.warn({ reason: error.message }, "single sign-on could not start");
        return c.redirect(`${ctx.runtime.config.publicUrl}/login?sso_error=unavailable`, 302);
      }
      const { url, state } = started;
      setCookie(c, SSO_STATE_COOKIE, state, {
        httpOnly: true,
        sameSite: "Lax",
        secure: ctx.runtime.config.secureCookies,
        path: SSO_COOKIE_PATH,
        maxAge: SSO_REQUEST_TTL_MS / 1000,
      });
      return c.redirect(url, 302);
    },
  );

  defineRoute(
    app,
    {
      method: "get",
      path: "/api/auth/sso/callback",
      summary:
        "Where the identity provider sends the browser back: signs in and redirects to the app, or to the sign-in page saying why not",
      tag: "auth",
      permission: "public",
    },
    async (ctx, _input, c) => {
      const browserState = getCookie(c, SSO_STATE_COOKIE);
      deleteCookie(c, SSO_STATE_COOKIE, { path: SSO_COOKIE_PATH });
      const base = ctx.runtime.config.publicUrl;
      // The address the provider was given, whatever a proxy made of it on the way here.
      const callbackUrl = new URL(`${base}/api/auth/sso/callback`);
      callbackUrl.search = new URL(c.req.url).search;
      try {
        const result = await finishSsoSignIn(ctx.runtime, callbackUrl, browserState, clientOf(c));
        await startSession(c, result);
        return c.redirect(`${base}/`, 302);
      } catch (error) {
        const reason =
          error instanceof WardenError && typeof error.details?.reason === "string"
            ? error.details.reason
            : "unavailable";
        if (!(error instanceof WardenError)) ctx.runtime.log.error({ err: error }, "single sign-on failed");
        return c.redirect(`${base}/login?sso_error=${encodeURIComponent(reason)}`, 302);
      }
    },
  );

  defineRoute(
    app,
    {
      method: "post",
      path: "/api/auth/second-factor/verify",
      summary: "Finish a password sign-in with a TOTP code or a recovery code",
      tag: "auth",
      permission: "public",
      body: true,
      bodySchema: z.object({ challenge: z.string(), code: z.string() }),
      responseSchema: SessionInfoSchema,
    },
    async (ctx, { body }, c) =>
      startSession(c, await completeSecondFactorSignIn(ctx.runtime, body, clientOf(c))),
  );

  defineRoute(
    app,
    {
      method: "get",
      path: "/api/auth/second-factor",
      permission: "signed-in",
      summary: "Your second factor: on or off, recovery codes left, whether you must have one",
      tag: "auth",
      responseSchema: z
        .object({
          enabled: z.boolean(),
          enabledAt: z.string().nullable(),
          recoveryCodesLeft: z.number(),
          required: z.boolean(),
        })
        .openapi("SecondFactorStatus"),
    },
    (ctx) => getSecondFactorStatus(ctx),
  );

  defineRoute(
    app,
    {
      method: "post",
      path: "/api/auth/second-factor/enrolment",
      permission: "signed-in",
      summary: "Start enrolling an authenticator app: a new secret as text and as a QR code",
      tag: "auth",
      responseSchema: z
        .object({ secret: z.string(), uri: z.string(), qrCode: z.string() })
        .openapi("SecondFactorEnrolment"),
    },
    (ctx) => startSecondFactorEnrolment(ctx),
  );

  defineRoute(
    app,
    {
      method: "post",
      path: "/api/auth/second-factor/confirm",
      permission: "signed-in",
      summary: "Turn the second factor on with one valid code; returns ten recovery codes, shown once",
      tag: "auth",
      body: true,
      bodySchema: CodeBody,
      responseSchema: RecoveryCodes,
    },
    (ctx, { body }) => confirmSecondFactorEnrolment(ctx, body),
  );

  defineRoute(
    app,
    {
      method: "post",
      path: "/api/auth/second-factor/disable",
      permission: "signed-in",
      summary: "Turn your second factor off with a current code",
      tag: "auth",
      body: true,
      bodySchema: CodeBody,
      responseSchema: z.object({ ok: z.boolean() }),
    },
    async (ctx, { body }) => {
      await disableSecondFactor(ctx, body);
      return { ok: true };
    },
  );

  defineRoute(
    app,
    {
      method: "post",
      path: "/api/auth/second-factor/recovery-codes",
      permission: "signed-in",
      summary: "Replace your recovery codes (a current code is needed); the new ones are shown once",
      tag: "auth",
      body: true,
      bodySchema: CodeBody,
      responseSchema: RecoveryCodes,
    },
    (ctx, { body }) => regenerateRecoveryCodes(ctx, body),
  );

  defineRoute(
    app,
    {
      method: "post",
      path: "/api/users/{id}/second-factor/reset",
      summary: "Remove a user's second factor (a lost phone); their sessions end (admins)",
      tag: "users",
      permission: "users.manage",
      responseSchema: z.object({ ok: z.boolean() }),
    },
    async (ctx, { params }) => {
      await resetSecondFactor(ctx, params.id);
      return { ok: true };
    },
  );

  defineRoute(
    app,
    {
      method: "get",
      path: "/api/settings/sign-in",
      summary: "How people sign in: password sign-in for internal users, second factor for admins",
      tag: "settings",
      permission: "settings.manage",
      responseSchema: SignInSettingsSchema,
    },
    (ctx) => getSignInSettings(ctx),
  );

  defineRoute(
    app,
    {
      method: "patch",
      path: "/api/settings/sign-in",
      summary: "Change how people sign in (admins)",
      tag: "settings",
      permission: "settings.manage",
      body: true,
      bodySchema: SignInSettingsSchema.partial(),
      responseSchema: SignInSettingsSchema,
    },
    (ctx, { body }) => updateSignInSettings(ctx, body),
  );
}
