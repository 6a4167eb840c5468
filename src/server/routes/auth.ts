import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie } from "hono/cookie";
import { type LoginResult, logIn } from "../../services/auth/log-in.ts";
import { logOut } from "../../services/auth/log-out.ts";
import { authenticateSession } from "../../services/auth/sessions.ts";
import { completeSetup, isSetupNeeded } from "../../services/auth/setup.ts";
import { getCurrentUser } from "../../services/users/get-current-user.ts";
import { type AppEnv, serviceContext } from "../env.ts";
import type { HealthProbe } from "../health-probe.ts";
import { SESSION_COOKIE, setSessionCookie } from "../middleware/auth/index.ts";
import { jsonBody, jsonResponse, problemResponses, SessionInfoSchema } from "../schemas.ts";
import { publishedAccess } from "./define-route.ts";

/** Paths that need no session: the setup and sign-in doors, and the health check. */
export const PUBLIC_PATHS = new Set([
  "/api/health",
  "/api/setup",
  "/api/auth/login",
  "/api/auth/second-factor/verify",
  "/api/auth/sso",
  "/api/auth/sso/start",
  "/api/auth/sso/callback",
  // The no-account questionnaire link: the token in its header grants that one questionnaire only.
  "/api/questionnaire-link",
  "/api/questionnaire-link/answers",
  "/api/questionnaire-link/files",
  "/api/questionnaire-link/submit",
  "/api/questionnaire-link/hand-offs",
  "/api/questionnaire-link/hand-offs/take-back",
  // An invitation link: its token lets the invited user set their password, nothing else.
  "/api/invitations/accept",
]);

const SecondFactorNeededSchema = z
  .object({ secondFactor: z.object({ challenge: z.string() }) })
  .openapi("SecondFactorNeeded");

/** Sets the new session's cookie and gives the answer a sign-in returns. */
export async function startSession(c: Context<AppEnv>, result: LoginResult) {
  const runtime = c.get("runtime");
  setSessionCookie(c, result.session.token, result.session.expiresAt, runtime.config.secureCookies);
  const { restriction } = await authenticateSession(runtime, result.session.token);
  return { user: result.user, csrfToken: result.session.csrfToken, restriction };
}

export function clientOf(c: Context<AppEnv>): { ip: string; userAgent: string | null } {
  return { ip: c.get("clientIp"), userAgent: c.req.header("user-agent") ?? null };
}

const HealthSchema = z
  .object({
    ok: z.boolean(),
    engine: z.string(),
    database: z.object({
      ok: z.boolean(),
      checkedAt: z.string().nullable(),
      ageMs: z.number().nullable(),
      latencyMs: z.number().nullable(),
      problem: z.string().nullable(),
    }),
  })
  .openapi("Health");

export function registerAuthRoutes(app: OpenAPIHono<AppEnv>, health: HealthProbe): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/health",
      ...publishedAccess("public"),
      summary:
        "Liveness and the database's last background check (its age and latency); 503 when that check failed or is too old",
      responses: {
        200: jsonResponse(HealthSchema, "Healthy"),
        503: jsonResponse(HealthSchema, "Unhealthy: `database.problem` says why"),
      },
    }),
    async (c) => {
      // From the probe's memory: the route never waits behind other work on the database.
      const database = await health.read();
      const engine = c.get("runtime").store.engine;
      return database.ok
        ? c.json({ ok: true, engine, database }, 200)
        : c.json({ ok: false, engine, database }, 503);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/setup",
      ...publishedAccess("public"),
      summary: "Whether the first admin is still to be created",
      responses: { 200: jsonResponse(z.object({ needed: z.boolean() }), "Setup state") },
    }),
    async (c) => c.json({ needed: await isSetupNeeded(c.get("runtime")) }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/setup",
      ...publishedAccess("public"),
      summary: "Create the first admin with the one-time setup token",
      request: {
        body: jsonBody(
          z.object({ token: z.string(), email: z.string(), name: z.string(), password: z.string() }),
        ),
      },
      responses: { 201: jsonResponse(SessionInfoSchema, "Admin created and signed in"), ...problemResponses },
    }),
    async (c) => {
      const runtime = c.get("runtime");
      const { user, session } = await completeSetup(runtime, c.req.valid("json"), clientOf(c));
      setSessionCookie(c, session.token, session.expiresAt, runtime.config.secureCookies);
      return c.json({ user, csrfToken: session.csrfToken }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/auth/login",
      ...publishedAccess("public"),
      summary:
        "Sign in with email and password; an account with a second factor gets a challenge for POST /api/auth/second-factor/verify",
      request: { body: jsonBody(z.object({ email: z.string(), password: z.string() })) },
      responses: {
        200: jsonResponse(
          z.union([SessionInfoSchema, SecondFactorNeededSchema]),
          "Signed in, or a code is needed",
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const runtime = c.get("runtime");
      const result = await logIn(runtime, c.req.valid("json"), clientOf(c));
      if ("secondFactor" in result) return c.json(result, 200);
      return c.json(await startSession(c, result), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/auth/logout",
      ...publishedAccess("signed-in"),
      summary: "End the current session",
      responses: { 204: { description: "Signed out" }, ...problemResponses },
    }),
    async (c) => {
      if (c.get("authKind") === "session") await logOut(serviceContext(c), c.get("sessionToken"));
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/auth/me",
      ...publishedAccess("signed-in"),
      summary: "Who is signed in, and the CSRF token for writes",
      responses: { 200: jsonResponse(SessionInfoSchema, "The current user"), ...problemResponses },
    }),
    async (c) => {
      const user = await getCurrentUser(serviceContext(c));
      const session = c.get("authKind") === "session";
      return c.json(
        {
          user,
          csrfToken: session ? c.get("csrfToken") : "",
          restriction: session ? c.get("restriction") : null,
        },
        200,
      );
    },
  );
}
