import type { Kysely } from "kysely";
import { evaluateSnapshot, loadCatalog } from "../../src/services/playbook/evaluate-engagements.ts";
import { loadSnapshots } from "../../src/services/playbook/load-snapshots.ts";
import { readOrgSettings } from "../../src/services/playbook/playbook-settings.ts";
import { storeEvaluations } from "../../src/services/playbook/refresh-evaluations.ts";
import type { Database } from "../../src/store/schema.ts";

export interface EvaluationPhases {
  load: number;
  evaluate: number;
  store: number;
}

/**
 * The same work as `refreshEvaluations` (batches of 500, the same functions), timed
 * by phase: loading the snapshots, evaluating the playbook, storing the results.
 */
export async function timeEvaluationPhases(db: Kysely<Database>, now: Date): Promise<EvaluationPhases> {
  const ids = (await db.selectFrom("engagements").select("id").where("deleted_at", "is", null).execute()).map(
    (r) => r.id,
  );
  const settings = await readOrgSettings(db);
  const catalog = await loadCatalog(db);
  const phases = { load: 0, evaluate: 0, store: 0 };
  for (let i = 0; i < ids.length; i += 500) {
    let t = performance.now();
    const snapshots = await loadSnapshots(db, ids.slice(i, i + 500), now, settings);
    phases.load += performance.now() - t;
    t = performance.now();
    const evaluations = [...snapshots.values()].map((snapshot) => evaluateSnapshot(catalog, snapshot));
    phases.evaluate += performance.now() - t;
    t = performance.now();
    await storeEvaluations(db, evaluations, now);
    phases.store += performance.now() - t;
  }
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return { load: round(phases.load), evaluate: round(phases.evaluate), store: round(phases.store) };
}
