import type { RecordRef } from "../../playbook/types.ts";
import type { EngineResultLoader, EngineResults } from "../playbook/engine-results.ts";

/**
 * OG-9 from leak watch. Fails while a leak case that is not closed attributes a leak to the
 * engagement (naming the case and the copy). Passes when documents have been shared with
 * the engagement and every copy carries its recipient's mark. No distribution and no case:
 * no result ("not checked yet").
 */
export const loadLeakEngineResults: EngineResultLoader = async (db, engagementIds) => {
  const out: EngineResults = new Map();
  if (engagementIds.length === 0) return out;
  const ids = [...engagementIds];
  const [distributions, cases] = await Promise.all([
    db
      .selectFrom("leak_distributions as d")
      .leftJoin("leak_copies as c", "c.distribution_id", "d.id")
      .select(["d.id", "d.engagement_id", "d.title", "c.payload", "c.blob_sha256"])
      .where("d.engagement_id", "in", ids)
      .execute(),
    db
      .selectFrom("leak_cases")
      .select(["id", "engagement_id", "title", "copy_payload", "confidence", "status"])
      .where("engagement_id", "in", ids)
      .where("status", "!=", "closed")
      .orderBy("created_at")
      .execute(),
  ]);
  for (const id of ids) {
    const open = cases.filter((c) => c.engagement_id === id);
    const shared = distributions.filter((d) => d.engagement_id === id);
    if (open.length > 0) {
      out.set(id, {
        "OG-9": {
          status: "fail",
          reasons: open.map(
            (c) =>
              `Leak case "${c.title}" (${c.status}) attributes a leak to this engagement${c.copy_payload !== null ? ` through copy ${c.copy_payload}` : ""} with confidence ${Number(c.confidence).toFixed(2)}.`,
          ),
          records: open.map((c): RecordRef => ({ type: "leak_case", id: c.id, label: c.title })),
        },
      });
      continue;
    }
    if (shared.length === 0) continue;
    const distributionIds = [...new Set(shared.map((d) => d.id))];
    const unmarked = shared.filter((d) => d.payload === null || d.blob_sha256 === null);
    const records = distributionIds.map((d): RecordRef => ({ type: "leak_distribution", id: d }));
    out.set(id, {
      "OG-9":
        unmarked.length === 0
          ? {
              status: "pass",
              reasons: [
                `${distributionIds.length} shared document(s), ${shared.length} copies, each marked for its recipient; no open leak case.`,
              ],
              records,
            }
          : {
              status: "fail",
              reasons: unmarked.map(
                (d) => `"${d.title}" was recorded without a marked copy for every recipient.`,
              ),
              records,
            },
    });
  }
  return out;
};
