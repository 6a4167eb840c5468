import type { Role } from "./roles.ts";

/**
 * What a signed-in user must do before anything else: choose their own password (an admin set
 * it), or enrol a second factor (the organisation requires one of admins).
 */
export type SignInRestriction = "change_password" | "enrol_second_factor";

/** The only requests a restricted session may make: seeing who it is, signing out, and the fix. */
const ALLOWED: Record<SignInRestriction, ReadonlySet<string>> = {
  change_password: new Set(["GET /api/auth/me", "POST /api/auth/logout", "POST /api/auth/password"]),
  enrol_second_factor: new Set([
    "GET /api/auth/me",
    "POST /api/auth/logout",
    "GET /api/auth/second-factor",
    "POST /api/auth/second-factor/enrolment",
    "POST /api/auth/second-factor/confirm",
  ]),
};

/**
 * The restriction on a session, or null. Both apply to password sign-ins only: a single sign-on
 * user proves who they are at the identity provider, which asks for its own factors.
 */
export function restrictionOf(
  user: { role: Role; must_change_password: boolean; totp_enabled_at: Date | null },
  method: "password" | "sso",
  settings: { adminSecondFactorRequired: boolean },
): SignInRestriction | null {
  if (method !== "password") return null;
  if (user.must_change_password) return "change_password";
  if (user.role === "admin" && settings.adminSecondFactorRequired && !user.totp_enabled_at)
    return "enrol_second_factor";
  return null;
}

export function allowedWhileRestricted(
  restriction: SignInRestriction,
  method: string,
  path: string,
): boolean {
  return ALLOWED[restriction].has(`${method} ${path}`);
}

export const RESTRICTION_MESSAGES: Record<SignInRestriction, string> = {
  change_password:
    "An admin set your password: choose your own before anything else (POST /api/auth/password with currentPassword and newPassword).",
  enrol_second_factor:
    "Admins must have a second factor: enrol an authenticator app before anything else (POST /api/auth/second-factor/enrolment, then confirm with a code).",
};
