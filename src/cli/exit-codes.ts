import type { WardenErrorCode } from "../domain/errors.ts";

/**
 * CLI exit codes, in one place. 0 success, 1 a check failed (a gate, a verdict),
 * 2 the command was used wrongly or its input was invalid, and the rest by cause.
 */
export const EXIT = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
  internal: 70,
} as const;

const byCode: Record<WardenErrorCode, number> = {
  invalid_input: 2,
  unsupported: 2,
  too_large: 2,
  unauthenticated: 3,
  forbidden: 4,
  not_found: 5,
  conflict: 6,
  gate_blocked: 1,
  rate_limited: 7,
  unavailable: 8,
  timeout: 9,
  integrity: 10,
};

export function exitCodeFor(code: WardenErrorCode): number {
  return byCode[code];
}

/** Whether a code read from elsewhere (a server's problem+json) is one of Warden's error codes. */
export function isWardenErrorCode(code: unknown): code is WardenErrorCode {
  return typeof code === "string" && Object.hasOwn(byCode, code);
}
