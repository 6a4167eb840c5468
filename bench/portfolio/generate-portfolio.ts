import { type Kysely, sql } from "kysely";
import { hashSecret } from "../../src/services/auth/secret-token.ts";
import type { Database } from "../../src/store/schema.ts";

/** Row counts at scale 1 (the brief's portfolio); other tables follow from per-engagement rates. */
export const BASE_COUNTS = {
  vendors: 1_000,
  engagements: 3_000,
  people: 50_000,
  evidence: 200_000,
} as const;

const CONTROL_IDS = [
  ...Array.from({ length: 7 }, (_, i) => `DD-${i + 1}`),
  ...Array.from({ length: 13 }, (_, i) => `CT-${i + 1}`),
  ...Array.from({ length: 5 }, (_, i) => `KO-${i + 1}`),
  ...Array.from({ length: 11 }, (_, i) => `OG-${i + 1}`),
  ...Array.from({ length: 6 }, (_, i) => `TM-${i + 1}`),
];
const COUNTRIES = ["IN", "PL", "UA", "PH", "BR", "VN", "RO", "DE", "US", "CN", "MX", "EG", "AR", "GB", "PK"];
const STAGE_WEIGHTS: [string, number][] = [
  ["due_diligence", 15],
  ["contract", 10],
  ["kick_off", 10],
  ["ongoing", 45],
  ["termination", 10],
  ["closed", 10],
];
const CLASSIFICATIONS: [string | null, number][] = [
  ["crown_jewel", 15],
  ["confidential", 35],
  ["internal", 30],
  ["public", 10],
  [null, 10],
];
const MILESTONE_STATES = [
  "planned",
  "delivered",
  "verifying",
  "accepted",
  "rejected",
  "payment_approved",
  "paid",
];
const SEVERITIES = ["low", "medium", "high", "critical"];
const SYSTEMS = ["github", "aws", "vpn", "jira", "ldap", "gitlab", "okta"];
const GLOBAL_POLICIES = 6;

/** mulberry32: small, fast and good enough to make the same portfolio on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedPortfolio {
  counts: Record<string, number>;
  engagementIds: string[];
  /** An admin's API token for the HTTP load. */
  apiToken: string;
}

type Value = string | number | boolean | null;

/**
 * Fills an empty, migrated Warden database with a synthetic portfolio, straight
 * into the tables (multi-row INSERTs of a few thousand rows, one transaction per
 * table): going through the services would take hours at this size.
 */
