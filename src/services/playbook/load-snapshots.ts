import { type Kysely, sql } from "kysely";
import { toIsoDate } from "../../domain/dates.ts";
import { adviseJurisdiction } from "../../engines/jurisdiction/index.ts";
import type { EngagementSnapshot } from "../../playbook/types.ts";
import type { Database } from "../../store/schema.ts";
import { anyUuid, selectJson } from "../../store/select-json.ts";
import { engineResultLoaders } from "./engine-result-loaders.ts";
import { loadEngineResults } from "./engine-results.ts";
import type { OrgSettings } from "./playbook-settings.ts";

type Db = Kysely<Database>;

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

const jurisdictionCache = new Map<string, EngagementSnapshot["jurisdiction"]>();

function jurisdictionOf(country: string, home: string): EngagementSnapshot["jurisdiction"] {
  const key = `${country}>${home}`;
  if (jurisdictionCache.has(key)) return jurisdictionCache.get(key) ?? null;
  let value: EngagementSnapshot["jurisdiction"];
  try {
    const advice = adviseJurisdiction(country, home);
    const forum = advice.recommendedForum;
    value = {
      assessed: true,
      summary: `${advice.vendor.name}: ${forum.kind === "arbitration" ? `arbitration seated in ${forum.seat?.city ?? "a neutral seat"}` : "home courts"} recommended. ${forum.reason}`,
      highRisks: advice.risks.filter((r) => r.severity === "high").map((r) => r.text),
    };
  } catch {
    value = null;
  }
  jurisdictionCache.set(key, value);
  return value;
}

