import { WardenError } from "../../domain/errors.ts";
import type { Questionnaire } from "./questionnaire-schema.ts";
import { definitionError, validateQuestionnaire } from "./validate-questionnaire.ts";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const MAX_JSON_DEPTH = 32;

/** The definition as pretty-printed JSON, the same shape that `importQuestionnaireJson` reads. */
export function exportQuestionnaireJson(questionnaire: Questionnaire): string {
  return `${JSON.stringify(questionnaire, null, 2)}\n`;
}

/**
 * Reads a questionnaire definition from JSON text or bytes. Returns it whole or throws
 * WardenError("invalid_input") listing every problem with its path (`too_large` above 5 MiB).
 *
 * @example
 * const definition = importQuestionnaireJson(await readFile("questionnaire.json"));
 */
export function importQuestionnaireJson(input: string | Uint8Array): Questionnaire {
  const size = typeof input === "string" ? Buffer.byteLength(input, "utf8") : input.byteLength;
  if (size > MAX_IMPORT_BYTES) {
    throw new WardenError(
      "too_large",
      `The JSON file is ${size} bytes; at most ${MAX_IMPORT_BYTES} are accepted.`,
    );
  }
  const text = typeof input === "string" ? input : new TextDecoder("utf-8", { fatal: false }).decode(input);
  const depth = maxNesting(text);
  if (depth > MAX_JSON_DEPTH) {
    throw new WardenError(
      "invalid_input",
      `The JSON nests ${depth} levels deep; a questionnaire needs at most ${MAX_JSON_DEPTH}.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new WardenError("invalid_input", `The file is not valid JSON: ${message}`, {
      problems: [{ path: "(file)", message }],
    });
  }
  const result = validateQuestionnaire(raw);
  if (!result.ok) throw definitionError(result.problems, "The imported questionnaire");
  return result.questionnaire;
}

// Counted before parsing so that a hostile file cannot exhaust the stack.
function maxNesting(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}
