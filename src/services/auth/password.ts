import { hash, verify } from "@node-rs/argon2";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { WardenError } from "../../domain/errors.ts";

// OWASP's argon2id baseline (19 MiB, 2 passes): slow for an attacker, ~30 ms here.
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

/** The least zxcvbn score (0–4) accepted: 3 is "safely unguessable" (about 10^10 guesses). */
const MIN_SCORE = 3;

// zxcvbn's reasons, in words (its English language pack is not installed: the keys are all we need).
const WARNINGS: Record<string, string> = {
  straightRow: "it is a straight row of keys on the keyboard",
  keyPattern: "it is a short keyboard pattern",
  simpleRepeat: 'it repeats characters (like "aaa")',
  extendedRepeat: 'it repeats a pattern of characters (like "abcabcabc")',
  sequences: 'it is a common sequence (like "abc" or "1234")',
  recentYears: "it contains a recent year",
  dates: "it contains a date",
  topTen: "it is one of the ten most used passwords",
  topHundred: "it is one of the hundred most used passwords",
  common: "it is a commonly used password",
  similarToCommon: "it is a commonly used password with small changes",
  wordByItself: "it is a single word",
  namesByThemselves: "it is a name",
  commonNames: "it is a common name",
  userInputs: "it contains your name or email address",
  pwned: "it appeared in a data breach",
};

let estimator: ZxcvbnFactory | undefined;

/**
 * Refuses a password that is too short, too long, or easy to guess: zxcvbn's estimate
 * against the common-password, name and word lists, keyboard patterns, repeats and dates
 * must reach score 3. `userInputs` (the account's email and name) count as guessable too.
 * The message says why, so the user can pick a better one.
 */
export function checkPasswordStrength(password: string, userInputs: readonly string[] = []): void {
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
  // Built on first use: loading the word lists takes a moment the CLI's other commands need not pay.
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const result = estimator.check(
    password,
    userInputs.flatMap((input) => [input, ...input.split(/[@.\s]+/)]),
  );
  if (result.score < MIN_SCORE) {
    const why = result.feedback.warning ? WARNINGS[result.feedback.warning] : undefined;
    throw new WardenError(
      "invalid_input",
      `The password is too easy to guess${why ? `: ${why}` : ""}. Use a longer passphrase of several unrelated words, or a password manager's random password.`,
      { field: "password" },
    );
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
