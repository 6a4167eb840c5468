import type { ControlStatus, RecordRef } from "../../playbook/types.ts";
import type { EngineResultLoader, EngineResults } from "../playbook/engine-results.ts";

type Result = { status: ControlStatus; reasons: string[]; records: RecordRef[] };

const SCAN_CHECKS = new Set(["secrets", "licences", "authorship"]);

interface StoredCheck {
  id: string;
  status: string;
  summary: string;
}
interface StoredFinding {
  check: string;
  rule: string;
  severity: string;
  file?: string;
  line?: number;
  commit?: string;
  author?: string;
}

/**
 * Feeds the custody controls from stored syncs and verifications:
 * - OG-1: every repository of the engagement mirrored, its last successful sync within the
 *   engagement's freshness limit and fsck clean; open history-rewrite alerts warn, naming the refs.
 * - OG-2: the latest verification of each delivered milestone built and tested from our mirror.
 * - OG-3: no secret, licence or authorship finding in those latest verifications.
 * - TM-4 (engagements in termination): a successful sync of every repository and an accepted
 *   verification after the final delivery.
 * An engagement with no registered repository gets nothing: its controls stay "not checked yet".
 */
export const loadCustodyEngineResults: EngineResultLoader = async (db, engagementIds, now) => {
  const results: EngineResults = new Map();
  if (engagementIds.length === 0) return results;
  const repos = await db
    .selectFrom("custody_repositories as r")
    .innerJoin("engagements as e", "e.id", "r.engagement_id")
    .select(["r.id", "r.name", "r.engagement_id", "e.custody_freshness_hours", "e.stage"])
    .where("r.engagement_id", "in", engagementIds)
    .where("r.deleted_at", "is", null)
    .execute();
  if (repos.length === 0) return results;
  const engagementsWithRepos = [...new Set(repos.map((r) => r.engagement_id))];
  const repoIds = repos.map((r) => r.id);
  const [syncs, alerts, verifications, finals] = await Promise.all([
    db
      .selectFrom("custody_syncs")
      .select(["id", "repository_id", "status", "finished_at", "fsck_ok", "error"])
      .where("repository_id", "in", repoIds)
      .orderBy("started_at", "desc")
      .execute(),
    db
      .selectFrom("custody_alerts")
      .select(["id", "repository_id", "kind", "ref"])
      .where("repository_id", "in", repoIds)
      .where("acknowledged_at", "is", null)
      .execute(),
    db
      .selectFrom("custody_verifications as v")
      .innerJoin("milestones as m", "m.id", "v.milestone_id")
      .select([
        "v.id",
        "v.engagement_id",
        "v.milestone_id",
        "v.status",
        "v.ref",
        "v.checks",
        "v.findings",
        "v.error",
        "v.created_at",
        "v.finished_at",
        "m.title",
      ])
      .where("v.engagement_id", "in", engagementsWithRepos)
      .orderBy("v.created_at", "desc")
      .execute(),
    db
      .selectFrom("milestones")
      .select(["id", "engagement_id", "title", "delivered_at"])
      .where("engagement_id", "in", engagementsWithRepos)
      .where("is_final", "=", true)
      .execute(),
  ]);

  for (const engagementId of engagementsWithRepos) {
    const own = repos.filter((r) => r.engagement_id === engagementId);
    const byControl: Record<string, Result> = {};
    const freshness = own[0]?.custody_freshness_hours ?? 24;

    // OG-1
    const og1: Result = { status: "pass", reasons: [], records: [] };
    for (const repo of own) {
      og1.records.push({ type: "custody_repository", id: repo.id, label: repo.name });
      const repoSyncs = syncs.filter((s) => s.repository_id === repo.id);
      const lastOk = repoSyncs.find((s) => s.status === "succeeded");
      if (!lastOk) {
        const last = repoSyncs[0];
        og1.status = "fail";
        og1.reasons.push(
          last
            ? `${repo.name}: never mirrored successfully (${last.error ?? "sync failed"}).`
            : `${repo.name}: not mirrored yet.`,
        );
        continue;
      }
      const lag = (now.getTime() - lastOk.finished_at.getTime()) / 3_600_000;
      if (lag > freshness) {
        og1.status = "fail";
        og1.reasons.push(
          `${repo.name}: last successful sync ${Math.floor(lag)} h ago, beyond the ${freshness} h freshness limit.`,
        );
      }
      if (lastOk.fsck_ok === false) {
        og1.status = "fail";
        og1.reasons.push(`${repo.name}: git fsck reported problems in the mirror.`);
      }
      const open = alerts.filter((a) => a.repository_id === repo.id);
      if (open.length > 0) {
        if (og1.status === "pass") og1.status = "warn";
        og1.reasons.push(
          `${repo.name}: ${open.length} unacknowledged history rewrite(s): ${open
            .slice(0, 10)
            .map((a) => `${a.kind.replace("_", " ")} ${a.ref}`)
            .join(", ")}${open.length > 10 ? ", …" : ""}.`,
        );
      }
    }
    if (og1.status === "pass")
      og1.reasons.push(`${own.length} repository(ies) mirrored within ${freshness} h.`);
    byControl["OG-1"] = og1;

    // OG-2 and OG-3: the latest verification of each milestone.
    const latest = new Map<string, (typeof verifications)[number]>();
    for (const v of verifications) {
      if (v.engagement_id === engagementId && !latest.has(v.milestone_id)) latest.set(v.milestone_id, v);
    }
    if (latest.size > 0) {
      const og2: Result = { status: "pass", reasons: [], records: [] };
      const og3: Result = { status: "pass", reasons: [], records: [] };
      const worse = (r: Result, s: ControlStatus) => {
        const rank: Record<string, number> = { pass: 0, warn: 1, fail: 2 };
        if ((rank[s] ?? 0) > (rank[r.status] ?? 0)) r.status = s;
      };
      for (const v of latest.values()) {
        const record = { type: "custody_verification", id: v.id, label: `${v.title}: ${v.ref}` };
        og2.records.push(record);
        og3.records.push(record);
        if (v.status === "queued" || v.status === "running") {
          worse(og2, "warn");
          worse(og3, "warn");
          og2.reasons.push(`${v.title} (${v.ref}): verification in progress.`);
          continue;
        }
        if (v.status === "error") {
          worse(og2, "fail");
          worse(og3, "fail");
          og2.reasons.push(
            `${v.title} (${v.ref}): verification could not run: ${v.error ?? "unknown error"}`,
          );
          continue;
        }
        const checks = v.checks as StoredCheck[];
        const build = checks.find((c) => c.id === "build");
        if (!build || build.status === "skipped") {
          worse(og2, "warn");
          og2.reasons.push(
            `${v.title} (${v.ref}): no build or test commands configured for this engagement.`,
          );
        } else if (build.status !== "passed") {
          worse(og2, "fail");
          og2.reasons.push(`${v.title} (${v.ref}): build and tests ${build.status}: ${build.summary}`);
        }
        const findings = (v.findings as StoredFinding[]).filter((f) => SCAN_CHECKS.has(f.check));
        const errors = findings.filter((f) => f.severity === "error");
        if (findings.length > 0) {
          worse(og3, errors.length > 0 ? "fail" : "warn");
          og3.reasons.push(
            `${v.title} (${v.ref}): ${findings
              .slice(0, 5)
              .map((f) => `${f.check} ${f.rule}${f.file ? ` in ${f.file}${f.line ? `:${f.line}` : ""}` : ""}`)
              .join("; ")}${findings.length > 5 ? `; and ${findings.length - 5} more` : ""}.`,
          );
        }
        for (const c of checks.filter((c) => SCAN_CHECKS.has(c.id) && c.status === "error")) {
          worse(og3, "fail");
          og3.reasons.push(`${v.title} (${v.ref}): ${c.id} scan could not run: ${c.summary}`);
        }
      }
      if (og2.status === "pass")
        og2.reasons.push(`${latest.size} delivery(ies) built and tested from our mirror.`);
      if (og3.status === "pass") og3.reasons.push(`${latest.size} delivery(ies) scanned with no finding.`);
      byControl["OG-2"] = og2;
      byControl["OG-3"] = og3;
    }

    // TM-4
    if (own[0]?.stage === "termination") {
      const tm4: Result = { status: "pass", reasons: [], records: [] };
      const final = finals.find((m) => m.engagement_id === engagementId && m.delivered_at !== null);
      if (!final?.delivered_at) {
        tm4.status = "fail";
        tm4.reasons.push("No final delivery recorded yet: the final sync and verification follow it.");
      } else {
        const deliveredAt = final.delivered_at;
        for (const repo of own) {
          const after = syncs.find(
            (s) => s.repository_id === repo.id && s.status === "succeeded" && s.finished_at >= deliveredAt,
          );
          if (!after) {
            tm4.status = "fail";
            tm4.reasons.push(`${repo.name}: no successful sync since the final delivery.`);
          } else tm4.records.push({ type: "custody_sync", id: after.id, label: repo.name });
        }
        const verification = latest.get(final.id);
        if (!verification) {
          tm4.status = "fail";
          tm4.reasons.push(`${final.title}: the final delivery has not been verified from our mirror.`);
        } else {
          tm4.records.push({ type: "custody_verification", id: verification.id, label: final.title });
          if (verification.status !== "accepted") {
            tm4.status = "fail";
            tm4.reasons.push(
              `${final.title}: the final verification is ${verification.status === "queued" || verification.status === "running" ? "still running" : verification.status}.`,
            );
          }
        }
        if (tm4.status === "pass")
          tm4.reasons.push("Final sync and verification done after the final delivery.");
      }
      byControl["TM-4"] = tm4;
    }
    results.set(engagementId, byControl);
  }
  return results;
};
