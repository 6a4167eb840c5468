import type { Kysely, Selectable } from "kysely";
import type { ContractReviewsTable, ContractsTable, Database } from "../../store/schema.ts";
import type { Tx } from "../context.ts";
import type { ContractReview } from "./apply-contract-reviews.ts";

/** A contract as lists show it (no text, no clauses). */
export interface ContractSummary {
  id: string;
  engagementId: string;
  kind: ContractsTable["kind"];
  title: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  status: Selectable<ContractsTable>["status"];
  /** Why the analysis failed, in the engine's words. */
  failureReason: string | null;
  format: string | null;
  pages: number | null;
  uploadedBy: string;
  createdAt: string;
  analysedAt: string | null;
}

export function toContractSummary(row: Selectable<ContractsTable>): ContractSummary {
  return {
    id: row.id,
    engagementId: row.engagement_id,
    kind: row.kind,
    title: row.title,
    filename: row.filename,
    mediaType: row.media_type,
    size: Number(row.size),
    sha256: row.blob_sha256,
    status: row.status,
    failureReason: row.failure_reason,
    format: row.format,
    pages: row.pages === null ? null : Number(row.pages),
    uploadedBy: row.uploaded_by,
    createdAt: new Date(row.created_at).toISOString(),
    analysedAt: row.analysed_at ? new Date(row.analysed_at).toISOString() : null,
  };
}

export function toContractReview(row: Selectable<ContractReviewsTable>): ContractReview {
  return {
    id: row.id,
    target: row.target,
    control: row.control,
    clauseType: row.clause_type,
    clauseStart: row.clause_start === null ? null : Number(row.clause_start),
    clauseEnd: row.clause_end === null ? null : Number(row.clause_end),
    decision: row.decision,
    status: row.status,
    comment: row.comment,
    reviewedBy: row.reviewed_by,
    reviewedAt: new Date(row.reviewed_at).toISOString(),
  };
}

/** Legal's reviews of these contracts, in the order they were made. */
export async function loadContractReviews(
  db: Kysely<Database> | Tx,
  contractIds: readonly string[],
): Promise<Map<string, ContractReview[]>> {
  const byContract = new Map<string, ContractReview[]>();
  if (contractIds.length === 0) return byContract;
  const rows = await db
    .selectFrom("contract_reviews")
    .selectAll()
    .where("contract_id", "in", contractIds)
    .orderBy("seq")
    .execute();
  for (const row of rows) {
    const list = byContract.get(row.contract_id) ?? [];
    list.push(toContractReview(row));
    byContract.set(row.contract_id, list);
  }
  return byContract;
}
