import { describe, expect, it } from "vitest";
import { shippedCatalog } from "./load-catalog.ts";
import { peopleWithAccess, type RuleOutcome, rules } from "./rules.ts";
import {
  attestationRecord,
  exceptionRecord,
  grantRecord,
  passingSnapshot,
  personRecord,
  snapshotWith,
  TODAY,
} from "./snapshot-builder.test-support.ts";
import type { EngagementSnapshot } from "./types.ts";

function run(rule: string, s: EngagementSnapshot): RuleOutcome {
  const r = rules[rule];
  if (!r) throw new Error(`no rule ${rule}`);
  return r(s);
}

const crownJewel = {
  id: "a-keys",
  name: "signing-keys",
  kind: "repository",
  classification: "crown_jewel" as const,
};

describe("DD-1 assets-classified", () => {
  it("fails for a crown-jewel asset on an offshore engagement without an exception", () => {
    const r = run(
      "assets-classified",
      snapshotWith((s) => s.assets.push(crownJewel)),
    );
    expect(r.status).toBe("fail");
    expect(r.reasons).toEqual([
      "Crown-jewel asset signing-keys goes to an offshore engagement without an approved exception.",
    ]);
    expect(r.records).toContainEqual({ type: "asset", id: "a-keys", label: "signing-keys" });
  });

  it("passes when a current exception covers that asset", () => {
    const r = run(
      "assets-classified",
      snapshotWith((s) => {
        s.assets.push(crownJewel);
        s.exceptions.push(exceptionRecord("DD-1", { assetId: "a-keys", expiresOn: TODAY }));
      }),
    );
    expect(r.status).toBe("pass");
    expect(r.reasons).toContain("1 crown-jewel asset(s) covered by approved exceptions.");
  });

  it("fails again once the asset's exception has expired", () => {
    const r = run(
      "assets-classified",
      snapshotWith((s) => {
        s.assets.push(crownJewel);
        s.exceptions.push(exceptionRecord("DD-1", { assetId: "a-keys", expiresOn: "2026-06-14" }));
      }),
    );
    expect(r.status).toBe("fail");
  });

  it("does not accept an exception recorded for another asset", () => {
    const r = run(
      "assets-classified",
      snapshotWith((s) => {
        s.assets.push(crownJewel);
        s.exceptions.push(exceptionRecord("DD-1", { assetId: "a-repo" }));
      }),
    );
    expect(r.status).toBe("fail");
  });

  it("passes a crown-jewel asset on an onshore engagement without claiming an exception", () => {
    const r = run(
      "assets-classified",
      snapshotWith((s) => {
        s.engagement.offshore = false;
        s.assets.push(crownJewel);
      }),
    );
    expect(r.status).toBe("pass");
    expect(r.reasons.join(" ")).not.toMatch(/exception/);
  });

  it("fails for unclassified assets, naming them", () => {
    const r = run(
      "assets-classified",
      snapshotWith((s) => (s.assets[1]!.classification = null)),
    );
    expect(r).toMatchObject({ status: "fail", reasons: ["Not classified: API guide."] });
  });

  it("fails when no asset is recorded", () => {
    const r = run(
      "assets-classified",
      snapshotWith((s) => (s.assets = [])),
    );
    expect(r.status).toBe("fail");
    expect(r.reasons[0]).toMatch(/No assets recorded/);
  });
});

describe("DD-4 jurisdiction-assessed", () => {
  it("warns with each high risk of the assessment", () => {
    const r = run(
      "jurisdiction-assessed",
      snapshotWith((s) => (s.jurisdiction!.highRisks = ["Home judgments are not enforced."])),
    );
    expect(r.status).toBe("warn");
    expect(r.reasons).toContain("Home judgments are not enforced.");
  });

  it("fails for a country Warden cannot assess", () => {
    const r = run(
      "jurisdiction-assessed",
      snapshotWith((s) => (s.jurisdiction = { assessed: false, summary: "", highRisks: [] })),
    );
    expect(r.status).toBe("fail");
  });

  it("accepts a current attestation of the assessment for a country Warden cannot assess, as its reason advises", () => {
    const s = snapshotWith((x) => {
      x.jurisdiction = null;
      x.attestations.push(attestationRecord("DD-4", { statement: "Counsel assessed Bhutan" }));
    });
    expect(
      run(
        "jurisdiction-assessed",
        snapshotWith((x) => (x.jurisdiction = null)),
      ).reasons[0],
    ).toMatch(/attest/);
    const r = run("jurisdiction-assessed", s);
    expect(r.status).toBe("attested");
    expect(r.reasons[0]).toMatch(/Counsel assessed Bhutan/);
    expect(r.records).toEqual([{ type: "attestation", id: "att-DD-4" }]);
  });

  it("does not accept an expired attestation of the assessment", () => {
    const s = snapshotWith((x) => {
      x.jurisdiction = null;
      x.attestations.push(attestationRecord("DD-4", { expiresOn: "2026-06-14" }));
    });
    expect(run("jurisdiction-assessed", s).status).toBe("fail");
  });
});

