import { toIsoDate } from "../../domain/dates.ts";
import type { RecordSource } from "../../store/schema.ts";
import type { ServiceContext } from "../context.ts";
import { requirePortalVendor } from "../scope.ts";

export interface PortalPolicy {
  id: string;
  title: string;
  kind: "policy" | "sop";
  /** Null: the policy applies to every engagement. */
  engagement: { id: string; name: string } | null;
  version: { id: string; version: number; summary: string; issuedAt: string };
  /** The people who must acknowledge it: those on its engagement (any engagement for a general policy). */
  requiredPersonIds: string[];
}

export interface PortalAcknowledgement {
  policyId: string;
  personId: string;
  acknowledgedAt: string;
  source: RecordSource;
  recordedBy: string | null;
  evidenceId: string | null;
}

export interface PortalPolicies {
  policies: PortalPolicy[];
  people: { id: string; fullName: string; roleTitle: string }[];
  acknowledgements: PortalAcknowledgement[];
}

/**
 * For a vendor contact: the current version of every policy in force on its vendor's engagements,
 * its people still on the roster, and who acknowledged which current version (KO-1 reads the same
 * acknowledgements).
 */
export async function listPortalPolicies(ctx: ServiceContext): Promise<PortalPolicies> {
  const vendorId = requirePortalVendor(ctx);
  const db = ctx.runtime.db;
  const today = toIsoDate(ctx.runtime.now());
  const engagements = await db
    .selectFrom("engagements")
    .select(["id", "name"])
    .where("vendor_id", "=", vendorId)
    .where("deleted_at", "is", null)
    .execute();
  const engagementIds = engagements.map((e) => e.id);
  const names = new Map(engagements.map((e) => [e.id, e.name]));
  const [policies, people] = await Promise.all([
    db
      .selectFrom("policies as p")
      .innerJoin("policy_versions as v", "v.policy_id", "p.id")
      .select([
        "p.id",
        "p.title",
        "p.kind",
        "p.engagement_id",
        "v.id as version_id",
        "v.version",
        "v.summary",
      ])
      .select("v.issued_at")
      .where("p.retired_at", "is", null)
      .where((eb) =>
        eb.or([
          eb("p.engagement_id", "is", null),
          ...(engagementIds.length ? [eb("p.engagement_id", "in", engagementIds)] : []),
        ]),
      )
      .where((eb) =>
        eb(
          "v.version",
          "=",
          eb
            .selectFrom("policy_versions as l")
            .select((x) => x.fn.max("l.version").as("m"))
            .whereRef("l.policy_id", "=", "p.id"),
        ),
      )
      .orderBy("p.title")
      .execute(),
    db
      .selectFrom("people")
      .select(["id", "full_name", "role_title"])
      .where("vendor_id", "=", vendorId)
      .where("deleted_at", "is", null)
      .where((eb) => eb.or([eb("end_date", "is", null), eb("end_date", ">=", today)]))
      .orderBy("full_name")
      .execute(),
  ]);
  const personIds = people.map((p) => p.id);
  const versionIds = policies.map((p) => p.version_id);
  const [members, acks] = await Promise.all([
    personIds.length && engagementIds.length
      ? db
          .selectFrom("engagement_people")
          .select(["engagement_id", "person_id"])
          .where("person_id", "in", personIds)
          .where("engagement_id", "in", engagementIds)
          .union(
            db
              .selectFrom("grants")
              .select(["engagement_id", "person_id"])
              .where("person_id", "in", personIds)
              .where("engagement_id", "in", engagementIds),
          )
          .execute()
      : [],
    personIds.length && versionIds.length
      ? db
          .selectFrom("policy_acknowledgements")
          .selectAll()
          .where("person_id", "in", personIds)
          .where("policy_version_id", "in", versionIds)
          .execute()
      : [],
  ]);
  const policyOfVersion = new Map(policies.map((p) => [p.version_id, p.id]));
  return {
    policies: policies.map((p) => ({
      id: p.id,
      title: p.title,
      kind: p.kind,
      engagement: p.engagement_id ? { id: p.engagement_id, name: names.get(p.engagement_id) ?? "" } : null,
      version: {
        id: p.version_id,
        version: p.version,
        summary: p.summary,
        issuedAt: new Date(p.issued_at).toISOString(),
      },
      requiredPersonIds: [
        ...new Set(
          members
            .filter((m) => !p.engagement_id || m.engagement_id === p.engagement_id)
            .map((m) => m.person_id),
        ),
      ],
    })),
    people: people.map((p) => ({ id: p.id, fullName: p.full_name, roleTitle: p.role_title })),
    acknowledgements: acks.map((a) => ({
      policyId: policyOfVersion.get(a.policy_version_id) ?? "",
      personId: a.person_id,
      acknowledgedAt: new Date(a.acknowledged_at).toISOString(),
      source: a.source,
      recordedBy: a.recorded_by,
      evidenceId: a.evidence_id,
    })),
  };
}
