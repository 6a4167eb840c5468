import { WardenError } from "../../domain/errors.ts";
import type { RepositoryTransport } from "./validate-repository-url.ts";

/** Credentials for a vendor repository; a password or a token (a token alone is sent as `x-access-token`). */
export interface GitCredentials {
  username?: string;
  password?: string;
  token?: string;
}

/**
 * Turns credentials into environment variables for one git call. The secret travels as an
 * `http.extraHeader` set through GIT_CONFIG_COUNT/KEY/VALUE: it is never part of argv (visible in `ps`)
 * nor of the remote URL written to the mirror's config.
 */
export function credentialEnvironment(
  credentials: GitCredentials | undefined,
  transport: RepositoryTransport,
): Record<string, string> {
  if (!credentials) return {};
  const secret = credentials.token ?? credentials.password;
  if (!secret) return {};
  if (transport !== "https") {
    throw new WardenError(
      "unsupported",
      `Credentials are only sent over https; this repository uses ${transport}. For ssh, install a deploy key for the Warden host instead.`,
    );
  }
  const username = credentials.username ?? "x-access-token";
  if (/[\u0000-\u001f\u007f]/.test(username + secret)) {
    throw new WardenError("invalid_input", "Credentials contain control characters; check what was pasted.");
  }
  const basic = Buffer.from(`${username}:${secret}`, "utf8").toString("base64");
  return {
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: "http.extraHeader",
    GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
  };
}
