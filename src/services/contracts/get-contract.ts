import type { Readable } from "node:stream";
import { WardenError } from "../../domain/errors.ts";
import { CLAUSE_TYPES } from "../../engines/contracts/index.ts";
import { requireInternal, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { loadEngagementFor } from "../scope.ts";
import {
  applyCheckReviews,
  type ContractReview,
  clauseReviewFor,
  type ReviewedCheck,
} from "./apply-contract-reviews.ts";
import { type ContractSummary, loadContractReviews, toContractSummary } from "./contract-view.ts";

// Their absence protects nothing: joint ownership is a weakness, a licence a
// weaker stand-in for assignment.
const NOT_A_GAP = new Set<string>(["joint-ip-ownership", "license-grant"]);

export interface ContractClauseView {
  position: number;
  type: string;
  control: string | null;
  start: number;
  end: number;
  text: string;
  score: number;
  section: string | null;
  heading: string | null;
  review: ContractReview | null;
}

export interface ContractDetail extends ContractSummary {
  engagement: { id: string; name: string; vendorId: string; vendorName: string; vendorCountry: string };
  /** The extracted text; clause offsets index into it. */
  text: string | null;
  terms: unknown;
  clauses: ContractClauseView[];
  checks: ReviewedCheck[];
  /** Protective clause types that serve a control and were not found. */
  missingClauseTypes: { type: string; control: string }[];
  reviews: ContractReview[];
}

/**
 * One contract with its analysis: text, clauses, terms, the checks per control
 * with legal's reviews applied, and the review history. Internal users only.
 */
export async function getContract(ctx: ServiceContext, contractId: unknown): Promise<ContractDetail> {
  const row = await loadContractRow(ctx, contractId);
  const engagement = await ctx.runtime.db
    .selectFrom("engagements")
    .innerJoin("vendors", "vendors.id", "engagements.vendor_id")
    .select([
      "engagements.id",
      "engagements.name",
      "vendors.id as vendorId",
      "vendors.legal_name as vendorName",
      "vendors.country as vendorCountry",
    ])
    .where("engagements.id", "=", row.engagement_id)
    .executeTakeFirstOrThrow();
  const [clauseRows, checkRows, reviewsByContract] = await Promise.all([
    ctx.runtime.db
      .selectFrom("contract_clauses")
      .selectAll()
      .where("contract_id", "=", row.id)
      .orderBy("position")
      .execute(),
    ctx.runtime.db.selectFrom("contract_checks").selectAll().where("contract_id", "=", row.id).execute(),
    loadContractReviews(ctx.runtime.db, [row.id]),
  ]);
  const reviews = reviewsByContract.get(row.id) ?? [];
  const clauses = clauseRows.map((c) => {
    const clause = {
      position: Number(c.position),
      type: c.type,
      control: c.control,
      start: Number(c.start_offset),
      end: Number(c.end_offset),
      text: c.text,
      score: Number(c.score),
      section: c.section,
      heading: c.heading,
    };
    return { ...clause, review: clauseReviewFor(reviews, clause) };
  });
  const order = new Map(CLAUSE_TYPES.map((t, i) => [t.control, i] as const));
  const checks = applyCheckReviews(
    checkRows
      .map((c) => ({
        control: c.control,
        status: c.status,
        reason: c.reason,
        clausePositions: c.clause_positions,
      }))
      .sort(
        (a, b) =>
          (order.get(a.control as never) ?? 99) - (order.get(b.control as never) ?? 99) ||
          a.control.localeCompare(b.control, "en", { numeric: true }),
      ),
    reviews,
  );
  const found = new Set(clauses.filter((c) => c.review?.decision !== "reject").map((c) => c.type));
  const missingClauseTypes =
    row.status === "analysed"
      ? CLAUSE_TYPES.filter((t) => t.control !== null && !NOT_A_GAP.has(t.type) && !found.has(t.type)).map(
          (t) => ({
            type: t.type,
            control: t.control as string,
          }),
        )
      : [];
  return {
    ...toContractSummary(row),
    engagement: {
      id: engagement.id,
      name: engagement.name,
      vendorId: engagement.vendorId,
      vendorName: engagement.vendorName,
      vendorCountry: engagement.vendorCountry,
    },
    text: row.text,
    terms: row.terms ?? null,
    clauses,
    checks,
    missingClauseTypes,
    reviews,
  };
}

/** The uploaded file of a contract, after the same checks. */
export async function readContractFile(
  ctx: ServiceContext,
  contractId: unknown,
): Promise<{ stream: Readable; filename: string; mediaType: string; size: number }> {
  const row = await loadContractRow(ctx, contractId);
  return {
    stream: ctx.runtime.blobs.get(row.blob_sha256),
    filename: row.filename,
    mediaType: row.media_type,
    size: Number(row.size),
  };
}

async function loadContractRow(ctx: ServiceContext, contractId: unknown) {
  requireInternal(ctx);
  const id = parseId(contractId);
  const row = await ctx.runtime.db
    .selectFrom("contracts")
    .selectAll()
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!row) throw new WardenError("not_found", `No contract with id ${id}.`);
  await loadEngagementFor(ctx, row.engagement_id);
  return row;
}
