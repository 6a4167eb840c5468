import type { OffboardingRunbook } from "../../engines/access/index.ts";
import type { RecordRef } from "../../playbook/types.ts";
import { anyUuid } from "../../store/select-json.ts";
import type { EngineResultLoader, EngineResults } from "../playbook/engine-results.ts";

/** Findings that break OG-8: orphans, access without NDA, leavers still enabled, groups beyond the grant. */
const OG8_KINDS = new Set(["orphan-account", "access-without-nda", "leaver-enabled", "excess-groups"]);

/**
 * The access engine's playbook results.
 *
 * OG-8, from the latest successful reconciliation that covered the engagement's people: it fails with
 * every orphan, no-NDA, leaver or excess-groups finding for those people (orphans count on the systems
 * the engagement's grants use), and passes otherwise.
 *
 * TM-2, for engagements in termination (or closed): it passes when the engagement's offboarding
 * runbooks (the engagement's own and its people's) are complete, every account proven disabled by a
 * read-back, and the latest reconciliation shows no leaver still enabled; it fails while any runbook
 * item is open. Since TM-2 blocks the termination gate, an engagement cannot close while an offboarding
 * item is open. No reconciliation and no runbook: no result ("not checked yet").
 */
export const loadAccessEngineResults: EngineResultLoader = async (db, engagementIds, _now, batch) => {
  const out: EngineResults = new Map();
  if (engagementIds.length === 0) return out;
  const ids = [...engagementIds];
  const { engagements, members } = batch;
  const memberIds = [...new Set(members.map((m) => m.person_id))];
  const grants = batch.grants.filter((g) => g.revoked_on === null);
  const [run, runbooks] = await Promise.all([
    db
      .selectFrom("access_reconciliation_runs")
      .select(["id", "person_ids", "finished_at"])
      .where("status", "=", "succeeded")
      .orderBy("finished_at", "desc")
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom("access_runbooks")
      .select(["id", "engagement_id", "person_id", "runbook", "evidence_ids", "status"])
      .where((eb) =>
        eb.or([
          anyUuid("engagement_id", ids),
          eb(
            "person_id",
            "in",
            eb.selectFrom("engagement_people").select("person_id").where(anyUuid("engagement_id", ids)),
          ),
        ]),
      )
      .execute(),
  ]);
  const peopleOf = new Map<string, Set<string>>();
  for (const m of members) {
    const set = peopleOf.get(m.engagement_id) ?? new Set<string>();
    set.add(m.person_id);
    peopleOf.set(m.engagement_id, set);
  }
  const systemsOf = new Map<string, Set<string>>();
  for (const g of grants) {
    const set = systemsOf.get(g.engagement_id) ?? new Set<string>();
    set.add(g.system);
    systemsOf.set(g.engagement_id, set);
  }
  const findings = run
    ? await db
        .selectFrom("access_findings")
        .select(["id", "kind", "system", "account", "person_id", "message"])
        .where("run_id", "=", run.id)
        .where((eb) => eb.or([eb("kind", "=", "orphan-account"), anyUuid("person_id", memberIds)]))
        .execute()
    : [];
  const covered = new Set(run?.person_ids ?? []);

  for (const engagement of engagements) {
    const results: Record<string, { status: "pass" | "fail"; reasons: string[]; records: RecordRef[] }> = {};
    const people = peopleOf.get(engagement.id) ?? new Set<string>();
    const systems = systemsOf.get(engagement.id) ?? new Set<string>();
    const isCovered = run !== undefined && [...people].every((p) => covered.has(p));
    if (run && isCovered && (people.size > 0 || systems.size > 0)) {
      const relevant = findings.filter(
        (f) =>
          OG8_KINDS.has(f.kind) &&
          (f.person_id !== null
            ? people.has(f.person_id)
            : f.kind === "orphan-account" && systems.has(f.system)),
      );
      const at = new Date(run.finished_at).toISOString().slice(0, 16).replace("T", " ");
      results["OG-8"] =
        relevant.length === 0
          ? {
              status: "pass",
              reasons: [
                `Reconciled on ${at} UTC: no orphan account, no access without NDA, no leaver enabled.`,
              ],
              records: [{ type: "access_run", id: run.id }],
            }
          : {
              status: "fail",
              reasons: relevant.map((f) => f.message),
              records: [
                { type: "access_run", id: run.id },
                ...relevant.map((f) => ({
                  type: "access_finding",
                  id: f.id,
                  label: `${f.kind} ${f.account}`,
                })),
              ],
            };
    }

    if (engagement.stage === "termination" || engagement.stage === "closed") {
      const mine = runbooks.filter(
        (r) => r.engagement_id === engagement.id || (r.person_id !== null && people.has(r.person_id)),
      );
      const leavers = run
        ? findings.filter(
            (f) => f.kind === "leaver-enabled" && f.person_id !== null && people.has(f.person_id),
          )
        : [];
      if (mine.length > 0) {
        const reasons: string[] = [];
        const records: RecordRef[] = [];
        let verified = 0;
        for (const row of mine) {
          const runbook = row.runbook as unknown as OffboardingRunbook;
          records.push({ type: "access_runbook", id: row.id });
          for (const item of runbook.items) {
            if (item.state !== "done") {
              const what =
                item.kind === "manual"
                  ? `${item.title} (owner ${item.ownerRole}, due ${item.due})`
                  : `Disable ${item.account} on ${item.system}${item.lastError ? ` — last attempt failed: ${item.lastError.message}` : ""}`;
              reasons.push(`Offboarding item open: ${what}.`);
            } else if (item.kind === "disable-account") {
              if (!item.evidence || item.evidence.readBack.enabled) {
                reasons.push(
                  `Account ${item.account} on ${item.system} has no read-back proving it disabled.`,
                );
              } else {
                verified++;
                const evidenceId = row.evidence_ids[item.id];
                if (evidenceId)
                  records.push({ type: "evidence", id: evidenceId, label: `read-back ${item.account}` });
              }
            }
          }
        }
        for (const f of leavers) reasons.push(f.message);
        results["TM-2"] =
          reasons.length === 0
            ? {
                status: "pass",
                reasons: [
                  `Offboarding complete: ${verified} account(s) disabled and verified by reading the directory back.`,
                ],
                records,
              }
            : { status: "fail", reasons, records };
      } else if (run) {
        results["TM-2"] = {
          status: "fail",
          reasons: [
            "No offboarding runbook for this engagement: run `warden offboard <engagement id>` to close its accounts and prove it.",
            ...leavers.map((f) => f.message),
          ],
          records: [{ type: "access_run", id: run.id }],
        };
      }
    }
    if (Object.keys(results).length > 0) out.set(engagement.id, results);
  }
  return out;
};