describe("DD-5 subcontractor-chain", () => {
  it("fails until the chain is disclosed", () => {
    expect(
      run(
        "subcontractor-chain",
        snapshotWith((s) => (s.vendor.chainDisclosedOn = null)),
      ).status,
    ).toBe("fail");
  });

  it("passes a disclosed chain with no subcontractors", () => {
    const r = run(
      "subcontractor-chain",
      snapshotWith((s) => (s.subcontractors = [])),
    );
    expect(r).toMatchObject({
      status: "pass",
      reasons: ["Chain disclosed on 2026-01-12: no subcontractors."],
    });
  });

  it("fails when a subcontractor's assessment has expired", () => {
    const r = run(
      "subcontractor-chain",
      snapshotWith((s) => (s.subcontractors[0]!.assessmentExpiresOn = "2026-06-14")),
    );
    expect(r).toMatchObject({
      status: "fail",
      reasons: ["The assessment of Saigon Dev JSC expired on 2026-06-14."],
    });
  });
});

describe("DD-6 certifications", () => {
  it("warns when an organisation certification expires within 30 days", () => {
    const r = run(
      "certifications",
      snapshotWith((s) => (s.vendor.certifications[0]!.expiresOn = "2026-07-15")),
    );
    expect(r.status).toBe("warn");
    expect(r.reasons).toContain("Expiring within 30 days: ISO 27001.");
  });

  it("warns when too few people with access hold a current certification", () => {
    // 1 of 3 certified = 0.33, below the default 0.5.
    const r = run(
      "certifications",
      snapshotWith((s) => {
        s.people[0]!.certifications = [];
        s.people[1]!.certifications = [{ name: "GIAC", expiresOn: "2026-06-14" }];
      }),
    );
    expect(r.status).toBe("warn");
    expect(r.reasons).toContain("Only 1 of 3 people with access hold a current certification.");
  });

  it("fails with no organisation certification on file", () => {
    const r = run(
      "certifications",
      snapshotWith((s) => (s.vendor.certifications = [])),
    );
    expect(r).toMatchObject({
      status: "fail",
      reasons: ["No organisation certification (e.g. ISO 27001, SOC 2) on file."],
    });
  });
});

describe("DD-7 insurance", () => {
  it("fails with no certificate, or only expired ones", () => {
    expect(
      run(
        "insurance",
        snapshotWith((s) => (s.vendor.insurance = [])),
      ).reasons,
    ).toEqual(["No insurance certificate on file."]);
    expect(
      run(
        "insurance",
        snapshotWith((s) => (s.vendor.insurance[0]!.expiresOn = "2026-06-14")),
      ).reasons,
    ).toEqual(["Every insurance certificate has expired."]);
  });

  it("fails when the cover is in another currency than required", () => {
    expect(
      run(
        "insurance",
        snapshotWith((s) => (s.vendor.insurance[0]!.currency = "USD")),
      ).status,
    ).toBe("fail");
  });

  it("passes any current certificate when the engagement requires no amount", () => {
    const r = run(
      "insurance",
      snapshotWith((s) => {
        s.engagement.requiredInsurance = null;
        s.vendor.insurance[0]!.amount = 1;
      }),
    );
    expect(r.status).toBe("pass");
  });
});

describe("CT-11 milestones-with-acceptance", () => {
  it("fails when payments are not tied to any milestone", () => {
    expect(
      run(
        "milestones-with-acceptance",
        snapshotWith((s) => (s.milestones = [])),
      ).status,
    ).toBe("fail");
  });
});

