import * as oidc from "openid-client";
import { WardenError } from "../../../domain/errors.ts";
import type { Actor } from "../../../domain/roles.ts";
import { roleForGroups } from "../../../domain/sso-role-map.ts";
import { appendAuditEntry } from "../../audit/append-audit-entry.ts";
import type { Runtime } from "../../context.ts";
import { insertUser } from "../../users/create-user.ts";
import { actorOf, toPublicUser } from "../../users/public-user.ts";
import { emailSchema } from "../../users/user-input.ts";
import type { LoginResult } from "../log-in.ts";
import { hashPassword } from "../password.ts";
import { hashSecret, newSecretToken, safeEqual } from "../secret-token.ts";
import { createSession } from "../sessions.ts";
import { oidcConfiguration } from "./oidc-client.ts";
import { requireOidc } from "./start-sso-sign-in.ts";

/** Why a single sign-on was refused: the sign-in page says each in words. */
export type SsoFailure =
  | "provider_error"
  | "state_mismatch"
  | "state_unknown"
  | "token_rejected"
  | "email_unverified"
  | "account_disabled"
  | "no_role";

const SSO_ACTOR: Actor = {
  kind: "system",
  id: null,
  label: "single sign-on",
  role: "system",
  vendorId: null,
};

function stringClaim(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === "string" ? value : undefined;
}

/**
 * Why openid-client refused the provider's answer, for the audit log: the error and, for a claim
 * that did not match, which claim (never a token or the values compared).
 */
function describeRejection(cause: unknown): string {
  if (!(cause instanceof Error)) return "unknown";
  const code = (cause as { code?: unknown }).code;
  // openid-client wraps oauth4webapi's error, whose own cause names the claim.
  let claim: unknown;
  for (let link: unknown = cause, depth = 0; link && depth < 4 && claim === undefined; depth++) {
    claim = (link as { claim?: unknown }).claim;
    link = (link as { cause?: unknown }).cause;
  }
  return [
    `${cause.name}: ${cause.message}`,
    typeof code === "string" ? code : null,
    typeof claim === "string" ? `claim "${claim}"` : null,
  ]
    .filter(Boolean)
    .join("; ")
    .slice(0, 300);
}

function groupsOf(claims: Record<string, unknown>, claim: string): string[] {
  const value = claims[claim];
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === "string") : [];
}

/**
 * Finishes an OpenID Connect sign-in at the callback. The state must be the one this browser
 * started with (its cookie) and still stored: it is deleted as it is read, so a callback replayed
 * later finds nothing. openid-client then redeems the code with the PKCE verifier and checks the
 * ID token (signature against the provider's keys, issuer, audience, expiry, nonce).
 *
 * The account is the one whose email matches the provider's, and only when the provider says it
 * verified that email. Without one, an account is made when `WARDEN_OIDC_ROLE_CLAIM` lists a
 * group that `WARDEN_OIDC_ROLE_MAP` maps to a role; otherwise there is none and the sign-in is
 * refused. A matched account keeps its Warden role; vendor contacts are never made here (a vendor
 * contact's existing account may sign in). Success is audited as `auth.sso_login`, every refusal
 * as `auth.sso_failed` with its reason (never a token or secret).
 */
