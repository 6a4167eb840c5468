import type { MiddlewareHandler } from "hono";
import { WardenError } from "../../../domain/errors.ts";
import { safeEqual } from "../../../services/auth/secret-token.ts";
import type { AppEnv } from "../../env.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
export const CSRF_HEADER = "x-csrf-token";

/**
 * CSRF defence for cookie-authenticated writes: the request must carry the
 * session's CSRF token in a header (a cross-site form cannot set one). Any
 * unsafe request whose Origin is not `WARDEN_PUBLIC_URL`'s is refused too, which also covers
 * sign-in before a session exists. API-token requests carry no ambient
 * credential and are exempt from the token check.
 */
export function csrfProtection(options: { allowedOrigins: ReadonlySet<string> }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const origin = c.req.header("origin");
    // Only the configured public address counts: the request's own Host header is the
    // attacker's to choose (DNS rebinding), so it never vouches for an Origin.
    if (origin && origin !== "null" && !options.allowedOrigins.has(origin)) {
      throw new WardenError("forbidden", `Cross-site request from ${origin} refused.`);
    }
    if (c.get("authKind") === "session") {
      const sent = c.req.header(CSRF_HEADER) ?? "";
      if (!sent || !safeEqual(sent, c.get("csrfToken"))) {
        throw new WardenError(
          "forbidden",
          `Missing or wrong ${CSRF_HEADER} header: reload the page and try again.`,
          {
            reason: "csrf",
          },
        );
      }
    }
    return next();
  };
}