describe("KO-1 policies-acknowledged", () => {
  it("requires the current version: acknowledging an older one does not count", () => {
    const r = run(
      "policies-acknowledged",
      snapshotWith((s) => (s.policies[0]!.currentVersion = { id: "pv-enc-3", version: 3 })),
    );
    expect(r.status).toBe("fail");
    expect(r.reasons).toHaveLength(3);
    expect(r.reasons[0]).toBe("Person p-1 has not acknowledged Encryption v3.");
  });

  it("does not ask people without access to acknowledge", () => {
    const r = run(
      "policies-acknowledged",
      snapshotWith((s) => {
        s.people.push(personRecord("p-4", { acknowledgedVersionIds: [] }));
      }),
    );
    expect(r.status).toBe("pass");
  });

  it("fails when no policy has been issued", () => {
    const s = snapshotWith((x) => {
      for (const p of x.policies) p.currentVersion = null;
    });
    expect(run("policies-acknowledged", s)).toMatchObject({
      status: "fail",
      reasons: ["No policy or SOP issued to this engagement."],
    });
  });
});

describe("KO-2 training-completed", () => {
  it("is n/a while nobody has access", () => {
    expect(
      run(
        "training-completed",
        snapshotWith((s) => (s.grants = [])),
      ),
    ).toMatchObject({ status: "na" });
  });
});

describe("KO-4 nda-before-access", () => {
  it("fails a grant dated before the NDA signature and cites the person and grant", () => {
    const r = run(
      "nda-before-access",
      snapshotWith((s) => (s.people[0]!.ndaSignedOn = "2025-01-07")),
    );
    expect(r.status).toBe("fail");
    expect(r.reasons).toEqual([
      "Person p-1 got access to gitlab on 2025-01-06, before signing the NDA on 2025-01-07.",
    ]);
    expect(r.records).toEqual([
      { type: "person", id: "p-1", label: "Person p-1" },
      { type: "grant", id: "g-p-1", label: "gitlab:p-1@acme.example" },
    ]);
  });

  it("passes a grant made on the day the NDA was signed", () => {
    expect(
      run(
        "nda-before-access",
        snapshotWith((s) => (s.people[0]!.ndaSignedOn = "2025-01-06")),
      ).status,
    ).toBe("pass");
  });

  it("ignores a revoked grant made before the NDA", () => {
    const r = run(
      "nda-before-access",
      snapshotWith((s) => {
        s.people[0]!.ndaSignedOn = "2025-03-01";
        s.grants[0]!.revokedOn = "2025-02-01";
        s.grants.push(grantRecord("g-again", "p-1", { grantedOn: "2025-03-02" }));
      }),
    );
    expect(r.status).toBe("pass");
  });

  it("ignores an expired grant made before the NDA", () => {
    const r = run(
      "nda-before-access",
      snapshotWith((s) => {
        s.people[0]!.ndaSignedOn = "2025-03-01";
        s.grants[0]!.expiresOn = "2025-02-01";
      }),
    );
    expect(r.status).toBe("pass");
  });

  it("fails access without any signed NDA", () => {
    const r = run(
      "nda-before-access",
      snapshotWith((s) => (s.people[2]!.ndaSignedOn = null)),
    );
    expect(r.reasons).toEqual(["Person p-3 has access to gitlab (p-3@acme.example) without a signed NDA."]);
  });

  it("fails access that outlives the NDA", () => {
    const r = run(
      "nda-before-access",
      snapshotWith((s) => (s.people[1]!.ndaExpiresOn = "2026-06-14")),
    );
    expect(r.reasons).toEqual(["Person p-2's NDA expired on 2026-06-14 but access to gitlab remains."]);
  });

  it("is n/a while nobody has access", () => {
    expect(
      run(
        "nda-before-access",
        snapshotWith((s) => (s.grants = [])),
      ).status,
    ).toBe("na");
  });
});

describe("KO-5 grants-recorded", () => {
  it("fails a grant without a reason", () => {
    const r = run(
      "grants-recorded",
      snapshotWith((s) => (s.grants[0]!.reason = "  ")),
    );
    expect(r.reasons).toEqual(["Grant gitlab:p-1@acme.example lacks a reason."]);
  });

  it("only looks at live grants", () => {
    expect(
      peopleWithAccess(snapshotWith((s) => (s.grants[0]!.grantedOn = "2026-06-16"))).map((p) => p.id),
    ).toEqual(["p-2", "p-3"]);
  });
});

