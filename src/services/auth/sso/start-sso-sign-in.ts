import * as oidc from "openid-client";
import type { OidcConfig } from "../../../config.ts";
import { WardenError } from "../../../domain/errors.ts";
import type { Runtime } from "../../context.ts";
import { hashSecret } from "../secret-token.ts";
import { oidcConfiguration } from "./oidc-client.ts";

/** How long the browser has to come back from the identity provider. */
export const SSO_REQUEST_TTL_MS = 10 * 60_000;

export function requireOidc(runtime: Runtime): OidcConfig {
  if (!runtime.config.oidc)
    throw new WardenError("not_found", "Single sign-on is not configured on this Warden.");
  return runtime.config.oidc;
}

/**
 * Begins an OpenID Connect sign-in (authorization code flow with PKCE): a new state, nonce and
 * code verifier are stored in the database (the state only as its hash, the verifier sealed), so
 * that whichever process receives the callback can finish it once. Returns the provider's
 * authorization URL, and the state for the browser to keep (in a cookie) so that the callback
 * proves it comes back to the browser that started.
 */
export async function startSsoSignIn(runtime: Runtime): Promise<{ url: string; state: string }> {
  const config = requireOidc(runtime);
  const provider = await oidcConfiguration(config);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const verifier = oidc.randomPKCECodeVerifier();
  const now = runtime.now();
  await runtime.db.transaction().execute(async (tx) => {
    await tx.deleteFrom("oidc_sign_in_requests").where("expires_at", "<", now).execute();
    await tx
      .insertInto("oidc_sign_in_requests")
      .values({
        state_hash: hashSecret(state),
        nonce,
        code_verifier: runtime.secrets.seal(verifier),
        created_at: now,
        expires_at: new Date(now.getTime() + SSO_REQUEST_TTL_MS),
      })
      .execute();
  });
  const url = oidc.buildAuthorizationUrl(provider, {
    redirect_uri: config.redirectUri,
    scope: "openid email profile",
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  });
  return { url: url.href, state };
}
