import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../env.ts";

export const REQUEST_ID_HEADER = "x-request-id";

/**
 * Gives every request an id, sent back in `X-Request-Id` (problem+json responses carry it
 * too, as `requestId`), so that a user's error report finds its line in the log.
 * The id is always ours: a client's own `X-Request-Id` is not trusted into the log.
 */
export function requestId(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = randomUUID();
    c.set("requestId", id);
    c.header(REQUEST_ID_HEADER, id);
    await next();
  };
}