describe("OG-4 payments-for-accepted", () => {
  it("is n/a before any payment is approved", () => {
    expect(
      run(
        "payments-for-accepted",
        snapshotWith((s) => (s.milestones[0]!.state = "accepted")),
      ).status,
    ).toBe("na");
  });

  it("names a paid milestone whose delivery was accepted manually, with who and why", () => {
    const r = run(
      "payments-for-accepted",
      snapshotWith((s) => {
        s.milestones[0]!.manualAcceptance = { by: "Sam Security", reason: "Design document reviewed" };
      }),
    );
    expect(r.status).toBe("pass");
    expect(r.reasons).toContain(
      "Design was accepted manually by Sam Security, without a passing verification: Design document reviewed",
    );
  });

  it("fails for a payment whose acceptance is not recorded", () => {
    const r = run(
      "payments-for-accepted",
      snapshotWith((s) => (s.milestones[0]!.everAccepted = false)),
    );
    expect(r.status).toBe("fail");
    expect(r.reasons).toEqual(["Design was approved for payment without an accepted delivery."]);
  });
});

describe("OG-5 audits-on-schedule", () => {
  it("fails for a finding open past its due date", () => {
    const r = run(
      "audits-on-schedule",
      snapshotWith((s) => (s.audits[0]!.findings[0]!.dueOn = "2026-06-14")),
    );
    expect(r.reasons).toEqual([
      'Finding "Shared admin account" (medium) is open past its due date 2026-06-14.',
    ]);
    expect(r.records).toContainEqual({ type: "audit_finding", id: "f-1", label: "Shared admin account" });
  });

  it("does not hold a closed finding against the vendor", () => {
    const r = run(
      "audits-on-schedule",
      snapshotWith((s) => {
        s.audits[0]!.findings[0]!.dueOn = "2026-06-14";
        s.audits[0]!.findings[0]!.status = "closed";
      }),
    );
    expect(r.status).toBe("pass");
  });

  it("uses the configured interval when no next date was set", () => {
    // 2025-12-01 + 183 days = 2026-06-02, before today.
    const s = snapshotWith((x) => {
      x.audits[0]!.performedOn = "2025-12-01";
      x.audits[0]!.nextDueOn = null;
    });
    expect(run("audits-on-schedule", s).reasons).toEqual(["The next audit was due on 2026-06-02."]);
    s.settings.auditIntervalDays = 200;
    expect(run("audits-on-schedule", s).status).toBe("pass");
  });
});

describe("OG-6 third-party-audit", () => {
  it("passes an audit exactly a year old and fails one a day older", () => {
    expect(
      run(
        "third-party-audit",
        snapshotWith((s) => (s.audits[0]!.performedOn = "2025-06-15")),
      ).status,
    ).toBe("pass");
    const r = run(
      "third-party-audit",
      snapshotWith((s) => (s.audits[0]!.performedOn = "2025-06-14")),
    );
    expect(r.reasons).toEqual(["The last third-party audit (KPMG, 2025-06-14) is 366 days old."]);
  });
});

describe("OG-7 roster-turnover", () => {
  // 10 people all year and 3 leavers; the window's samples are the 15th of each month.
  // Leavers are active on: L1 (left 2025-09-20) 4 samples, L2 (2025-12-15) 7, L3 (2026-03-01) 9.
  // Average headcount = (10 × 13 + 4 + 7 + 9) / 13 = 150 / 13 ≈ 11.5; rate = 3 × 13 / 150 = 0.26.
  const roster = (s: EngagementSnapshot) => {
    s.people = [
      ...Array.from({ length: 10 }, (_, i) => personRecord(`s-${i}`, { startDate: "2024-01-01" })),
      personRecord("l-1", { startDate: "2024-01-01", endDate: "2025-09-20" }),
      personRecord("l-2", { startDate: "2024-01-01", endDate: "2025-12-15" }),
      personRecord("l-3", { startDate: "2024-01-01", endDate: "2026-03-01" }),
    ];
  };

  it("passes below the threshold, stating the rate, leavers and headcount", () => {
    const r = run("roster-turnover", snapshotWith(roster));
    expect(r).toMatchObject({
      status: "pass",
      reasons: ["Turnover 26 % over the last 12 months (3 leaver(s), average headcount 11.5)."],
    });
  });

  it("warns above the configured threshold", () => {
    const r = run(
      "roster-turnover",
      snapshotWith((s) => {
        roster(s);
        s.settings.turnoverThreshold = 0.25;
      }),
    );
    expect(r.status).toBe("warn");
    expect(r.reasons[1]).toBe(
      "Above the 25 % threshold: review knowledge transfer and offboarding of leavers.",
    );
  });
});

