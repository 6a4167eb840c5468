import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { WardenError } from "../../domain/errors.ts";
import type { Questionnaire } from "./questionnaire-schema.ts";
import { parseQuestionnaire } from "./validate-questionnaire.ts";

const BUILT_IN = { "ip-handling": "./ip-handling.yaml" } as const;
export type BuiltInQuestionnaireId = keyof typeof BUILT_IN;

const cache = new Map<string, Questionnaire>();

/** The ids of the questionnaires shipped with Warden. */
export function listBuiltInQuestionnaires(): BuiltInQuestionnaireId[] {
  return Object.keys(BUILT_IN) as BuiltInQuestionnaireId[];
}

/**
 * A questionnaire shipped with Warden, validated. Callers get their own copy to edit.
 *
 * @example
 * const ip = loadBuiltInQuestionnaire("ip-handling");
 */
export function loadBuiltInQuestionnaire(id: string): Questionnaire {
  if (!Object.hasOwn(BUILT_IN, id)) {
    throw new WardenError(
      "not_found",
      `No built-in questionnaire "${id}". Built-in questionnaires: ${listBuiltInQuestionnaires().join(", ")}.`,
    );
  }
  let questionnaire = cache.get(id);
  if (!questionnaire) {
    const file = BUILT_IN[id as BuiltInQuestionnaireId];
    questionnaire = parseQuestionnaire(parse(readFileSync(new URL(file, import.meta.url), "utf8")));
    cache.set(id, questionnaire);
  }
  return structuredClone(questionnaire);
}
