import type { Kysely } from "kysely";
import {
  evaluateEngagement,
  type GateVerdict,
  inForce,
  stageGate,
} from "../../playbook/evaluate-engagement.ts";
import { organisationCatalog } from "../../playbook/load-catalog.ts";
import { type RiskScore, riskScore } from "../../playbook/risk-score.ts";
import type { Control, ControlResult, EngagementSnapshot } from "../../playbook/types.ts";
import type { Database, Stage } from "../../store/schema.ts";
import { loadSnapshots } from "./load-snapshots.ts";
import { type OrgSettings, readOrgSettings } from "./playbook-settings.ts";

export interface EngagementEvaluation {
  engagementId: string;
  vendorId: string;
  name: string;
  stage: Stage;
  results: ControlResult[];
  gate: GateVerdict;
  risk: RiskScore;
}

export async function loadCatalog(db: Kysely<Database>): Promise<Control[]> {
  const overrides = await db.selectFrom("org_controls").selectAll().execute();
  return organisationCatalog(
    overrides.map((o) => ({
      controlId: o.control_id,
      disabled: o.disabled,
      disabledReason: o.disabled_reason,
      definition: o.definition,
    })),
  );
}

/** One engagement's playbook results, the gate of its current stage and its risk score. */
export function evaluateSnapshot(
  catalog: readonly Control[],
  snapshot: EngagementSnapshot,
): EngagementEvaluation {
  const results = evaluateEngagement(catalog, snapshot);
  const stage = snapshot.engagement.stage;
  return {
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
  };
}

/**
 * Evaluates engagements in batches: snapshots loaded per batch, the playbook
 * evaluated by the pure core, the gate of the current stage and the risk score
 * from the controls in force. Authorisation is the caller's (the services that
 * expose this check scope first).
 */
export async function evaluateEngagements(
  db: Kysely<Database>,
  engagementIds: readonly string[],
  now: Date,
  options: { settings?: OrgSettings; catalog?: Control[]; batchSize?: number } = {},
): Promise<EngagementEvaluation[]> {
  const settings = options.settings ?? (await readOrgSettings(db));
  const catalog = options.catalog ?? (await loadCatalog(db));
  const batchSize = options.batchSize ?? 500;
  const out: EngagementEvaluation[] = [];
  for (let i = 0; i < engagementIds.length; i += batchSize) {
    const snapshots = await loadSnapshots(db, engagementIds.slice(i, i + batchSize), now, settings);
    for (const snapshot of snapshots.values()) out.push(evaluateSnapshot(catalog, snapshot));
  }
  return out;
}
