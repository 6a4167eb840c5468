import type { MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { WardenError } from "../../../domain/errors.ts";
import { allowedWhileRestricted, RESTRICTION_MESSAGES } from "../../../domain/sign-in-restriction.ts";
import { authenticateApiToken } from "../../../services/auth/api-tokens.ts";
import { authenticateSession } from "../../../services/auth/sessions.ts";
import type { AppEnv } from "../../env.ts";

export const SESSION_COOKIE = "warden_session";

/**
 * Resolves who is calling: an `Authorization: Bearer wdn_…` API token, or the
 * session cookie. Paths in `publicPaths` pass without either; every other path
 * is refused with 401. A rotated session gets its new cookie here. A session whose user must first
 * change their password or enrol a second factor may make only the requests that do so (403).
 */
export function authenticate(options: { publicPaths: ReadonlySet<string> }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const runtime = c.get("runtime");
    const header = c.req.header("authorization");
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1])
        throw new WardenError("unauthenticated", "The Authorization header must be 'Bearer <API token>'.");
      c.set("actor", await authenticateApiToken(runtime, match[1]));
      c.set("authKind", "token");
      return next();
    }
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      try {
        const session = await authenticateSession(runtime, token);
        c.set("actor", session.actor);
        c.set("authKind", "session");
        c.set("csrfToken", session.csrfToken);
        c.set("sessionToken", session.renewed?.token ?? token);
        c.set("restriction", session.restriction);
        if (session.renewed)
          setSessionCookie(c, session.renewed.token, session.renewed.expiresAt, runtime.config.secureCookies);
        if (
          session.restriction &&
          !options.publicPaths.has(c.req.path) &&
          !allowedWhileRestricted(session.restriction, c.req.method, c.req.path)
        ) {
          throw new WardenError("forbidden", RESTRICTION_MESSAGES[session.restriction], {
            reason: session.restriction,
          });
        }
        return next();
      } catch (error) {
        if (!(error instanceof WardenError) || error.code !== "unauthenticated") throw error;
        deleteCookie(c, SESSION_COOKIE, { path: "/" });
        if (options.publicPaths.has(c.req.path)) return next();
        throw error;
      }
    }
    if (options.publicPaths.has(c.req.path)) return next();
    throw new WardenError("unauthenticated", "Sign in, or send an API token in the Authorization header.");
  };
}

export function setSessionCookie(
  c: Parameters<MiddlewareHandler<AppEnv>>[0],
  token: string,
  expiresAt: Date,
  secure: boolean,
): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure,
    path: "/",
    expires: expiresAt,
  });
}
