import * as oidc from "openid-client";
import type { OidcConfig } from "../../../config.ts";
import { WardenError } from "../../../domain/errors.ts";

const discovered = new Map<string, Promise<oidc.Configuration>>();

function isLoopback(url: URL): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

/**
 * The identity provider's configuration, discovered once per process from its issuer's
 * `.well-known/openid-configuration` (a failure is retried on the next sign-in). The client
 * authenticates with its secret (client_secret_basic). Plain http is allowed only for a provider
 * on this machine's loopback address.
 */
export function oidcConfiguration(config: OidcConfig): Promise<oidc.Configuration> {
  const key = `${config.issuer}|${config.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    const issuer = new URL(config.issuer);
    found = oidc
      .discovery(
        issuer,
        config.clientId,
        { redirect_uris: [config.redirectUri], response_types: ["code"] },
        oidc.ClientSecretBasic(config.clientSecret),
        issuer.protocol === "http:" && isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : {},
      )
      .catch((error: unknown) => {
        discovered.delete(key);
        throw new WardenError(
          "unavailable",
          `The identity provider ${config.issuer} could not be reached or described itself wrongly (${error instanceof Error ? error.message : String(error)}). Try again later, or sign in with a password if you are an admin.`,
        );
      });
    discovered.set(key, found);
  }
  return found;
}