export async function finishSsoSignIn(
  runtime: Runtime,
  callbackUrl: URL,
  browserState: string | undefined,
  client: { ip: string; userAgent: string | null },
): Promise<LoginResult> {
  const config = requireOidc(runtime);
  const now = runtime.now();
  const fail = async (reason: SsoFailure, message: string, detail: Record<string, unknown> = {}) => {
    await runtime.db.transaction().execute((tx) =>
      appendAuditEntry(tx, SSO_ACTOR, now, {
        action: "auth.sso_failed",
        targetType: "user",
        summary: { reason, issuer: config.issuer, ip: client.ip, ...detail },
      }),
    );
    return new WardenError("forbidden", message, { reason });
  };

  const error = callbackUrl.searchParams.get("error");
  if (error) {
    throw await fail("provider_error", `${config.name} did not sign you in (${error.slice(0, 100)}).`, {
      error: error.slice(0, 100),
    });
  }
  const state = callbackUrl.searchParams.get("state") ?? "";
  if (!state || !browserState || !safeEqual(state, browserState)) {
    throw await fail(
      "state_mismatch",
      "This sign-in was not started in this browser, or it was already used. Start again from the sign-in page.",
    );
  }
  const request = await runtime.db
    .deleteFrom("oidc_sign_in_requests")
    .where("state_hash", "=", hashSecret(state))
    .returningAll()
    .executeTakeFirst();
  if (!request || request.expires_at <= now) {
    throw await fail(
      "state_unknown",
      "This sign-in expired or was already used. Start again from the sign-in page.",
    );
  }

  let claims: Record<string, unknown>;
  try {
    const provider = await oidcConfiguration(config);
    const tokens = await oidc.authorizationCodeGrant(provider, callbackUrl, {
      pkceCodeVerifier: runtime.secrets.open(request.code_verifier),
      expectedState: state,
      expectedNonce: request.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims() as Record<string, unknown> | undefined;
    if (!idClaims) throw new Error("no ID token");
    // Providers that keep profile claims out of the ID token give them at the userinfo endpoint.
    const userinfo = await oidc.fetchUserInfo(provider, tokens.access_token, String(idClaims.sub));
    claims = { ...userinfo, ...idClaims };
  } catch (cause) {
    if (cause instanceof WardenError) throw cause;
    throw await fail(
      "token_rejected",
      `${config.name}'s answer could not be trusted, so you are not signed in. Try again; if it keeps failing, tell an admin.`,
      { detail: describeRejection(cause) },
    );
  }

  const parsedEmail = emailSchema.safeParse(stringClaim(claims, "email") ?? "");
  const email = parsedEmail.success ? parsedEmail.data : null;
  if (!email || claims.email_verified !== true) {
    throw await fail(
      "email_unverified",
      `${config.name} did not confirm that it verified your email address, so Warden cannot tell which account is yours. Ask your identity provider's administrator to verify it.`,
      { email, subject: stringClaim(claims, "sub") },
    );
  }

  const existing = await runtime.db
    .selectFrom("users")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email))
    .executeTakeFirst();
  if (existing?.disabled_at) {
    throw await fail("account_disabled", "Your Warden account is disabled. Ask an admin.", { email });
  }
  const groups = config.roleClaim ? groupsOf(claims, config.roleClaim) : [];
  const role = existing ? existing.role : roleForGroups(groups, config.roleMap);
  if (!role) {
    throw await fail(
      "no_role",
      `You have no Warden account, and none of your groups at ${config.name} gives one. Ask an admin to add you to a group that maps to a Warden role.`,
      { email, groups: groups.slice(0, 20) },
    );
  }
  const unusablePassword = existing ? null : await hashPassword(newSecretToken());
  return runtime.db.transaction().execute(async (tx) => {
    const user =
      existing ??
      (await insertUser(
        tx,
        {
          email,
          name: (stringClaim(claims, "name") ?? email).slice(0, 200),
          role,
          vendorId: null,
        },
        unusablePassword as string,
      ));
    if (!existing) {
      await appendAuditEntry(tx, SSO_ACTOR, now, {
        action: "user.create",
        targetType: "user",
        targetId: user.id,
        summary: { email, role, via: "single sign-on", groups: groups.slice(0, 20) },
      });
    }
    const session = await createSession(tx, runtime, user.id, client, "sso");
    await appendAuditEntry(tx, actorOf(user), now, {
      action: "auth.sso_login",
      targetType: "user",
      targetId: user.id,
      summary: { ip: client.ip, issuer: config.issuer, created: !existing },
    });
    return { user: toPublicUser(user), session };
  });
}
