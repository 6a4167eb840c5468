import { hash, verify } from "@node-rs/argon2";
import { WardenError } from "../../domain/errors.ts";

// OWASP's argon2id baseline (19 MiB, 2 passes): slow for an attacker, ~30 ms here.
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export function checkPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new WardenError(
      "invalid_input",
      `The password is too short: use at least ${MIN_PASSWORD_LENGTH} characters.`,
      {
        field: "password",
      },
    );
  }
  if (password.length > 1024) {
    throw new WardenError("invalid_input", "The password is too long: use at most 1024 characters.", {
      field: "password",
    });
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** A hash to compare against when the account does not exist, so that timing does not tell. */
let decoy: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    decoy ??= hashPassword("decoy password that matches nothing");
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
