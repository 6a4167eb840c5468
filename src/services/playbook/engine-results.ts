import type { Kysely } from "kysely";
import type { EngagementSnapshot } from "../../playbook/types.ts";
import type { Database } from "../../store/schema.ts";

/** Results of one engine for a batch of engagements: engagement id → control id → result. */
export type EngineResults = Map<string, EngagementSnapshot["engineResults"]>;

/**
 * Reads one engine's stored results (contract analyses, custody syncs and
 * verifications, access reconciliations, leak watch, questionnaires) for many
 * engagements at once, as playbook results for the controls it feeds. An
 * engine with nothing stored for an engagement returns nothing for it, and its
 * controls stay "not checked yet".
 */
export type EngineResultLoader = (
  db: Kysely<Database>,
  engagementIds: readonly string[],
  now: Date,
) => Promise<EngineResults>;

/**
 * Merges the loaders' results. Each engine answers for its own controls; the
 * registry of loaders is `engine-result-loaders.ts`.
 */
export async function loadEngineResults(
  db: Kysely<Database>,
  engagementIds: readonly string[],
  now: Date,
  loaders: readonly EngineResultLoader[],
): Promise<EngineResults> {
  const merged: EngineResults = new Map();
  const all = await Promise.all(loaders.map((load) => load(db, engagementIds, now)));
  for (const results of all) {
    for (const [engagementId, byControl] of results) {
      merged.set(engagementId, { ...(merged.get(engagementId) ?? {}), ...byControl });
    }
  }
  return merged;
}
