import { isWardenError } from "../../domain/errors.ts";
import { SYSTEM_ACTOR } from "../../domain/roles.ts";
import { analyzeContract, type DetectedClause, extractText } from "../../engines/contracts/index.ts";
import type { Runtime, ServiceContext, Tx } from "../context.ts";
import { writeTransaction } from "../write.ts";
import { readContractPolicy } from "./contract-policy-settings.ts";
import { loadContractReviews } from "./contract-view.ts";
import { insertContractChecks, judgeContractClauses } from "./judge-contract-clauses.ts";

/** The queue of contract analyses; the payload names the contract and its analysis run. */
export const ANALYSE_CONTRACT_QUEUE = "contracts.analyse";

export type AnalysisOutcome = "analysed" | "failed" | "skipped";

/**
 * Extracts, analyses and checks a stored contract (the job's work). Every
 * result is written in one transaction at the end; a file the engine cannot
 * read (corrupt, encrypted, scanned, a zip bomb, too large) ends as `failed`
 * with the engine's message and no clauses. A run superseded by a newer
 * re-analysis, or a contract withdrawn meanwhile, is skipped.
 *
 * @example
 * await analyseStoredContract(runtime, contractId, 1); // "analysed"
 */
export async function analyseStoredContract(
  runtime: Runtime,
  contractId: string,
  run: number,
): Promise<AnalysisOutcome> {
  const ctx: ServiceContext = { runtime, actor: SYSTEM_ACTOR };
  const started = await runtime.db
    .updateTable("contracts")
    .set({ status: "analysing" })
    .where("id", "=", contractId)
    .where("analysis_run", "=", run)
    .where("deleted_at", "is", null)
    .returningAll()
    .executeTakeFirst();
  if (!started) return "skipped";
  try {
    const vendor = await runtime.db
      .selectFrom("engagements")
      .innerJoin("vendors", "vendors.id", "engagements.vendor_id")
      .select("vendors.country")
      .where("engagements.id", "=", started.engagement_id)
      .executeTakeFirstOrThrow();
    const policy = await readContractPolicy(runtime.db);
    const bytes = await runtime.blobs.read(started.blob_sha256);
    const extracted = await extractText(bytes, {
      filename: started.filename,
      mediaType: started.media_type,
    });
    const analysis = analyzeContract(extracted.text);
    const stored = await writeTransaction(ctx, async (tx, audit) => {
      if (!(await isCurrentRun(tx, contractId, run))) return false;
      // Clauses legal rejected before this re-analysis still count for nothing.
      const { terms, checks } = judgeContractClauses({
        text: extracted.text,
        clauses: analysis.clauses,
        reviews: (await loadContractReviews(tx, [contractId])).get(contractId) ?? [],
        vendorCountry: vendor.country,
        policy,
      });
      await clearAnalysis(tx, contractId);
      await insertClauses(tx, contractId, analysis.clauses);
      await insertContractChecks(tx, contractId, checks);
      await tx
        .updateTable("contracts")
        .set({
          status: "analysed",
          failure_reason: null,
          format: extracted.format,
          pages: extracted.pages?.length ?? null,
          text: withoutNul(extracted.text),
          terms: JSON.stringify(terms),
          analysed_at: runtime.now(),
        })
        .where("id", "=", contractId)
        .execute();
      await audit({
        action: "contract.analyse",
        targetType: "contract",
        targetId: contractId,
        summary: {
          run,
          clauses: analysis.clauses.length,
          checks: Object.fromEntries(checks.map((c) => [c.control, c.status])),
        },
      });
      return true;
    });
    return stored ? "analysed" : "skipped";
  } catch (error) {
    const reason = isWardenError(error)
      ? error.message
      : `The analysis stopped unexpectedly (${error instanceof Error ? error.message : String(error)}). Re-analyse to try again.`;
    if (!isWardenError(error)) runtime.log.error({ err: error, contractId }, "contract analysis failed");
    const stored = await writeTransaction(ctx, async (tx, audit) => {
      if (!(await isCurrentRun(tx, contractId, run))) return false;
      await clearAnalysis(tx, contractId);
      await tx
        .updateTable("contracts")
        .set({
          status: "failed",
          failure_reason: reason,
          format: null,
          pages: null,
          text: null,
          terms: null,
          analysed_at: runtime.now(),
        })
        .where("id", "=", contractId)
        .execute();
      await audit({
        action: "contract.analyse.fail",
        targetType: "contract",
        targetId: contractId,
        summary: { run, reason },
      });
      return true;
    });
    return stored ? "failed" : "skipped";
  }
}

async function isCurrentRun(tx: Tx, contractId: string, run: number): Promise<boolean> {
  const row = await tx
    .selectFrom("contracts")
    .select("analysis_run")
    .where("id", "=", contractId)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined && Number(row.analysis_run) === run;
}

async function clearAnalysis(tx: Tx, contractId: string): Promise<void> {
  await tx.deleteFrom("contract_clauses").where("contract_id", "=", contractId).execute();
  await tx.deleteFrom("contract_checks").where("contract_id", "=", contractId).execute();
}

async function insertClauses(tx: Tx, contractId: string, clauses: readonly DetectedClause[]) {
  // Chunks keep each statement under the driver's parameter limit.
  for (let i = 0; i < clauses.length; i += 500) {
    await tx
      .insertInto("contract_clauses")
      .values(
        clauses.slice(i, i + 500).map((c, j) => ({
          contract_id: contractId,
          position: i + j,
          type: c.type,
          control: c.control,
          start_offset: c.start,
          end_offset: c.end,
          text: withoutNul(c.text),
          score: c.score,
          section: c.section ?? null,
          heading: c.heading ?? null,
        })),
      )
      .execute();
  }
}

// PostgreSQL text cannot hold NUL; a space keeps every offset in place.
function withoutNul(text: string): string {
  return text.replace(/\0/g, " ");
}
