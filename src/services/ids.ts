import { z } from "zod";
import { parseInput } from "./parse-input.ts";

const uuid = z.string().uuid("must be an id (a UUID)");

/** Parses an id from a URL or argument: a malformed one is invalid input, not a database error. */
export function parseId(value: unknown, what = "id"): string {
  return parseInput(z.object({ [what]: uuid }), { [what]: value })[what] as string;
}
