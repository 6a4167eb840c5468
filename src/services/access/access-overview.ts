import { requireInternal, type ServiceContext } from "../context.ts";
import { listRunbooks, type RunbookView } from "./offboarding.ts";
import { type ReconciliationRunView, toRunView } from "./reconcile-access-now.ts";
import { loadRosterPeople } from "./roster-people.ts";

export type AccountState = "enabled" | "disabled" | "missing" | "not-read";

export interface AccessMatrixRow {
  personId: string;
  name: string;
  vendorId: string;
  end: string | null;
  ndaSigned: string | null;
  /** System → the person's accounts there, with the state the latest reconciliation read. */
  cells: Record<string, { account: string; state: AccountState; groups: string[] }[]>;
}

export interface AccessOverview {
  systems: { system: string; kind: "ldap" | "csv" }[];
  lastRun: Pick<ReconciliationRunView, "id" | "status" | "error" | "finishedAt"> | null;
  /** The latest successful reconciliation with its findings and the evidence behind each. */
  latestSuccessfulRun: ReconciliationRunView | null;
  matrix: AccessMatrixRow[];
  runbooks: RunbookView[];
}

const MAX_ROWS = 2000;

/**
 * What the People & access page shows: the roster × systems matrix (each person's accounts and their
 * state in the latest reconciliation, or in a later offboarding read-back), that reconciliation's
 * findings, and the offboarding runbooks.
 */
export async function getAccessOverview(ctx: ServiceContext): Promise<AccessOverview> {
  requireInternal(ctx);
  const db = ctx.runtime.db;
  const [connectors, lastRun, latest] = await Promise.all([
    db.selectFrom("access_connectors").select(["system", "kind"]).orderBy("system").execute(),
    db
      .selectFrom("access_reconciliation_runs")
      .select(["id", "status", "error", "finished_at"])
      .orderBy("finished_at", "desc")
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom("access_reconciliation_runs")
      .selectAll()
      .where("status", "=", "succeeded")
      .orderBy("finished_at", "desc")
      .limit(1)
      .executeTakeFirst(),
  ]);
  const systems = connectors.map((c) => c.system);
  const findings = latest
    ? await db.selectFrom("access_findings").selectAll().where("run_id", "=", latest.id).limit(5000).execute()
    : [];
  const state = new Map<string, { enabled: boolean; groups: string[] }>();
  const readSystems = new Set(latest?.systems ?? []);
  for (const a of latest?.accounts ?? []) {
    state.set(`${a.system}\u0000${a.account.toLowerCase()}`, { enabled: a.enabled, groups: a.groups });
  }
  const runbooks = await listRunbooks(ctx);
  // An account disabled and read back after the reconciliation shows as the read-back proved it.
  const since = latest ? new Date(latest.finished_at).toISOString() : "";
  for (const runbook of runbooks) {
    for (const item of runbook.items) {
      if (item.kind !== "disable-account" || item.state !== "done" || !item.evidence) continue;
      if (item.evidence.verifiedAt <= since) continue;
      const { readBack } = item.evidence;
      state.set(`${item.system}\u0000${item.account.toLowerCase()}`, {
        enabled: readBack.enabled,
        groups: readBack.groups,
      });
      readSystems.add(item.system);
    }
  }
  const roster = (await loadRosterPeople(db, { systems })).slice(0, MAX_ROWS);
  const matrix = roster.map(({ person, vendorId }) => {
    const cells: AccessMatrixRow["cells"] = {};
    const claimed = [
      ...person.accounts,
      ...person.grants.map((g) => ({ system: g.system, account: g.account })),
    ];
    const seen = new Set<string>();
    for (const { system, account } of claimed) {
      const key = `${system}\u0000${account.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const read = state.get(key);
      const cell = {
        account,
        state: (read
          ? read.enabled
            ? "enabled"
            : "disabled"
          : readSystems.has(system)
            ? "missing"
            : "not-read") as AccountState,
        groups: read?.groups ?? [],
      };
      const list = cells[system] ?? [];
      list.push(cell);
      cells[system] = list;
    }
    return {
      personId: person.id,
      name: person.name,
      vendorId,
      end: person.end ?? null,
      ndaSigned: person.nda?.signed ?? null,
      cells,
    };
  });
  return {
    systems: connectors,
    lastRun: lastRun
      ? {
          id: lastRun.id,
          status: lastRun.status,
          error: lastRun.error,
          finishedAt: new Date(lastRun.finished_at).toISOString(),
        }
      : null,
    latestSuccessfulRun: latest ? toRunView(latest, findings) : null,
    matrix,
    runbooks,
  };
}
