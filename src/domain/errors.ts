/**
 * The one error type that crosses layers. `code` is stable and machine-readable;
 * `message` says what was wrong and how to fix it. The HTTP layer maps codes to
 * status and problem+json in one place (server/problem.ts); the CLI maps them to
 * exit codes in one place (cli/exit-codes.ts).
 *
 * @example
 * throw new WardenError("invalid_input", "Milestone amount must be positive: got -5. Give an amount above 0.");
 */
export type WardenErrorCode =
  | "invalid_input"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "gate_blocked"
  | "too_large"
  | "rate_limited"
  | "unsupported"
  | "unavailable"
  | "timeout"
  | "integrity";

export class WardenError extends Error {
  override readonly name = "WardenError";

  constructor(
    readonly code: WardenErrorCode,
    message: string,
    /** Structured detail safe to show a client (field errors, the failing control…). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function isWardenError(error: unknown): error is WardenError {
  return error instanceof WardenError;
}
