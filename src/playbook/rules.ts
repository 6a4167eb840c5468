import { addDays, daysBetween, isExpired } from "../domain/dates.ts";
import { annualTurnover, certificationCoverage, hasValidNda, isActive } from "../domain/roster-metrics.ts";
import type { ControlStatus, EngagementSnapshot, RecordRef } from "./types.ts";

export interface RuleOutcome {
  status: ControlStatus;
  reasons: string[];
  records: RecordRef[];
}

type Rule = (s: EngagementSnapshot) => RuleOutcome;

const pass = (reasons: string[], records: RecordRef[] = []): RuleOutcome => ({
  status: "pass",
  reasons,
  records,
});
const fail = (reasons: string[], records: RecordRef[] = []): RuleOutcome => ({
  status: "fail",
  reasons,
  records,
});
const warn = (reasons: string[], records: RecordRef[] = []): RuleOutcome => ({
  status: "warn",
  reasons,
  records,
});
const na = (reason: string): RuleOutcome => ({ status: "na", reasons: [reason], records: [] });

/** People with at least one grant that is not revoked or expired today. */
export function peopleWithAccess(s: EngagementSnapshot) {
  const holders = new Set(s.grants.filter((g) => liveGrant(g, s.today)).map((g) => g.personId));
  return s.people.filter((p) => holders.has(p.id));
}

function liveGrant(g: EngagementSnapshot["grants"][number], today: string): boolean {
  return !g.revokedOn && !isExpired(g.expiresOn, today) && g.grantedOn <= today;
}

const person = (p: { id: string; fullName: string }): RecordRef => ({
  type: "person",
  id: p.id,
  label: p.fullName,
});

/**
 * The automatic checks, by rule id (the catalog names them). Each is pure: a
 * snapshot in, a status with its reasons and the records it used out.
 */
