import { isWardenError } from "../domain/errors.ts";
import { EXIT, exitCodeFor } from "./exit-codes.ts";

/**
 * Wraps a commander action: a WardenError becomes its message on stderr and its
 * exit code; anything else is an internal error, reported without a stack trace
 * unless WARDEN_DEBUG is set. The action may return an exit code.
 *
 * @example
 * program.command("status").action(runAction(async () => { …; return anyFailed ? EXIT.checkFailed : EXIT.ok; }));
 */
export function runAction<A extends unknown[]>(
  action: (...args: A) => Promise<number | undefined> | number | undefined,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      const code = await action(...args);
      process.exitCode = code ?? EXIT.ok;
    } catch (error) {
      if (isWardenError(error)) {
        process.stderr.write(`warden: ${error.message}\n`);
        process.exitCode = exitCodeFor(error.code);
      } else {
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(`warden: internal error: ${message}\n`);
        if (process.env.WARDEN_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
        process.exitCode = EXIT.internal;
      }
    }
  };
}

/** Prints a value as JSON on stdout (the `--json` output of every command). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
