import type { z } from "zod";
import { WardenError } from "../domain/errors.ts";

/**
 * Parses untrusted input into a typed value, or throws `invalid_input` naming
 * every field that is wrong and why.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    field: issue.path.join(".") || "(input)",
    message: issue.message,
  }));
  const text = errors.map((e) => `${e.field}: ${e.message}`).join("; ");
  throw new WardenError("invalid_input", `Invalid input: ${text}.`, { errors });
}