describe("OG-10 nothing-expired", () => {
  it("names each expired item", () => {
    const r = run(
      "nothing-expired",
      snapshotWith((s) => {
        s.vendor.certifications.push({ id: "vc-soc", kind: "SOC 2", expiresOn: "2026-05-31" });
        s.vendor.assessmentExpiresOn = "2026-06-01";
        s.vendor.insurance[0]!.expiresOn = "2026-06-14";
        s.attestations[0]!.expiresOn = "2026-06-10";
        s.evidence[0]!.expiresOn = "2026-06-11";
      }),
    );
    expect(r.status).toBe("fail");
    expect(r.reasons).toEqual([
      "Certification SOC 2 expired on 2026-05-31.",
      "Every insurance certificate has expired.",
      "The vendor assessment expired on 2026-06-01.",
      "The attestation of DD-3 expired on 2026-06-10.",
      'Evidence "Destruction certificate" expired on 2026-06-11.',
    ]);
  });

  it("does not count the NDA of someone who has left", () => {
    const r = run(
      "nothing-expired",
      snapshotWith((s) => {
        s.people[0]!.endDate = "2026-01-31";
        s.people[0]!.ndaExpiresOn = "2026-02-28";
      }),
    );
    expect(r.status).toBe("pass");
  });

  it("does not count an attestation that was renewed", () => {
    const r = run(
      "nothing-expired",
      snapshotWith((s) =>
        s.attestations.push(
          attestationRecord("DD-3", {
            id: "att-old",
            attestedAt: "2025-01-01T09:00:00.000Z",
            expiresOn: "2026-01-01",
          }),
        ),
      ),
    );
    expect(r.status).toBe("pass");
  });

  it("does not count a certification that was renewed", () => {
    const r = run(
      "nothing-expired",
      snapshotWith((s) =>
        s.vendor.certifications.push({ id: "vc-iso-old", kind: "ISO 27001", expiresOn: "2026-03-31" }),
      ),
    );
    expect(r.status).toBe("pass");
  });
});

describe("OG-11 incidents-disclosed", () => {
  const incident = (disclosedAt: string | null) => ({
    id: "i-1",
    title: "Laptop stolen",
    disclosureDueAt: "2026-06-18T12:00:00.000Z",
    disclosedAt,
    status: "open" as const,
  });

  it("passes an incident still within its disclosure deadline", () => {
    const r = run(
      "incidents-disclosed",
      snapshotWith((s) => s.incidents.push(incident(null))),
    );
    expect(r).toMatchObject({
      status: "pass",
      reasons: ["1 incident(s) recorded; 1 awaiting disclosure within the deadline."],
    });
  });

  it("fails an incident disclosed after its deadline", () => {
    const r = run(
      "incidents-disclosed",
      snapshotWith((s) => s.incidents.push(incident("2026-06-18T12:00:01.000Z"))),
    );
    expect(r.reasons).toEqual(['Incident "Laptop stolen" was disclosed late (2026-06-18T12:00:00.000Z).']);
  });

  it("passes an incident disclosed on time", () => {
    expect(
      run(
        "incidents-disclosed",
        snapshotWith((s) => s.incidents.push(incident("2026-06-18T11:00:00.000Z"))),
      ).status,
    ).toBe("pass");
  });
});

describe("TM-3 media-certificate", () => {
  it("does not take evidence of another control as the certificate", () => {
    expect(
      run(
        "media-certificate",
        snapshotWith((s) => (s.evidence[0]!.controls = ["TM-1"])),
      ).status,
    ).toBe("fail");
  });
});

describe("every rule", () => {
  it("is pure: it leaves the snapshot as it found it", () => {
    const s = passingSnapshot();
    const before = structuredClone(s);
    for (const rule of Object.values(rules)) rule(s);
    expect(s).toEqual(before);
  });

  it("exists for every rule the catalog names (TM-5's gate is the evaluator's)", () => {
    const named = shippedCatalog().flatMap((c) => (c.check.kind === "rule" ? [c.check.rule] : []));
    expect(named.filter((name) => !rules[name])).toEqual(["final-payment-gated"]);
  });
});
