/** Shapes of the Warden API as the web UI uses them: the services' own types (see GET /api/openapi.json). */

import type { SignInRestriction } from "../../domain/sign-in-restriction.ts";
import type { createApiToken } from "../../services/auth/api-tokens.ts";
import type { PublicUser } from "../../services/users/public-user.ts";

export type { ChainVerdict as AuditVerdict } from "../../domain/audit-chain.ts";
export type { EventKind } from "../../domain/event-kinds.ts";
export { EVENT_KINDS } from "../../domain/event-kinds.ts";
export type { Role } from "../../domain/roles.ts";
export { ROLES } from "../../domain/roles.ts";
export type { AuditEntryView as AuditEntry } from "../../services/audit/list-audit-entries.ts";
export type { ApiTokenInfo as ApiToken } from "../../services/auth/api-tokens.ts";
export type { MailPreferences } from "../../services/mail/mail-preferences.ts";
export type { Page } from "../../services/pagination.ts";
export type { PendingInvitation } from "../../services/users/invite-user.ts";
export type {
  WebhookDeliveryView as WebhookDelivery,
  WebhookView as Webhook,
} from "../../services/webhooks/manage-webhooks.ts";
export type { PublicUser as User };

/** What logging in, setting up or reading the session answers (src/server/routes/auth.ts). */
export interface SessionInfo {
  user: PublicUser;
  csrfToken: string;
  /** What the user must do before anything else. */
  restriction?: SignInRestriction | null;
}

/** A password sign-in of an account with a second factor answers this instead of a session. */
export interface SecondFactorNeeded {
  secondFactor: { challenge: string };
}

export type { SecondFactorEnrolment } from "../../services/auth/second-factor/enrol-second-factor.ts";
export type { SecondFactorStatus } from "../../services/auth/second-factor/manage-second-factor.ts";
export type { SignInSettings } from "../../services/auth/sign-in-settings.ts";
export type { SignInRestriction };

/** A new token: its secret, shown once, and what is kept of it. */
export type NewApiToken = Awaited<ReturnType<typeof createApiToken>>;

/** One field's complaint from a problem+json `errors` list. */
export interface FieldError {
  field: string;
  message: string;
}
