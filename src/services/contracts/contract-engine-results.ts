import type { ControlStatus, RecordRef } from "../../playbook/types.ts";
import type { EngineResultLoader, EngineResults } from "../playbook/engine-results.ts";
import { applyCheckReviews, type ReviewedCheck } from "./apply-contract-reviews.ts";
import { loadContractReviews } from "./contract-view.ts";

type Kind = "msa" | "sow" | "nda" | "subcontractor-agreement" | "person-nda";

/**
 * Which contracts of an engagement answer for each control. The MSA and SOWs
 * carry the engagement's terms; an NDA can carry confidentiality and
 * non-solicitation; a subcontractor agreement shows the chain of trust
 * (flow-down). Per-person NDAs are the roster's business (KO-4), not the
 * contract's. OG-1 (custody) is not claimed: escrow does not replace a mirror.
 */
const CONTRACTS_FOR: Record<string, readonly Kind[]> = {
  "CT-1": ["msa", "sow"],
  "CT-2": ["msa", "sow", "nda"],
  "CT-3": ["msa", "sow", "nda"],
  "CT-4": ["msa", "sow", "subcontractor-agreement"],
  "CT-5": ["msa", "sow"],
  "CT-6": ["msa", "sow"],
  "CT-7": ["msa", "sow"],
  "CT-8": ["msa", "sow"],
  "CT-9": ["msa", "sow"],
  "CT-10": ["msa", "sow"],
};

const KIND_LABEL: Record<Kind, string> = {
  msa: "MSA",
  sow: "SOW",
  nda: "NDA",
  "subcontractor-agreement": "Subcontractor agreement",
  "person-nda": "Personal NDA",
};

/**
 * Which contract's finding stands for the engagement: the best. A check that
 * needs review may yet turn out a pass, so it ranks above a known warning or
 * failure (and holds the gate until legal settles it); it never counts as a pass.
 */
const RANK: Record<ReviewedCheck["status"], number> = { pass: 3, needs_review: 2, warn: 1, fail: 0 };

interface Finding {
  contract: { id: string; kind: Kind; title: string };
  check: ReviewedCheck;
  clauses: string[];
}

/**
 * Feeds CT-1..CT-10 from the analysed contracts of each engagement: a clause
 * in any of the contracts that answer for a control satisfies it (the best
 * status wins: pass, then needs review, warn, fail), except that legal's
 * explicit "fail" on one contract decides. A check whose terms could not be
 * read reaches the control as "needs_review".
 * Reasons name the contract and its clauses. An engagement without an
 * analysed contract gets nothing, so its controls stay "not checked yet".
 */
export const loadContractEngineResults: EngineResultLoader = async (db, engagementIds) => {
  const results: EngineResults = new Map();
  if (engagementIds.length === 0) return results;
  const contracts = await db
    .selectFrom("contracts")
    .select(["id", "engagement_id", "kind", "title"])
    .where("engagement_id", "in", engagementIds)
    .where("status", "=", "analysed")
    .where("deleted_at", "is", null)
    .orderBy("created_at")
    .execute();
  if (contracts.length === 0) return results;
  const ids = contracts.map((c) => c.id);
  const [checks, clauses, reviews] = await Promise.all([
    db.selectFrom("contract_checks").selectAll().where("contract_id", "in", ids).execute(),
    db
      .selectFrom("contract_clauses")
      .select(["contract_id", "position", "type", "section", "heading"])
      .where("contract_id", "in", ids)
      .execute(),
    loadContractReviews(db, ids),
  ]);
  const clauseLabel = new Map(
    clauses.map((c) => [
      `${c.contract_id}:${c.position}`,
      [c.section ? `§${c.section}` : null, c.heading ?? c.type].filter(Boolean).join(" "),
    ]),
  );
  const byEngagement = new Map<string, Map<string, Finding[]>>();
  for (const contract of contracts) {
    const own = checks
      .filter((c) => c.contract_id === contract.id)
      .map((c) => ({
        control: c.control,
        status: c.status,
        reason: c.reason,
        clausePositions: c.clause_positions,
      }));
    for (const check of applyCheckReviews(own, reviews.get(contract.id) ?? [])) {
      if (!CONTRACTS_FOR[check.control]?.includes(contract.kind)) continue;
      const controls = byEngagement.get(contract.engagement_id) ?? new Map<string, Finding[]>();
      const list = controls.get(check.control) ?? [];
      list.push({
        contract: { id: contract.id, kind: contract.kind, title: contract.title },
        check,
        clauses: [
          ...new Set(check.clausePositions.flatMap((p) => clauseLabel.get(`${contract.id}:${p}`) ?? [])),
        ].slice(0, 5),
      });
      controls.set(check.control, list);
      byEngagement.set(contract.engagement_id, controls);
    }
  }
  for (const [engagementId, controls] of byEngagement) {
    const byControl: Record<string, { status: ControlStatus; reasons: string[]; records: RecordRef[] }> = {};
    for (const [control, findings] of controls) byControl[control] = combine(findings);
    results.set(engagementId, byControl);
  }
  return results;
};

function combine(findings: readonly Finding[]): {
  status: ControlStatus;
  reasons: string[];
  records: RecordRef[];
} {
  const legalFail = findings.filter(
    (f) => f.check.review?.decision === "override" && f.check.status === "fail",
  );
  const decisive =
    legalFail.length > 0
      ? legalFail
      : (() => {
          const best = Math.max(...findings.map((f) => RANK[f.check.status]));
          return findings.filter((f) => RANK[f.check.status] === best);
        })();
  const status = decisive[0]?.check.status ?? "fail";
  const describe = (f: Finding) =>
    `${KIND_LABEL[f.contract.kind]} "${f.contract.title}": ${f.check.reason}${
      f.clauses.length ? ` (clause ${f.clauses.join("; ")})` : ""
    }`;
  // Every contract that answers is named, the decisive ones first.
  const others = findings.filter((f) => !decisive.includes(f));
  return {
    status,
    reasons: [...decisive, ...others].map(describe),
    records: findings.map((f) => ({
      type: "contract",
      id: f.contract.id,
      label: `${KIND_LABEL[f.contract.kind]}: ${f.contract.title}`,
    })),
  };
}
