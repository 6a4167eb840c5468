import { getConnInfo } from "@hono/node-server/conninfo";
import type { MiddlewareHandler } from "hono";
import { clientAddress, trustedProxySet } from "../../../domain/client-address.ts";
import type { AppEnv } from "../../env.ts";

/**
 * Sets `clientIp`: the socket's peer, or the client a trusted reverse proxy names in
 * `X-Forwarded-For` (`WARDEN_TRUSTED_PROXIES`). Sign-in throttling and the audit log use it.
 */
export function resolveClientAddress(trustedProxies: readonly string[]): MiddlewareHandler<AppEnv> {
  const trusted = trustedProxySet(trustedProxies);
  return async (c, next) => {
    let peer = "unknown";
    try {
      peer = getConnInfo(c).remote.address ?? "unknown";
    } catch {
      // Not served by node (app.request in tests): no socket address.
    }
    c.set("clientIp", clientAddress(peer, c.req.header("x-forwarded-for"), trusted));
    await next();
  };
}
