import type { Actor } from "../domain/roles.ts";
import type { SignInRestriction } from "../domain/sign-in-restriction.ts";
import type { Runtime, ServiceContext } from "../services/context.ts";

/** What the middleware leaves on each request for the routes. */
export interface AppEnv {
  Variables: {
    runtime: Runtime;
    /** Set on every request (middleware/request-id): names it in the log and in problem responses. */
    requestId: string;
    /** The client's address (middleware/client-address: X-Forwarded-For only from trusted proxies). */
    clientIp: string;
    /** Set on authenticated requests. */
    actor: Actor;
    /** How the request proved who it is. */
    authKind: "session" | "token";
    /** The session's CSRF token (cookie-authenticated requests). */
    csrfToken: string;
    sessionToken: string;
    /** What a session's user must do before anything else (sign-in-restriction.ts). */
    restriction: SignInRestriction | null;
  };
}

export function serviceContext(c: {
  get(key: "runtime"): Runtime;
  get(key: "actor"): Actor;
}): ServiceContext {
  return { runtime: c.get("runtime"), actor: c.get("actor") };
}
