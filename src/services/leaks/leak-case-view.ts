import type { Kysely, Selectable } from "kysely";
import { WardenError } from "../../domain/errors.ts";
import type { Database, LeakCaseStatus, LeakCasesTable } from "../../store/schema.ts";
import type { TraceReport } from "./trace-report.ts";

export interface LeakCaseView {
  id: string;
  title: string;
  status: LeakCaseStatus;
  suspectName: string;
  engagementId: string | null;
  distributionId: string | null;
  payload: number | null;
  personId: string | null;
  confidence: number;
  summary: string;
  notes: { at: string; by: string; text: string }[];
  openedBy: string;
  createdAt: string;
  updatedAt: string;
  /** The full trace report (with the suspect text and matching regions); only on one case. */
  report?: TraceReport;
}

type CaseRow = Omit<Selectable<LeakCasesTable>, "report"> & { report?: unknown; summary?: string | null };

/** A case row as shown; the report (suspect text included) only when the row carries it. */
export function toLeakCaseView(row: CaseRow): LeakCaseView {
  const report = row.report as TraceReport | undefined;
  const view: LeakCaseView = {
    id: row.id,
    title: row.title,
    status: row.status,
    suspectName: row.suspect_name,
    engagementId: row.engagement_id,
    distributionId: row.distribution_id,
    payload: row.copy_payload === null ? null : Number(row.copy_payload),
    personId: row.person_id,
    confidence: Number(row.confidence),
    summary: report?.summary ?? row.summary ?? "",
    notes: row.notes,
    openedBy: row.opened_by,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
  if (report) view.report = report;
  return view;
}

export async function loadLeakCaseView(db: Kysely<Database>, id: string): Promise<LeakCaseView> {
  const row = await db.selectFrom("leak_cases").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new WardenError("not_found", `No leak case with id ${id}.`);
  return toLeakCaseView(row);
}
