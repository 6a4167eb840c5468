import { isWardenError, WardenError } from "../../domain/errors.ts";
import { type AccessFinding, reconcileAccess, type SystemAccounts } from "../../engines/access/index.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { writeTransaction } from "../write.ts";
import { openConnectors } from "./access-connectors.ts";
import { loadRosterPeople } from "./roster-people.ts";

export interface ReconciliationRunView {
  id: string;
  status: "succeeded" | "failed";
  error: string | null;
  systems: string[];
  summary: Record<string, unknown>;
  findings: (Omit<AccessFinding, "evidence"> & { id: string; evidence: Record<string, unknown> })[];
  triggeredBy: string;
  startedAt: string;
  finishedAt: string;
}

/**
 * Reconciles every configured system against the roster (KO-4, KO-5, OG-8, TM-2): reads each
 * connector's accounts, builds the roster from people, grants and NDA dates, runs the engine, and
 * stores the run with its findings in one transaction. When a connector fails, a failed run with the
 * connector's error is stored instead; earlier runs and their findings stay as they were.
 */
export async function reconcileAccessNow(ctx: ServiceContext): Promise<ReconciliationRunView> {
  requirePermission(ctx, "access.write", "run access reconciliation");
  const startedAt = ctx.runtime.now();
  const today = startedAt.toISOString().slice(0, 10);
  const connectors = await openConnectors(ctx.runtime);
  if (connectors.length === 0) {
    throw new WardenError(
      "invalid_input",
      "No access connector is configured: add an LDAP connector or import a CSV snapshot first.",
    );
  }
  const directories: SystemAccounts[] = [];
  let failure: string | null = null;
  for (const connector of connectors) {
    try {
      directories.push({ system: connector.system, accounts: await connector.readAccounts() });
    } catch (error) {
      const message = isWardenError(error) || error instanceof Error ? error.message : String(error);
      failure = `Could not read accounts from ${connector.system}: ${message}`;
      break;
    }
  }
  const systems = connectors.map((connector) => connector.system);
  if (failure !== null) {
    const message = failure;
    return writeTransaction(ctx, async (tx, audit) => {
      const run = await tx
        .insertInto("access_reconciliation_runs")
        .values({
          status: "failed",
          error: message,
          systems: JSON.stringify(systems),
          triggered_by: ctx.actor.label,
          started_at: startedAt,
          finished_at: ctx.runtime.now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit({
        action: "access.reconcile.failed",
        targetType: "access_run",
        targetId: run.id,
        summary: { error: message },
      });
      return toRunView(run, []);
    });
  }
  const roster = await loadRosterPeople(ctx.runtime.db, { systems });
  const result = reconcileAccess({ people: roster.map((r) => r.person), directories, today });
  const accounts = directories.flatMap(({ system, accounts: list }) =>
    list.map((a) => ({ system, account: a.account, enabled: a.enabled, groups: a.groups })),
  );
  return writeTransaction(ctx, async (tx, audit) => {
    const run = await tx
      .insertInto("access_reconciliation_runs")
      .values({
        status: "succeeded",
        error: null,
        systems: JSON.stringify(systems),
        person_ids: JSON.stringify(roster.map((r) => r.person.id)),
        accounts: JSON.stringify(accounts),
        summary: JSON.stringify(result.summary),
        triggered_by: ctx.actor.label,
        started_at: startedAt,
        finished_at: ctx.runtime.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const rows = [];
    for (let i = 0; i < result.findings.length; i += 500) {
      const chunk = result.findings.slice(i, i + 500);
      rows.push(
        ...(await tx
          .insertInto("access_findings")
          .values(
            chunk.map((f) => ({
              run_id: run.id,
              kind: f.kind,
              control: f.control,
              severity: f.severity,
              system: f.system,
              account: f.account,
              person_id: f.personId,
              message: f.message,
              evidence: JSON.stringify(f.evidence),
            })),
          )
          .returningAll()
          .execute()),
      );
    }
    await audit({
      action: "access.reconcile",
      targetType: "access_run",
      targetId: run.id,
      summary: { systems, findings: result.findings.length, byKind: result.summary.byKind },
    });
    return toRunView(run, rows);
  });
}

export function toRunView(
  run: {
    id: string;
    status: "succeeded" | "failed";
    error: string | null;
    systems: string[];
    summary: Record<string, unknown>;
    triggered_by: string;
    started_at: Date;
    finished_at: Date;
  },
  findings: {
    id: string;
    kind: string;
    control: string;
    severity: string;
    system: string;
    account: string;
    person_id: string | null;
    message: string;
    evidence: Record<string, unknown>;
  }[],
): ReconciliationRunView {
  return {
    id: run.id,
    status: run.status,
    error: run.error,
    systems: run.systems,
    summary: run.summary,
    findings: findings.map((f) => ({
      id: f.id,
      kind: f.kind as AccessFinding["kind"],
      control: f.control as AccessFinding["control"],
      severity: f.severity as AccessFinding["severity"],
      system: f.system,
      account: f.account,
      personId: f.person_id,
      message: f.message,
      evidence: f.evidence,
    })),
    triggeredBy: run.triggered_by,
    startedAt: new Date(run.started_at).toISOString(),
    finishedAt: new Date(run.finished_at).toISOString(),
  };
}