/** A timestamp from JSON ("…+00:00") in the snapshot's form ("…Z"). */
function isoInstant(value: string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/** A certificate the vendor submitted counts once the security team verified it. */
const countsForPlaybook = sql<boolean>`(source = 'internal' or verified_at is not null)`;

/**
 * Loads what the playbook needs for many engagements at once: one query per
 * table for the whole batch, so that evaluating the portfolio costs a fixed
 * number of round trips, not one per engagement. Each row costs time to cross
 * from the database into JavaScript (on PGlite especially), so each query's
 * rows arrive as one JSON array (`selectJson`), and it moves no more than the
 * rules read: only the columns the snapshot uses, id lists as one array
 * parameter, only the evidence a rule reads (expired, or the TM-3 media
 * certificate) and only acknowledgements of current policy versions. A rule
 * that reads more must widen its query here.
 */
export async function loadSnapshots(
  db: Db,
  engagementIds: readonly string[],
  now: Date,
  settings: OrgSettings,
): Promise<Map<string, EngagementSnapshot>> {
  const out = new Map<string, EngagementSnapshot>();
  if (engagementIds.length === 0) return out;
  const ids = [...engagementIds];
  const today = toIsoDate(now);
  const engagements = await selectJson(
    db,
    db
      .selectFrom("engagements")
      .select([
        "id",
        "vendor_id",
        "name",
        "stage",
        "offshore",
        "approved_networks",
        "required_insurance_amount",
        "required_insurance_currency",
      ])
      .where(anyUuid("id", ids)),
  );
  const vendorIds = [...new Set(engagements.map((e) => e.vendor_id))];
  const [
    vendors,
    subcontractors,
    vendorCerts,
    insurance,
    assets,
    grants,
    engagementPeople,
    policies,
    milestones,
    audits,
    evidence,
    incidents,
    attestations,
    exceptions,
  ] = await Promise.all([
    selectJson(
      db,
      db
        .selectFrom("vendors")
        .select(["id", "legal_name", "country", "assessed_on", "assessment_expires_on", "chain_disclosed_on"])
        .where(anyUuid("id", vendorIds)),
    ),
    selectJson(
      db,
      db
        .selectFrom("vendors")
        .select(["id", "legal_name", "country", "assessed_on", "assessment_expires_on", "parent_vendor_id"])
        .where(anyUuid("parent_vendor_id", vendorIds))
        .where("deleted_at", "is", null),
    ),
    selectJson(
      db,
      db
        .selectFrom("vendor_certifications")
        .select(["id", "vendor_id", "kind", "expires_on"])
        .where(anyUuid("vendor_id", vendorIds))
        .where(countsForPlaybook),
    ),
    selectJson(
      db,
      db
        .selectFrom("insurance_certificates")
        .select(["id", "vendor_id", "insurer", "coverage_amount", "currency", "expires_on"])
        .where(anyUuid("vendor_id", vendorIds))
        .where(countsForPlaybook),
    ),
    selectJson(
      db,
      db
        .selectFrom("assets")
        .select(["id", "engagement_id", "name", "kind", "classification"])
        .where(anyUuid("engagement_id", ids)),
    ),
    selectJson(
      db,
      db
        .selectFrom("grants")
        .select([
          "id",
          "engagement_id",
          "person_id",
          "system",
          "account",
          "scope",
          "reason",
          "granted_by",
          "granted_on",
          "expires_on",
          "revoked_on",
        ])
        .where(anyUuid("engagement_id", ids)),
    ),
    selectJson(
      db,
      db
        .selectFrom("engagement_people")
        .select(["engagement_id", "person_id"])
        .where(anyUuid("engagement_id", ids)),
    ),
    selectJson(
      db,
      db
        .selectFrom("policies")
        .leftJoin("policy_versions as pv", (join) =>
          join.onRef("pv.policy_id", "=", "policies.id").on((eb) =>
            eb(
              "pv.version",
              "=",
              eb
                .selectFrom("policy_versions as v2")
                .select((e2) => e2.fn.max("v2.version").as("m"))
                .whereRef("v2.policy_id", "=", "policies.id"),
            ),
          ),
        )
        .select([
          "policies.id",
          "policies.title",
          "policies.engagement_id",
          "pv.id as version_id",
          "pv.version",
        ])
        .where("policies.retired_at", "is", null)
        .where((eb) =>
          eb.or([anyUuid("policies.engagement_id", ids), eb("policies.engagement_id", "is", null)]),
        ),
    ),
    selectJson(
      db,
      db
        .selectFrom("milestones")
        .select([
          "id",
          "engagement_id",
          "title",
          "amount",
          "currency",
          "state",
          "acceptance_days",
          "is_final",
          "acceptance_kind",
          "acceptance_reason",
          "accepted_by",
        ])
        .where(anyUuid("engagement_id", ids)),
    ),
    selectJson(
      db,
      db
        .selectFrom("audits")
        .select(["id", "vendor_id", "engagement_id", "kind", "auditor_org", "performed_on", "next_due_on"])
        .where(anyUuid("vendor_id", vendorIds)),
    ),
    // The rules read evidence only to list what has expired and to find the TM-3 certificate.
    selectJson(
      db,
      db
        .selectFrom("evidence")
        .select(["id", "title", "controls", "effective_on", "expires_on", "engagement_id"])
        .where(anyUuid("engagement_id", ids))
        .where("deleted_at", "is", null)
        .where((eb) => eb.or([eb("expires_on", "<", today), sql<boolean>`controls @> '["TM-3"]'::jsonb`])),
    ),
    selectJson(
      db,
      db
        .selectFrom("incidents")
        .select(["id", "engagement_id", "title", "disclosure_due_at", "disclosed_at", "status"])
        .where(anyUuid("engagement_id", ids)),
    ),
    selectJson(
      db,
      db
        .selectFrom("attestations")
        .select([
          "id",
          "engagement_id",
          "control_id",
          "statement",
          "attested_by",
          "attested_at",
          "expires_on",
          "evidence_id",
        ])
        .where(anyUuid("engagement_id", ids))
        .where("revoked_at", "is", null),
    ),
    selectJson(
      db,
      db
        .selectFrom("control_exceptions")
        .select([
          "id",
          "engagement_id",
          "control_id",
          "asset_id",
          "person_id",
          "reason",
          "approved_by",
          "expires_on",
        ])
        .where(anyUuid("engagement_id", ids))
        .where("revoked_at", "is", null),
    ),
  ]);
  // The roster of an engagement: people assigned to it and people holding its grants.
  const personIds = [
    ...new Set([...engagementPeople.map((p) => p.person_id), ...grants.map((g) => g.person_id)]),
  ];
  // Only the current versions count for the playbook; older acknowledgements are history.
  const currentVersionIds = [...new Set(policies.flatMap((p) => (p.version_id ? [p.version_id] : [])))];
  const [people, personCerts, acks, findings, engineResults] = await Promise.all([
    personIds.length
      ? selectJson(
          db,
          db
            .selectFrom("people")
            .select([
              "id",
              "full_name",
              "employer_vendor_id",
              "start_date",
              "end_date",
              "nda_signed_on",
              "nda_expires_on",
              "noncompete_signed_on",
              "noncompete_expires_on",
              "training_completed_on",
            ])
            .where(anyUuid("id", personIds))
            .where("deleted_at", "is", null),
        )
      : [],
    personIds.length
      ? selectJson(
          db,
          db
            .selectFrom("person_certifications")
            .select(["person_id", "name", "expires_on"])
            .where(anyUuid("person_id", personIds)),
        )
      : [],
    personIds.length && currentVersionIds.length
      ? selectJson(
          db,
          db
            .selectFrom("policy_acknowledgements")
            .select(["person_id", "policy_version_id"])
            .where(anyUuid("person_id", personIds))
            .where(anyUuid("policy_version_id", currentVersionIds)),
        )
      : [],
    audits.length
      ? selectJson(
          db,
          db
            .selectFrom("audit_findings")
            .select(["id", "audit_id", "title", "severity", "status", "due_on"])
            .where(
              anyUuid(
                "audit_id",
                audits.map((a) => a.id),
              ),
            ),
        )
      : [],
    loadEngineResults(db, ids, now, engineResultLoaders, { engagements, members: engagementPeople, grants }),
  ]);

  const vendorById = new Map(vendors.map((v) => [v.id, v]));
  const subsByParent = groupBy(subcontractors, (v) => v.parent_vendor_id);
  const certsByVendor = groupBy(vendorCerts, (c) => c.vendor_id);
  const insuranceByVendor = groupBy(insurance, (c) => c.vendor_id);
  const assetsBy = groupBy(assets, (a) => a.engagement_id);
  const grantsBy = groupBy(grants, (g) => g.engagement_id);
  const assignedBy = groupBy(engagementPeople, (p) => p.engagement_id);
  const personById = new Map(people.map((p) => [p.id, p]));
  const certsByPerson = groupBy(personCerts, (c) => c.person_id);
  const acksByPerson = groupBy(acks, (a) => a.person_id);
  const milestonesBy = groupBy(milestones, (m) => m.engagement_id);
  const auditsByVendor = groupBy(audits, (a) => a.vendor_id);
  const findingsByAudit = groupBy(findings, (f) => f.audit_id);
  const evidenceBy = groupBy(evidence, (e) => e.engagement_id);
  const incidentsBy = groupBy(incidents, (i) => i.engagement_id);
  const attestationsBy = groupBy(attestations, (a) => a.engagement_id);
  const exceptionsBy = groupBy(exceptions, (x) => x.engagement_id);

  for (const e of engagements) {
    const vendor = vendorById.get(e.vendor_id);
    if (!vendor) continue;
    const roster = new Set([
      ...(assignedBy.get(e.id) ?? []).map((p) => p.person_id),
      ...(grantsBy.get(e.id) ?? []).map((g) => g.person_id),
    ]);
    out.set(e.id, {
      today,
      now: now.toISOString(),
      engagement: {
        id: e.id,
        name: e.name,
        stage: e.stage,
        offshore: e.offshore,
        approvedNetworks: e.approved_networks,
        requiredInsurance:
          e.required_insurance_amount !== null && e.required_insurance_currency
            ? { amount: Number(e.required_insurance_amount), currency: e.required_insurance_currency }
            : null,
      },
      vendor: {
        id: vendor.id,
        legalName: vendor.legal_name,
        country: vendor.country,
        assessedOn: vendor.assessed_on,
        assessmentExpiresOn: vendor.assessment_expires_on,
        chainDisclosedOn: vendor.chain_disclosed_on,
        certifications: (certsByVendor.get(vendor.id) ?? []).map((c) => ({
          id: c.id,
          kind: c.kind,
          expiresOn: c.expires_on,
        })),
        insurance: (insuranceByVendor.get(vendor.id) ?? []).map((i) => ({
          id: i.id,
          insurer: i.insurer,
          amount: Number(i.coverage_amount),
          currency: i.currency,
          expiresOn: i.expires_on,
        })),
      },
      subcontractors: (subsByParent.get(vendor.id) ?? []).map((s) => ({
        id: s.id,
        legalName: s.legal_name,
        country: s.country,
        assessedOn: s.assessed_on,
        assessmentExpiresOn: s.assessment_expires_on,
      })),
      assets: (assetsBy.get(e.id) ?? []).map((a) => ({
        id: a.id,
        name: a.name,
        kind: a.kind,
        classification: a.classification,
      })),
      people: [...roster].flatMap((id) => {
        const p = personById.get(id);
        if (!p) return [];
        return [
          {
            id: p.id,
            fullName: p.full_name,
            employerVendorId: p.employer_vendor_id,
            startDate: p.start_date,
            endDate: p.end_date,
            ndaSignedOn: p.nda_signed_on,
            ndaExpiresOn: p.nda_expires_on,
            noncompeteSignedOn: p.noncompete_signed_on,
            noncompeteExpiresOn: p.noncompete_expires_on,
            trainingCompletedOn: p.training_completed_on,
            certifications: (certsByPerson.get(p.id) ?? []).map((c) => ({
              name: c.name,
              expiresOn: c.expires_on,
            })),
            acknowledgedVersionIds: (acksByPerson.get(p.id) ?? []).map((a) => a.policy_version_id),
          },
        ];
      }),
      grants: (grantsBy.get(e.id) ?? []).map((g) => ({
        id: g.id,
        personId: g.person_id,
        system: g.system,
        account: g.account,
        scope: g.scope,
        reason: g.reason,
        grantedBy: g.granted_by,
        grantedOn: g.granted_on,
        expiresOn: g.expires_on,
        revokedOn: g.revoked_on,
      })),
      policies: policies
        .filter((p) => p.engagement_id === null || p.engagement_id === e.id)
        .map((p) => ({
          id: p.id,
          title: p.title,
          currentVersion: p.version_id ? { id: p.version_id, version: Number(p.version) } : null,
        })),
      milestones: (milestonesBy.get(e.id) ?? []).map((m) => ({
        id: m.id,
        title: m.title,
        amount: Number(m.amount),
        currency: m.currency,
        state: m.state,
        acceptanceDays: m.acceptance_days,
        isFinal: m.is_final,
        everAccepted: m.acceptance_kind !== null,
        manualAcceptance:
          m.acceptance_kind === "manual"
            ? { by: m.accepted_by ?? "unknown", reason: m.acceptance_reason ?? "" }
            : null,
      })),
      audits: (auditsByVendor.get(vendor.id) ?? [])
        .filter((a) => a.engagement_id === null || a.engagement_id === e.id)
        .map((a) => ({
          id: a.id,
          kind: a.kind,
          auditorOrg: a.auditor_org,
          performedOn: a.performed_on,
          nextDueOn: a.next_due_on,
          findings: (findingsByAudit.get(a.id) ?? []).map((f) => ({
            id: f.id,
            title: f.title,
            severity: f.severity,
            status: f.status,
            dueOn: f.due_on,
          })),
        })),
      evidence: (evidenceBy.get(e.id) ?? []).map((x) => ({
        id: x.id,
        title: x.title,
        controls: x.controls,
        effectiveOn: x.effective_on,
        expiresOn: x.expires_on,
      })),
      incidents: (incidentsBy.get(e.id) ?? []).map((i) => ({
        id: i.id,
        title: i.title,
        disclosureDueAt: isoInstant(i.disclosure_due_at),
        disclosedAt: isoInstant(i.disclosed_at),
        status: i.status,
      })),
      attestations: (attestationsBy.get(e.id) ?? []).map((a) => ({
        id: a.id,
        controlId: a.control_id,
        statement: a.statement,
        attestedBy: a.attested_by,
        attestedAt: new Date(a.attested_at).toISOString(),
        expiresOn: a.expires_on,
        evidenceId: a.evidence_id,
      })),
      exceptions: (exceptionsBy.get(e.id) ?? []).map((x) => ({
        id: x.id,
        controlId: x.control_id,
        assetId: x.asset_id,
        personId: x.person_id,
        reason: x.reason,
        approvedBy: x.approved_by,
        expiresOn: x.expires_on,
      })),
      engineResults: engineResults.get(e.id) ?? {},
      jurisdiction: jurisdictionOf(vendor.country, settings.homeCountry),
      settings,
    });
  }
  return out;
}