export async function generatePortfolio(
  db: Kysely<Database>,
  options: { scale: number; seed?: number; now: Date },
): Promise<GeneratedPortfolio> {
  const rand = seededRandom(options.seed ?? 20261129);
  const int = (min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));
  const chance = (p: number): boolean => rand() < p;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const weighted = <T>(list: readonly [T, number][]): T => {
    const total = list.reduce((s, [, w]) => s + w, 0);
    let r = rand() * total;
    for (const [value, w] of list) {
      r -= w;
      if (r < 0) return value;
    }
    return (list.at(-1) as [T, number])[0];
  };
  const uuid = (): string => {
    const h = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
    h[12] = "4";
    h[16] = "89ab"[Math.floor(rand() * 4)] as string;
    const s = h.join("");
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };
  const dayMs = 86_400_000;
  const nowMs = options.now.getTime();
  /** A date `offset` days from now (negative: in the past). */
  const day = (offset: number): string => new Date(nowMs + offset * dayMs).toISOString().slice(0, 10);
  const at = (offset: number): string => new Date(nowMs + offset * dayMs).toISOString();
  const scaled = (n: number): number => Math.max(1, Math.round(n * options.scale));

  const counts: Record<string, number> = {};
  const insert = async (table: string, columns: string[], rows: Iterable<Value[]>): Promise<void> => {
    let n = 0;
    await db.transaction().execute(async (trx) => {
      let chunk: string[] = [];
      const flush = async (): Promise<void> => {
        if (chunk.length === 0) return;
        await sql
          .raw(`insert into ${table} (${columns.join(", ")}) values ${chunk.join(",\n")}`)
          .execute(trx);
        chunk = [];
      };
      for (const row of rows) {
        chunk.push(`(${row.map(literal).join(", ")})`);
        n++;
        if (chunk.length >= 2_000) await flush();
      }
      await flush();
    });
    counts[table] = (counts[table] ?? 0) + n;
  };

  // Vendors: 80% contract directly, 20% are their subcontractors.
  const vendorCount = Math.max(2, scaled(BASE_COUNTS.vendors));
  const primaryCount = Math.max(1, Math.round(vendorCount * 0.8));
  const primaries = Array.from({ length: primaryCount }, () => uuid());
  const subsByParent = new Map<string, string[]>();
  const subs = Array.from({ length: vendorCount - primaryCount }, () => {
    const id = uuid();
    const parent = pick(primaries);
    subsByParent.set(parent, [...(subsByParent.get(parent) ?? []), id]);
    return { id, parent };
  });
  const vendorRow = (id: string, index: number, parent: string | null): Value[] => {
    const assessed = chance(0.85) ? -int(0, 500) : null;
    return [
      id,
      `${parent ? "Sub" : "Vendor"} ${index} Ltd`,
      pick(COUNTRIES),
      parent,
      `https://vendor${index}.example`,
      assessed === null ? null : day(assessed),
      assessed === null ? null : day(assessed + 365),
      assessed === null ? null : pick(["low", "medium", "high"]),
      chance(0.7) ? day(-int(0, 400)) : null,
    ];
  };
  const vendorColumns = [
    "id",
    "legal_name",
    "country",
    "parent_vendor_id",
    "website",
    "assessed_on",
    "assessment_expires_on",
    "assessment_rating",
    "chain_disclosed_on",
  ];
  await insert(
    "vendors",
    vendorColumns,
    primaries.map((id, i) => vendorRow(id, i, null)),
  );
  await insert(
    "vendors",
    vendorColumns,
    subs.map((s, i) => vendorRow(s.id, primaryCount + i, s.parent)),
  );
  const allVendors = [...primaries, ...subs.map((s) => s.id)];

  await insert(
    "vendor_certifications",
    ["vendor_id", "kind", "issuer", "issued_on", "expires_on"],
    allVendors.flatMap((v) =>
      Array.from({ length: int(0, 3) }, () => {
        const issued = -int(0, 1000);
        return [
          v,
          pick(["iso27001", "soc2_type2", "pci_dss", "iso27701"]),
          "Cert Body",
          day(issued),
          day(issued + 1095),
        ];
      }),
    ),
  );
  await insert(
    "insurance_certificates",
    ["vendor_id", "insurer", "policy_number", "coverage_amount", "currency", "expires_on"],
    allVendors.flatMap((v) =>
      chance(0.8)
        ? [
            [
              v,
              "Insurer plc",
              `POL-${int(1000, 99999)}`,
              int(1, 50) * 100_000,
              pick(["USD", "EUR"]),
              day(int(-200, 500)),
            ],
          ]
        : [],
    ),
  );

  // Engagements over the direct vendors, in every stage.
  const engagementCount = scaled(BASE_COUNTS.engagements);
  const engagements = Array.from({ length: engagementCount }, (_, i) => ({
    id: uuid(),
    index: i,
    vendor: pick(primaries),
    stage: weighted(STAGE_WEIGHTS),
    deleted: chance(0.01),
  }));
  const engagementsByVendor = new Map<string, typeof engagements>();
  for (const e of engagements)
    engagementsByVendor.set(e.vendor, [...(engagementsByVendor.get(e.vendor) ?? []), e]);
  await insert(
    "engagements",
    [
      "id",
      "vendor_id",
      "name",
      "scope",
      "stage",
      "offshore",
      "start_date",
      "end_date",
      "approved_networks",
      "required_insurance_amount",
      "required_insurance_currency",
      "stage_changed_at",
      "deleted_at",
    ],
    engagements.map((e) => {
      const start = -int(0, 900);
      const insured = chance(0.5);
      return [
        e.id,
        e.vendor,
        `Engagement ${e.index}`,
        "Build and run part of the product",
        e.stage,
        chance(0.9),
        day(start),
        chance(0.6) ? day(start + int(180, 1200)) : null,
        JSON.stringify(chance(0.6) ? ["10.0.0.0/8", "192.168.10.0/24"] : []),
        insured ? int(1, 20) * 500_000 : null,
        insured ? "USD" : null,
        at(-int(0, 200)),
        e.deleted ? at(-int(1, 30)) : null,
      ];
    }),
  );

  const assetsByEngagement = new Map<string, string[]>();
  await insert(
    "assets",
    ["id", "engagement_id", "kind", "name", "location", "classification"],
    engagements.flatMap((e) =>
      Array.from({ length: int(1, 5) }, (_, i) => {
        const id = uuid();
        assetsByEngagement.set(e.id, [...(assetsByEngagement.get(e.id) ?? []), id]);
        return [
          id,
          e.id,
          pick(["repository", "dataset", "document", "system", "other"]),
          `Asset ${e.index}-${i}`,
          chance(0.5) ? `https://git.example/e${e.index}/a${i}` : null,
          weighted(CLASSIFICATIONS),
        ];
      }),
    ),
  );

  // People: each works on one engagement of their vendor (some on two), employed by
  // the vendor or one of its subcontractors; NDAs valid, expired or missing; leavers.
  const peopleCount = scaled(BASE_COUNTS.people);
  const people = Array.from({ length: peopleCount }, (_, i) => {
    const home = pick(engagements);
    const subsOfVendor = subsByParent.get(home.vendor) ?? [];
    return {
      id: uuid(),
      index: i,
      home,
      employer: subsOfVendor.length && chance(0.2) ? pick(subsOfVendor) : home.vendor,
      leaver: chance(0.1),
    };
  });
  await insert(
    "people",
    [
      "id",
      "vendor_id",
      "employer_vendor_id",
      "full_name",
      "email",
      "role_title",
      "start_date",
      "end_date",
      "nda_signed_on",
      "nda_expires_on",
      "noncompete_signed_on",
      "noncompete_expires_on",
      "training_completed_on",
      "identities",
      "deleted_at",
    ],
    people.map((p) => {
      const start = -int(30, 1500);
      const nda = weighted<"valid" | "expired" | "missing">([
        ["valid", 75],
        ["expired", 10],
        ["missing", 15],
      ]);
      const ndaSigned = start - int(0, 20);
      const nc = chance(0.5);
      return [
        p.id,
        p.home.vendor,
        p.employer,
        `Person ${p.index}`,
        `p${p.index}@staff.example`,
        pick(["Engineer", "QA", "Designer", "Analyst", "Lead"]),
        day(start),
        p.leaver ? day(-int(1, 400)) : chance(0.02) ? day(int(1, 60)) : null,
        nda === "missing" ? null : day(ndaSigned),
        nda === "missing" ? null : nda === "expired" ? day(-int(1, 300)) : day(int(30, 1000)),
        nc ? day(ndaSigned) : null,
        nc ? day(int(-100, 700)) : null,
        chance(0.8) ? day(-int(0, 600)) : null,
        JSON.stringify({ github: `gh-p${p.index}`, email: `p${p.index}@staff.example` }),
        chance(0.005) ? at(-int(1, 100)) : null,
      ];
    }),
  );
  await insert(
    "person_certifications",
    ["person_id", "name", "expires_on"],
    people.flatMap((p) =>
      chance(0.3)
        ? Array.from({ length: int(1, 2) }, () => [
            p.id,
            pick(["Security+", "CISSP", "OSCP", "AWS Security"]),
            chance(0.8) ? day(int(-300, 900)) : null,
          ])
        : [],
    ),
  );
  await insert(
    "engagement_people",
    ["engagement_id", "person_id"],
    people.flatMap((p) => {
      const rows: Value[][] = [[p.home.id, p.id]];
      const others = (engagementsByVendor.get(p.home.vendor) ?? []).filter((e) => e.id !== p.home.id);
      if (others.length && chance(0.15)) rows.push([pick(others).id, p.id]);
      return rows;
    }),
  );
  await insert(
    "grants",
    [
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
    ],
    people.flatMap((p) =>
      chance(0.7)
        ? Array.from({ length: int(1, 3) }, () => {
            const granted = -int(0, 700);
            const system = pick(SYSTEMS);
            return [
              p.home.id,
              p.id,
              system,
              `p${p.index}-${system}`,
              JSON.stringify([pick(["read", "write", "admin"])]),
              "Needed for the work",
              "security@client.example",
              day(granted),
              chance(0.5) ? day(granted + int(30, 720)) : null,
              chance(0.15) ? day(granted + int(1, 300)) : null,
            ];
          })
        : [],
    ),
  );

  // Policies: a few for everyone, one for some engagements; 1–3 versions each.
  const policies: { id: string; engagement: string | null; versions: string[] }[] = [];
  for (let i = 0; i < GLOBAL_POLICIES; i++) policies.push({ id: uuid(), engagement: null, versions: [] });
  for (const e of engagements) if (chance(0.5)) policies.push({ id: uuid(), engagement: e.id, versions: [] });
  await insert(
    "policies",
    ["id", "engagement_id", "title", "kind", "retired_at"],
    policies.map((p, i) => [
      p.id,
      p.engagement,
      `Policy ${i}`,
      chance(0.3) ? "sop" : "policy",
      i === GLOBAL_POLICIES - 1 ? at(-30) : null,
    ]),
  );
  await insert(
    "policy_versions",
    ["id", "policy_id", "version", "summary", "issued_at"],
    policies.flatMap((p) =>
      Array.from({ length: int(1, 3) }, (_, v) => {
        const id = uuid();
        p.versions.push(id);
        return [id, p.id, v + 1, `Version ${v + 1}`, at(-400 + v * 100)];
      }),
    ),
  );
  const globalPolicies = policies.slice(0, GLOBAL_POLICIES);
  const policiesByEngagement = new Map(policies.filter((p) => p.engagement).map((p) => [p.engagement, p]));
  await insert(
    "policy_acknowledgements",
    ["policy_version_id", "person_id", "acknowledged_at"],
    (function* () {
      for (const p of people) {
        const own = policiesByEngagement.get(p.home.id);
        for (const policy of own ? [...globalPolicies, own] : globalPolicies) {
          const r = rand();
          const version =
            r < 0.85
              ? policy.versions.at(-1)
              : r < 0.95 && policy.versions.length > 1
                ? policy.versions[0]
                : undefined;
          if (version) yield [version, p.id, at(-int(0, 300))];
        }
      }
    })(),
  );

  await insert(
    "milestones",
    [
      "engagement_id",
      "title",
      "amount",
      "currency",
      "due_date",
      "acceptance_days",
      "is_final",
      "state",
      "delivered_at",
      "decided_at",
      "paid_at",
    ],
    engagements.flatMap((e) => {
      const n = int(0, 6);
      return Array.from({ length: n }, (_, i) => {
        const state = pick(MILESTONE_STATES);
        const delivered = state !== "planned";
        return [
          e.id,
          `Milestone ${i + 1}`,
          int(1, 200) * 1000,
          "USD",
          day(int(-300, 300)),
          10,
          i === n - 1,
          state,
          delivered ? at(-int(1, 200)) : null,
          ["accepted", "rejected", "payment_approved", "paid"].includes(state) ? at(-int(0, 100)) : null,
          state === "paid" ? at(-int(0, 50)) : null,
        ];
      });
    }),
  );

  const audits: string[] = [];
  await insert(
    "audits",
    ["id", "vendor_id", "engagement_id", "kind", "auditor_org", "performed_on", "next_due_on", "summary"],
    primaries.flatMap((v) =>
      Array.from({ length: int(0, 4) }, () => {
        const id = uuid();
        audits.push(id);
        const own = engagementsByVendor.get(v) ?? [];
        const performed = -int(0, 700);
        return [
          id,
          v,
          own.length && chance(0.3) ? pick(own).id : null,
          pick(["internal", "third_party"]),
          "Audit Co",
          day(performed),
          day(performed + 365),
          "Annual review",
        ];
      }),
    ),
  );
  await insert(
    "audit_findings",
    ["audit_id", "title", "severity", "status", "due_on", "closed_on"],
    audits.flatMap((a) =>
      Array.from({ length: int(0, 5) }, (_, i) => {
        const closed = chance(0.6);
        return [
          a,
          `Finding ${i + 1}`,
          pick(SEVERITIES),
          closed ? "closed" : "open",
          day(int(-200, 200)),
          closed ? day(-int(0, 200)) : null,
        ];
      }),
    ),
  );

  // Evidence: metadata only (no blobs), mostly per engagement, some vendor-wide.
  const evidenceCount = scaled(BASE_COUNTS.evidence);
  await insert(
    "evidence",
    [
      "vendor_id",
      "engagement_id",
      "title",
      "filename",
      "media_type",
      "size",
      "effective_on",
      "expires_on",
      "controls",
      "internal",
      "uploaded_by",
      "deleted_at",
    ],
    (function* () {
      for (let i = 0; i < evidenceCount; i++) {
        const e = pick(engagements);
        const effective = -int(0, 900);
        yield [
          e.vendor,
          chance(0.95) ? e.id : null,
          `Evidence ${i}`,
          `evidence-${i}.pdf`,
          "application/pdf",
          int(10_000, 5_000_000),
          day(effective),
          chance(0.6) ? day(effective + int(90, 730)) : null,
          JSON.stringify(chance(0.7) ? [pick(CONTROL_IDS)] : [pick(CONTROL_IDS), pick(CONTROL_IDS)]),
          chance(0.2),
          "security@client.example",
          chance(0.02) ? at(-int(1, 100)) : null,
        ];
      }
    })(),
  );

  await insert(
    "incidents",
    [
      "engagement_id",
      "title",
      "severity",
      "occurred_at",
      "materiality_decided_at",
      "disclosure_due_at",
      "disclosed_at",
      "status",
    ],
    engagements.flatMap((e) =>
      chance(0.4)
        ? Array.from({ length: int(1, 2) }, (_, i) => {
            const occurred = -int(0, 300);
            const decided = chance(0.7);
            return [
              e.id,
              `Incident ${e.index}-${i}`,
              pick(SEVERITIES),
              at(occurred),
              decided ? at(occurred + 1) : null,
              decided ? at(occurred + 5) : null,
              decided && chance(0.7) ? at(occurred + int(1, 8)) : null,
              chance(0.6) ? "closed" : "open",
            ];
          })
        : [],
    ),
  );
  await insert(
    "attestations",
    ["engagement_id", "control_id", "statement", "attested_by", "attested_at", "expires_on", "revoked_at"],
    engagements.flatMap((e) =>
      Array.from({ length: int(0, 10) }, () => {
        const attested = -int(0, 500);
        return [
          e.id,
          pick(CONTROL_IDS),
          "The control holds for this engagement",
          "security@client.example",
          at(attested),
          chance(0.7) ? day(attested + 365) : null,
          chance(0.05) ? at(attested + 10) : null,
        ];
      }),
    ),
  );
  await insert(
    "control_exceptions",
    ["engagement_id", "control_id", "asset_id", "reason", "approved_by", "expires_on", "revoked_at"],
    engagements.flatMap((e) =>
      chance(0.35)
        ? Array.from({ length: int(1, 2) }, () => [
            e.id,
            pick(CONTROL_IDS),
            chance(0.5) ? pick(assetsByEngagement.get(e.id) ?? [null]) : null,
            "Accepted risk for now",
            "ciso@client.example",
            day(int(-100, 300)),
            chance(0.1) ? at(-int(0, 50)) : null,
          ])
        : [],
    ),
  );
  await insert(
    "reminders",
    ["vendor_id", "engagement_id", "kind", "subject", "due_on", "computed_at"],
    engagements.flatMap((e) =>
      Array.from({ length: int(0, 3) }, () => [
        e.vendor,
        e.id,
        pick(["nda_expiry", "certification_expiry", "insurance_expiry", "audit_due", "grant_expiry"]),
        `Something of engagement ${e.index} expires`,
        day(int(-20, 120)),
        at(0),
      ]),
    ),
  );

  // An admin and an API token for the HTTP load.
  const adminId = uuid();
  const apiToken = `wdn_${Array.from({ length: 43 }, () => pick([..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"])).join("")}`;
  await insert(
    "users",
    ["id", "email", "name", "role", "password_hash"],
    [[adminId, "bench-admin@client.example", "Bench Admin", "admin", "not-a-password-hash"]],
  );
  await insert(
    "api_tokens",
    ["user_id", "name", "prefix", "token_hash"],
    [[adminId, "portfolio benchmark", apiToken.slice(0, 10), hashSecret(apiToken)]],
  );

  // The state a portfolio is in once its tables have been vacuumed: PostgreSQL's
  // autovacuum does so after a bulk load, and on PGlite, which has no autovacuum,
  // Warden's nightly maintenance job does (jobs/vacuum-embedded-database-job.ts).
  // Without it the planner would guess every row count and no scan would be index-only.
  await sql`vacuum (analyze)`.execute(db);
  return {
    counts,
    engagementIds: engagements.filter((e) => !e.deleted).map((e) => e.id),
    apiToken,
  };
}

function literal(value: Value): string {
  if (value === null) return "null";
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  return `'${value.replace(/'/g, "''")}'`;
}
