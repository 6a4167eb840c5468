import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { evaluateEngagement, inForce, stageGate } from "../../src/playbook/evaluate-engagement.ts";
import { riskScore } from "../../src/playbook/risk-score.ts";
import type { EngagementEvaluation } from "../../src/services/playbook/evaluate-engagements.ts";
import { loadCatalog } from "../../src/services/playbook/evaluate-engagements.ts";
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
 * by phase: loading the snapshots, evaluating the playbook, storing the results;
 * `load` swaps in another snapshot loader (a prototype) to compare. Returns a
 * digest of each engagement's evaluation so that two loaders can be shown equal.
 */
export async function timeEvaluationPhases(
  db: Kysely<Database>,
  now: Date,
  load: typeof loadSnapshots = loadSnapshots,
): Promise<{ phases: EvaluationPhases; digests: Map<string, string> }> {
  const ids = (await db.selectFrom("engagements").select("id").where("deleted_at", "is", null).execute()).map(
    (r) => r.id,
  );
  const settings = await readOrgSettings(db);
  const catalog = await loadCatalog(db);
  const phases = { load: 0, evaluate: 0, store: 0 };
  const digests = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    let t = performance.now();
    const snapshots = await load(db, ids.slice(i, i + 500), now, settings);
    phases.load += performance.now() - t;
    t = performance.now();
    const evaluations: EngagementEvaluation[] = [];
    for (const snapshot of snapshots.values()) {
      const results = evaluateEngagement(catalog, snapshot);
      const stage = snapshot.engagement.stage;
      evaluations.push({
        engagementId: snapshot.engagement.id,
        vendorId: snapshot.vendor.id,
        name: snapshot.engagement.name,
        stage,
        results,
        gate: stageGate(results, stage),
        risk: riskScore(
          inForce(results, stage === "closed" ? "termination" : stage),
          snapshot.assets.map((a) => a.classification),
        ),
      });
    }
    phases.evaluate += performance.now() - t;
    t = performance.now();
    await storeEvaluations(db, evaluations, now);
    phases.store += performance.now() - t;
    for (const e of evaluations)
      digests.set(
        e.engagementId,
        createHash("sha256")
          .update(JSON.stringify([e.results, e.gate, e.risk]))
          .digest("hex"),
      );
  }
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return {
    phases: { load: round(phases.load), evaluate: round(phases.evaluate), store: round(phases.store) },
    digests,
  };
}
