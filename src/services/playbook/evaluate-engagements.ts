import type { Kysely } from "kysely";
import {
  evaluateEngagement,
  type GateVerdict,
  inForce,
  regressions,
  stageGate,
} from "../../playbook/evaluate-engagement.ts";
import { organisationCatalog } from "../../playbook/load-catalog.ts";
import { type Remedy, remedyFor } from "../../playbook/remedies.ts";
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
  /** Blocking controls of stages already left that no longer hold: regressed since their gate. */
  regressions: ControlResult[];
  /** For each blocker and regression: what would make it hold, and where that is done. */
  remedies: Record<string, Remedy>;
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
  const gate = stageGate(results, stage);
  const regressed = regressions(results, stage);
  const remedies: Record<string, Remedy> = {};
  for (const r of [...gate.blockers, ...regressed]) {
    const control = catalog.find((c) => c.id === r.id);
    if (control) remedies[r.id] = remedyFor(control);
  }
  return {
    engagementId: snapshot.engagement.id,
    vendorId: snapshot.vendor.id,
    name: snapshot.engagement.name,
    stage,
    results,
    gate,
    regressions: regressed,
    remedies,
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
  options: BatchOptions = {},
): Promise<EngagementEvaluation[]> {
  const out: EngagementEvaluation[] = [];
  await forEachEvaluatedBatch(db, engagementIds, now, options, async (evaluations) => {
    out.push(...evaluations);
  });
  return out;
}

export interface BatchOptions {
  settings?: OrgSettings;
  catalog?: Control[];
  batchSize?: number;
}

/**
 * Evaluates engagements batch by batch and hands each batch's evaluations to
 * `handle`. The next batch's snapshots are requested before this batch is
 * evaluated and handled, so that a database server reads them meanwhile
 * (on the embedded database the work simply interleaves).
 */
export async function forEachEvaluatedBatch(
  db: Kysely<Database>,
  engagementIds: readonly string[],
  now: Date,
  options: BatchOptions,
  handle: (evaluations: EngagementEvaluation[]) => Promise<void>,
): Promise<void> {
  const settings = options.settings ?? (await readOrgSettings(db));
  const catalog = options.catalog ?? (await loadCatalog(db));
  const batchSize = options.batchSize ?? 500;
  const load = (from: number) => {
    const pending = loadSnapshots(db, engagementIds.slice(from, from + batchSize), now, settings);
    // Awaited on the next turn; until then a failure must not count as unhandled.
    pending.catch(() => {});
    return pending;
  };
  let next = engagementIds.length ? load(0) : null;
  for (let from = 0; next; from += batchSize) {
    const snapshots = await next;
    next = from + batchSize < engagementIds.length ? load(from + batchSize) : null;
    const evaluations: EngagementEvaluation[] = [];
    for (const snapshot of snapshots.values()) evaluations.push(evaluateSnapshot(catalog, snapshot));
    await handle(evaluations);
  }
}
