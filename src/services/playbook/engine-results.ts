import type { Kysely } from "kysely";
import type { EngagementSnapshot } from "../../playbook/types.ts";
import type { Database, Stage } from "../../store/schema.ts";

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
  batch: BatchRows,
) => Promise<EngineResults>;

/**
 * Rows the snapshot loader has already read for the batch, handed to the
 * engines that need them too rather than read twice.
 */
export interface BatchRows {
  engagements: readonly { id: string; stage: Stage }[];
  /** People assigned to the engagements (engagement_people). */
  members: readonly { engagement_id: string; person_id: string }[];
  /** Every grant of the engagements, revoked ones included. */
  grants: readonly { engagement_id: string; system: string; revoked_on: string | null }[];
}

/**
 * Merges the loaders' results. Each engine answers for its own controls; the
 * registry of loaders is `engine-result-loaders.ts`.
 */
export async function loadEngineResults(
  db: Kysely<Database>,
  engagementIds: readonly string[],
  now: Date,
  loaders: readonly EngineResultLoader[],
  batch: BatchRows,
): Promise<EngineResults> {
  const merged: EngineResults = new Map();
  const all = await Promise.all(loaders.map((load) => load(db, engagementIds, now, batch)));
  for (const results of all) {
    for (const [engagementId, byControl] of results) {
      merged.set(engagementId, { ...(merged.get(engagementId) ?? {}), ...byControl });
    }
  }
  return merged;
}
