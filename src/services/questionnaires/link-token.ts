import { hashSecret, newSecretToken } from "../auth/secret-token.ts";

/** The header that carries a questionnaire link's token to the public routes (never the URL path, so it stays out of logs). */
export const LINK_TOKEN_HEADER = "x-questionnaire-link";

/** A new single-use link token and the SHA-256 that is all the database keeps of it. */
export function newLinkToken(): { token: string; sha256: string } {
  const token = newSecretToken();
  return { token, sha256: hashSecret(token) };
}

export function hashLinkToken(token: string): string {
  return hashSecret(token);
}

/** The address a vendor opens: the token travels in the fragment, which browsers never send to a server. */
export function linkUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/answer#${token}`;
}