export const rules: Record<string, Rule> = {
  "assets-classified": (s) => {
    if (s.assets.length === 0)
      return fail([
        "No assets recorded: list the repositories, data sets and documents the engagement touches.",
      ]);
    const unclassified = s.assets.filter((a) => !a.classification);
    const reasons: string[] = [];
    const records: RecordRef[] = s.assets.map((a) => ({ type: "asset", id: a.id, label: a.name }));
    if (unclassified.length) reasons.push(`Not classified: ${unclassified.map((a) => a.name).join(", ")}.`);
    const crown = s.assets.filter((a) => a.classification === "crown_jewel");
    if (s.engagement.offshore) {
      for (const a of crown) {
        const exception = s.exceptions.find(
          (e) => e.controlId === "DD-1" && e.assetId === a.id && !isExpired(e.expiresOn, s.today),
        );
        if (!exception)
          reasons.push(
            `Crown-jewel asset ${a.name} goes to an offshore engagement without an approved exception.`,
          );
      }
    }
    if (reasons.length) return fail(reasons, records);
    return pass(
      [
        `${s.assets.length} asset(s) classified.`,
        ...(crown.length && s.engagement.offshore
          ? [`${crown.length} crown-jewel asset(s) covered by approved exceptions.`]
          : []),
      ],
      records,
    );
  },

  "jurisdiction-assessed": (s) => {
    if (!s.jurisdiction?.assessed) {
      // The reason below tells the user to attest: that attestation must then count.
      const attested = s.attestations
        .filter((a) => a.controlId === "DD-4" && !isExpired(a.expiresOn, s.today))
        .sort((a, b) => b.attestedAt.localeCompare(a.attestedAt))[0];
      if (attested) {
        return {
          status: "attested",
          reasons: [
            `Assessed by ${attested.attestedBy} on ${attested.attestedAt.slice(0, 10)}: ${attested.statement}`,
          ],
          records: [{ type: "attestation", id: attested.id }],
        };
      }
      return fail([
        `No jurisdiction assessment for ${s.vendor.country}: the country is not in Warden's data; attest the assessment instead.`,
      ]);
    }
    if (s.jurisdiction.highRisks.length) return warn([s.jurisdiction.summary, ...s.jurisdiction.highRisks]);
    return pass([s.jurisdiction.summary]);
  },

  "subcontractor-chain": (s) => {
    if (!s.vendor.chainDisclosedOn)
      return fail([
        "The vendor has not disclosed its subcontractor chain (record the disclosure, even if it names none).",
      ]);
    if (s.subcontractors.length === 0)
      return pass([`Chain disclosed on ${s.vendor.chainDisclosedOn}: no subcontractors.`]);
    const reasons: string[] = [];
    for (const sub of s.subcontractors) {
      if (!sub.assessedOn)
        reasons.push(`Subcontractor ${sub.legalName} (${sub.country}) has not been assessed.`);
      else if (isExpired(sub.assessmentExpiresOn, s.today))
        reasons.push(`The assessment of ${sub.legalName} expired on ${sub.assessmentExpiresOn}.`);
    }
    const records = s.subcontractors.map((v) => ({ type: "vendor", id: v.id, label: v.legalName }));
    return reasons.length
      ? fail(reasons, records)
      : pass([`${s.subcontractors.length} subcontractor(s) disclosed and assessed.`], records);
  },

  certifications: (s) => {
    const valid = s.vendor.certifications.filter((c) => !isExpired(c.expiresOn, s.today));
    const records = s.vendor.certifications.map((c) => ({
      type: "vendor_certification",
      id: c.id,
      label: c.kind,
    }));
    if (valid.length === 0) {
      return fail(
        [
          s.vendor.certifications.length
            ? "Every organisation certification has expired."
            : "No organisation certification (e.g. ISO 27001, SOC 2) on file.",
        ],
        records,
      );
    }
    const reasons = [`Current: ${valid.map((c) => `${c.kind} until ${c.expiresOn}`).join(", ")}.`];
    const soon = valid.filter((c) => c.expiresOn <= addDays(s.today, 30));
    const staff = certificationCoverage(peopleWithAccess(s), s.today);
    if (staff.ratio !== null && staff.ratio < s.settings.staffCertificationCoverage) {
      return warn(
        [
          ...reasons,
          `Only ${staff.covered} of ${staff.total} people with access hold a current certification.`,
        ],
        records,
      );
    }
    if (soon.length)
      return warn([...reasons, `Expiring within 30 days: ${soon.map((c) => c.kind).join(", ")}.`], records);
    return pass(reasons, records);
  },

  insurance: (s) => {
    const required = s.engagement.requiredInsurance;
    const current = s.vendor.insurance.filter((i) => !isExpired(i.expiresOn, s.today));
    const records = s.vendor.insurance.map((i) => ({
      type: "insurance_certificate",
      id: i.id,
      label: i.insurer,
    }));
    if (current.length === 0)
      return fail(
        [
          s.vendor.insurance.length
            ? "Every insurance certificate has expired."
            : "No insurance certificate on file.",
        ],
        records,
      );
    if (required) {
      const enough = current.filter((i) => i.currency === required.currency && i.amount >= required.amount);
      if (enough.length === 0) {
        return fail(
          [
            `Required cover is ${required.amount} ${required.currency}; on file: ${current.map((i) => `${i.amount} ${i.currency}`).join(", ")}.`,
          ],
          records,
        );
      }
    }
    return pass(
      [
        `Insured: ${current.map((i) => `${i.insurer} ${i.amount} ${i.currency} until ${i.expiresOn}`).join("; ")}.`,
      ],
      records,
    );
  },

  "milestones-with-acceptance": (s) => {
    if (s.milestones.length === 0)
      return fail(["No milestones: tie every payment to a milestone with an acceptance period."]);
    const bad = s.milestones.filter((m) => m.acceptanceDays <= 0);
    const records = s.milestones.map((m) => ({ type: "milestone", id: m.id, label: m.title }));
    if (bad.length) return fail([`No acceptance period: ${bad.map((m) => m.title).join(", ")}.`], records);
    return pass([`${s.milestones.length} milestone(s), each with an acceptance period.`], records);
  },

  "policies-acknowledged": (s) => {
    const issued = s.policies.filter((p) => p.currentVersion);
    if (issued.length === 0) return fail(["No policy or SOP issued to this engagement."]);
    const missing: string[] = [];
    const people = peopleWithAccess(s);
    for (const p of people) {
      const lacking = issued.filter((pol) => !p.acknowledgedVersionIds.includes(pol.currentVersion!.id));
      if (lacking.length)
        missing.push(
          `${p.fullName} has not acknowledged ${lacking.map((l) => `${l.title} v${l.currentVersion!.version}`).join(", ")}`,
        );
    }
    const records = [
      ...issued.map((p) => ({ type: "policy", id: p.id, label: p.title })),
      ...people.map(person),
    ];
    if (missing.length)
      return fail(
        missing.map((m) => `${m}.`),
        records,
      );
    const issuedText = `${issued.length} ${issued.length === 1 ? "policy" : "policies"}`;
    return pass(
      [
        people.length
          ? `${issuedText} acknowledged by all ${people.length} people with access.`
          : `${issuedText} issued; nobody has access yet.`,
      ],
      records,
    );
  },

  "training-completed": (s) => {
    const people = peopleWithAccess(s);
    if (people.length === 0) return na("Nobody has access yet.");
    const missing = people.filter((p) => !p.trainingCompletedOn);
    if (missing.length)
      return fail(
        missing.map((p) => `${p.fullName} has not completed security training.`),
        missing.map(person),
      );
    return pass([`All ${people.length} people with access completed security training.`], people.map(person));
  },

  "approved-networks": (s) =>
    s.engagement.approvedNetworks.length
      ? pass([`Approved network ranges: ${s.engagement.approvedNetworks.join(", ")}.`])
      : fail(["No approved network ranges recorded for remote access."]),

  "nda-before-access": (s) => {
    const reasons: string[] = [];
    const records: RecordRef[] = [];
    for (const g of s.grants.filter((g) => liveGrant(g, s.today))) {
      const p = s.people.find((x) => x.id === g.personId);
      if (!p) continue;
      if (!p.ndaSignedOn)
        reasons.push(`${p.fullName} has access to ${g.system} (${g.account}) without a signed NDA.`);
      else if (p.ndaSignedOn > g.grantedOn)
        reasons.push(
          `${p.fullName} got access to ${g.system} on ${g.grantedOn}, before signing the NDA on ${p.ndaSignedOn}.`,
        );
      else if (!hasValidNda({ ...p, certifications: [] }, s.today))
        reasons.push(`${p.fullName}'s NDA expired on ${p.ndaExpiresOn} but access to ${g.system} remains.`);
      else continue;
      records.push(person(p), { type: "grant", id: g.id, label: `${g.system}:${g.account}` });
    }
    if (reasons.length) return fail(reasons, records);
    const holders = peopleWithAccess(s);
    return holders.length
      ? pass([`All ${holders.length} people with access signed an NDA first.`], holders.map(person))
      : na("Nobody has access yet.");
  },

  "grants-recorded": (s) => {
    const live = s.grants.filter((g) => liveGrant(g, s.today));
    if (live.length === 0) return na("No access granted yet.");
    const vague = live.filter((g) => g.scope.length === 0 || !g.reason.trim());
    const records = live.map((g) => ({ type: "grant", id: g.id, label: `${g.system}:${g.account}` }));
    if (vague.length)
      return fail(
        vague.map(
          (g) => `Grant ${g.system}:${g.account} lacks ${g.scope.length === 0 ? "a scope" : "a reason"}.`,
        ),
        records,
      );
    return pass([`${live.length} grant(s) recorded with scope and reason.`], records);
  },

  "payments-for-accepted": (s) => {
    const paid = s.milestones.filter((m) => m.state === "payment_approved" || m.state === "paid");
    const bad = paid.filter((m) => !m.everAccepted);
    const records = paid.map((m) => ({ type: "milestone", id: m.id, label: m.title }));
    if (bad.length)
      return fail(
        bad.map((m) => `${m.title} was approved for payment without an accepted delivery.`),
        records,
      );
    if (paid.length === 0) return na("No payment approved yet.");
    const manual = paid.filter((m) => m.manualAcceptance);
    return pass(
      [
        `${paid.length} payment(s), each for an accepted delivery.`,
        ...manual.map(
          (m) =>
            `${m.title} was accepted manually by ${m.manualAcceptance!.by}, without a passing verification: ${m.manualAcceptance!.reason}`,
        ),
      ],
      records,
    );
  },

  "audits-on-schedule": (s) => {
    const internal = [...s.audits].sort((a, b) => b.performedOn.localeCompare(a.performedOn));
    const last = internal[0];
    const reasons: string[] = [];
    if (!last) return fail(["No audit recorded."]);
    const due = last.nextDueOn ?? addDays(last.performedOn, s.settings.auditIntervalDays);
    if (due < s.today) reasons.push(`The next audit was due on ${due}.`);
    const overdue = s.audits.flatMap((a) =>
      a.findings.filter((f) => f.status === "open" && f.dueOn && f.dueOn < s.today),
    );
    for (const f of overdue)
      reasons.push(`Finding "${f.title}" (${f.severity}) is open past its due date ${f.dueOn}.`);
    const records = [
      ...s.audits.map((a) => ({ type: "audit", id: a.id, label: `${a.auditorOrg} ${a.performedOn}` })),
      ...overdue.map((f) => ({ type: "audit_finding", id: f.id, label: f.title })),
    ];
    if (reasons.length) return fail(reasons, records);
    const open = s.audits.flatMap((a) => a.findings.filter((f) => f.status === "open"));
    return pass(
      [
        `Last audit ${last.performedOn}; next due ${due}; ${open.length} finding(s) open within their due dates.`,
      ],
      records,
    );
  },

  "third-party-audit": (s) => {
    const third = s.audits
      .filter((a) => a.kind === "third_party")
      .sort((a, b) => b.performedOn.localeCompare(a.performedOn));
    const last = third[0];
    if (!last) return fail(["No independent third-party audit recorded."]);
    const age = daysBetween(last.performedOn, s.today);
    const records = [{ type: "audit", id: last.id, label: `${last.auditorOrg} ${last.performedOn}` }];
    if (age > s.settings.thirdPartyAuditIntervalDays)
      return fail(
        [`The last third-party audit (${last.auditorOrg}, ${last.performedOn}) is ${age} days old.`],
        records,
      );
    return pass([`Third-party audit by ${last.auditorOrg} on ${last.performedOn}.`], records);
  },

  "roster-turnover": (s) => {
    if (s.people.length === 0) return fail(["The roster is empty: record who works on the engagement."]);
    const t = annualTurnover(
      s.people.map((p) => ({ ...p, certifications: p.certifications })),
      s.today,
    );
    const pct = t.rate === null ? "n/a" : `${Math.round(t.rate * 1000) / 10} %`;
    const reason = `Turnover ${pct} over the last 12 months (${t.leavers} leaver(s), average headcount ${Math.round(t.averageHeadcount * 10) / 10}).`;
    if (t.rate !== null && t.rate > s.settings.turnoverThreshold) {
      return warn([
        reason,
        `Above the ${Math.round(s.settings.turnoverThreshold * 100)} % threshold: review knowledge transfer and offboarding of leavers.`,
      ]);
    }
    return pass([reason]);
  },

  "nothing-expired": (s) => {
    const reasons: string[] = [];
    const records: RecordRef[] = [];
    for (const p of s.people.filter((x) => isActive(x, s.today))) {
      if (isExpired(p.ndaExpiresOn, s.today)) {
        reasons.push(`NDA of ${p.fullName} expired on ${p.ndaExpiresOn}.`);
        records.push(person(p));
      }
    }
    // An expired record superseded by a current one of the same kind (a renewal) is history, not a gap.
    const currentKinds = new Set(
      s.vendor.certifications.filter((c) => !isExpired(c.expiresOn, s.today)).map((c) => c.kind),
    );
    for (const c of s.vendor.certifications) {
      if (isExpired(c.expiresOn, s.today) && !currentKinds.has(c.kind))
        reasons.push(`Certification ${c.kind} expired on ${c.expiresOn}.`);
    }
    if (s.vendor.insurance.length && s.vendor.insurance.every((i) => isExpired(i.expiresOn, s.today))) {
      reasons.push("Every insurance certificate has expired.");
    }
    if (isExpired(s.vendor.assessmentExpiresOn, s.today))
      reasons.push(`The vendor assessment expired on ${s.vendor.assessmentExpiresOn}.`);
    const attestedNow = new Set(
      s.attestations.filter((a) => !isExpired(a.expiresOn, s.today)).map((a) => a.controlId),
    );
    for (const a of s.attestations) {
      if (isExpired(a.expiresOn, s.today) && !attestedNow.has(a.controlId))
        reasons.push(`The attestation of ${a.controlId} expired on ${a.expiresOn}.`);
    }
    for (const e of s.evidence) {
      if (isExpired(e.expiresOn, s.today)) reasons.push(`Evidence "${e.title}" expired on ${e.expiresOn}.`);
    }
    return reasons.length
      ? fail(reasons, records)
      : pass(["No NDA, certification, insurance, assessment, attestation or evidence has expired."]);
  },

  "incidents-disclosed": (s) => {
    if (s.incidents.length === 0) return pass(["No vendor incident recorded."]);
    const late = s.incidents.filter(
      (i) =>
        i.disclosureDueAt && (i.disclosedAt ? i.disclosedAt > i.disclosureDueAt : i.disclosureDueAt < s.now),
    );
    const records = s.incidents.map((i) => ({ type: "incident", id: i.id, label: i.title }));
    if (late.length)
      return fail(
        late.map(
          (i) =>
            `Incident "${i.title}" ${i.disclosedAt ? "was disclosed late" : "is past its disclosure deadline"} (${i.disclosureDueAt}).`,
        ),
        records,
      );
    const pending = s.incidents.filter((i) => !i.disclosedAt && i.disclosureDueAt);
    return pass(
      [
        `${s.incidents.length} incident(s) recorded; ${pending.length} awaiting disclosure within the deadline.`,
      ],
      records,
    );
  },

  "media-certificate": (s) => {
    const certs = s.evidence.filter((e) => e.controls.includes("TM-3"));
    if (certs.length === 0) return fail(["No certificate of media return or destruction on file."]);
    return pass(
      [`Certificate on file: ${certs.map((c) => c.title).join(", ")}.`],
      certs.map((c) => ({ type: "evidence", id: c.id, label: c.title })),
    );
  },
};
