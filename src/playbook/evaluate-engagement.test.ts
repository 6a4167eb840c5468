import { describe, expect, it } from "vitest";
import {
  evaluateControl,
  evaluateEngagement,
  inForce,
  regressions,
  stageGate,
} from "./evaluate-engagement.ts";
import { organisationCatalog, shippedCatalog } from "./load-catalog.ts";
import {
  attestationRecord,
  engineResult,
  exceptionRecord,
  milestoneRecord,
  passingSnapshot,
  snapshotWith,
  TODAY,
} from "./snapshot-builder.test-support.ts";
import type { Control, ControlResult, EngagementSnapshot } from "./types.ts";

const catalog = shippedCatalog();

function resultOf(id: string, s: EngagementSnapshot, controls: readonly Control[] = catalog): ControlResult {
  const r = evaluateEngagement(controls, s).find((x) => x.id === id);
  if (!r) throw new Error(`${id} was not evaluated`);
  return r;
}

/**
 * One entry per shipped control. Rule controls say how to break them and the
 * reason they must then give; engine-fed and attestation controls are tested
 * the same way for each of them, but still need their entry here, so that a
 * control added to the catalog without a test fails the suite.
 */
type Case =
  | { kind: "rule"; fail: (s: EngagementSnapshot) => void; reason: RegExp }
  | { kind: "engine" }
  | { kind: "attestation" };

const rule = (fail: (s: EngagementSnapshot) => void, reason: RegExp): Case => ({
  kind: "rule",
  fail,
  reason,
});
const engine: Case = { kind: "engine" };
const attestation: Case = { kind: "attestation" };

const cases: Record<string, Case> = {
  "DD-1": rule(
    (s) =>
      s.assets.push({
        id: "a-keys",
        name: "signing-keys",
        kind: "repository",
        classification: "crown_jewel",
      }),
    /Crown-jewel asset signing-keys goes to an offshore engagement without an approved exception/,
  ),
  "DD-2": engine,
  "DD-3": attestation,
  "DD-4": rule((s) => (s.jurisdiction = null), /No jurisdiction assessment for IN/),
  "DD-5": rule(
    (s) => (s.subcontractors[0]!.assessedOn = null),
    /Saigon Dev JSC \(VN\) has not been assessed/,
  ),
  "DD-6": rule(
    (s) => (s.vendor.certifications[0]!.expiresOn = "2026-06-14"),
    /Every organisation certification has expired/,
  ),
  "DD-7": rule(
    (s) => (s.vendor.insurance[0]!.amount = 500_000),
    /Required cover is 1000000 EUR; on file: 500000 EUR/,
  ),
  "CT-1": engine,
  "CT-2": engine,
  "CT-3": engine,
  "CT-4": engine,
  "CT-5": engine,
  "CT-6": engine,
  "CT-7": engine,
  "CT-8": engine,
  "CT-9": engine,
  "CT-10": engine,
  "CT-11": rule((s) => (s.milestones[0]!.acceptanceDays = 0), /No acceptance period: Design/),
  "CT-12": attestation,
  "CT-13": attestation,
  "KO-1": rule(
    (s) => (s.people[1]!.acknowledgedVersionIds = ["pv-enc-2"]),
    /Person p-2 has not acknowledged Firewall v1/,
  ),
  "KO-2": rule(
    (s) => (s.people[0]!.trainingCompletedOn = null),
    /Person p-1 has not completed security training/,
  ),
  "KO-3": rule((s) => (s.engagement.approvedNetworks = []), /No approved network ranges/),
  "KO-4": rule(
    (s) => (s.grants[0]!.grantedOn = "2024-12-20"),
    /Person p-1 got access to gitlab on 2024-12-20, before signing the NDA on 2025-01-02/,
  ),
  "KO-5": rule((s) => (s.grants[2]!.scope = []), /Grant gitlab:p-3@acme.example lacks a scope/),
  "OG-1": engine,
  "OG-2": engine,
  "OG-3": engine,
  "OG-4": rule(
    (s) =>
      s.milestones.push(
        milestoneRecord("m-2", { title: "Build", state: "payment_approved", everAccepted: false }),
      ),
    /Build was approved for payment without an accepted delivery/,
  ),
  "OG-5": rule((s) => (s.audits[0]!.nextDueOn = "2026-06-01"), /The next audit was due on 2026-06-01/),
  "OG-6": rule((s) => (s.audits[0]!.kind = "internal"), /No independent third-party audit recorded/),
  "OG-7": rule((s) => (s.people = []), /The roster is empty/),
  "OG-8": engine,
  "OG-9": engine,
  "OG-10": rule((s) => (s.people[0]!.ndaExpiresOn = "2026-06-14"), /NDA of Person p-1 expired on 2026-06-14/),
  "OG-11": rule(
    (s) =>
      s.incidents.push({
        id: "i-1",
        title: "Laptop stolen",
        disclosureDueAt: "2026-06-10T12:00:00.000Z",
        disclosedAt: null,
        status: "open",
      }),
    /Incident "Laptop stolen" is past its disclosure deadline/,
  ),
  "TM-1": attestation,
  "TM-2": engine,
  "TM-3": rule((s) => (s.evidence = []), /No certificate of media return or destruction on file/),
  "TM-4": engine,
  "TM-5": rule((s) => {
    s.milestones[1]!.state = "paid";
    s.milestones[1]!.everAccepted = true;
    delete s.engineResults["TM-2"];
  }, /The final payment was released while TM-2 do not hold/),
  "TM-6": attestation,
};

describe("every control of the catalog", () => {
  const ids = catalog.map((c) => c.id);

  it("has a test case, and every test case names a control of the catalog", () => {
    expect(ids.filter((id) => !cases[id])).toEqual([]);
    expect(Object.keys(cases).filter((id) => !ids.includes(id))).toEqual([]);
  });

  it("holds on the baseline snapshot, so each failing snapshot below changes one thing", () => {
    const notHolding = evaluateEngagement(catalog, passingSnapshot()).filter(
      (r) => r.status !== "pass" && r.status !== "attested",
    );
    expect(notHolding.map((r) => `${r.id}: ${r.status} ${r.reasons.join(" ")}`)).toEqual([]);
  });

  describe.each(catalog.map((c) => [c.id, c] as const))("%s", (id, control) => {
    const c = cases[id];

    it("is tested the way it is checked", () => {
      expect(c?.kind).toBe(control.check.kind);
    });

    if (c?.kind === "rule") {
      it("passes on the baseline with a reason", () => {
        const r = resultOf(id, passingSnapshot());
        expect(r.status).toBe("pass");
        expect(r.reasons.join(" ")).not.toBe("");
      });
      it("fails with its reason when its evidence is broken", () => {
        const r = resultOf(id, snapshotWith(c.fail));
        expect(r.status).toBe("fail");
        expect(r.reasons.join("\n")).toMatch(c.reason);
      });
    }

    if (c?.kind === "engine") {
      it("is not checked yet without an engine result, and does not pass", () => {
        const r = resultOf(
          id,
          snapshotWith((s) => delete s.engineResults[id]),
        );
        expect(r.status).toBe("not_checked");
        expect(r.reasons).toEqual([
          `Not checked yet: the ${(control.check as { source: string }).source} checks have not run for this engagement.`,
        ]);
      });
      it("reports the engine's passing result", () => {
        const r = resultOf(id, passingSnapshot());
        expect(r.status).toBe("pass");
        expect(r.reasons).toEqual([`${id} clause found`]);
        expect(r.records).toEqual([{ type: "engine_run", id: "run-1" }]);
      });
      it("reports the engine's failing result with its reason", () => {
        const r = resultOf(
          id,
          snapshotWith((s) => (s.engineResults[id] = engineResult("fail", "clause missing"))),
        );
        expect(r.status).toBe("fail");
        expect(r.reasons).toEqual(["clause missing"]);
      });
    }

    if (c?.kind === "attestation") {
      it("fails without an attestation and names the evidence it needs", () => {
        const r = resultOf(
          id,
          snapshotWith((s) => (s.attestations = s.attestations.filter((a) => a.controlId !== id))),
        );
        expect(r.status).toBe("fail");
        expect(r.reasons).toEqual([`Needs an attestation: ${control.evidence}.`]);
      });
      it("is attested with a current attestation, naming who and when", () => {
        const r = resultOf(id, passingSnapshot());
        expect(r.status).toBe("attested");
        expect(r.reasons[0]).toContain("Attested by u-security on 2026-05-01");
        expect(r.records).toContainEqual({ type: "attestation", id: `att-${id}` });
      });
      it("fails again once the attestation has expired", () => {
        const r = resultOf(
          id,
          snapshotWith((s) => {
            for (const a of s.attestations) if (a.controlId === id) a.expiresOn = "2026-06-14";
          }),
        );
        expect(r.status).toBe("fail");
        expect(r.reasons).toEqual(["The attestation has expired: attest again."]);
      });
    }

    it("reports n/a with the organisation's reason when disabled, even when it would fail", () => {
      const controls = organisationCatalog([
        { controlId: id, disabled: true, disabledReason: "Out of scope for this vendor", definition: null },
      ]);
      const broken = snapshotWith((s) => {
        if (c?.kind === "rule") c.fail(s);
        delete s.engineResults[id];
        s.attestations = [];
      });
      const r = resultOf(id, broken, controls);
      expect(r.status).toBe("na");
      expect(r.reasons).toEqual(["Disabled by the organisation: Out of scope for this vendor"]);
    });
  });
});

describe("attestations", () => {
  it("uses the latest current attestation and links its evidence", () => {
    const s = snapshotWith((x) => {
      x.attestations = [
        attestationRecord("DD-3", {
          id: "old",
          attestedAt: "2025-01-01T09:00:00.000Z",
          expiresOn: "2025-12-31",
        }),
        attestationRecord("DD-3", {
          id: "new",
          attestedAt: "2026-06-01T09:00:00.000Z",
          expiresOn: null,
          evidenceId: "ev-visit",
        }),
      ];
    });
    const r = resultOf("DD-3", s);
    expect(r.status).toBe("attested");
    expect(r.records).toEqual([
      { type: "attestation", id: "new" },
      { type: "evidence", id: "ev-visit" },
    ]);
  });

  it("still holds on the day the attestation expires", () => {
    const s = snapshotWith((x) => (x.attestations = [attestationRecord("DD-3", { expiresOn: TODAY })]));
    expect(resultOf("DD-3", s).status).toBe("attested");
  });

  it("does not count an attestation of another control", () => {
    const s = snapshotWith((x) => (x.attestations = [attestationRecord("CT-12")]));
    expect(resultOf("DD-3", s).status).toBe("fail");
  });
});

describe("controls the organisation adds", () => {
  const definition = {
    id: "ORG-BADGE-1",
    stage: "kick_off",
    title: "Badges returned",
    guidance: "Every vendor person returns the site badge at the end of the engagement.",
    blocking: true,
    weight: 3,
    evidence: "Badge register",
    check: { kind: "attestation" },
  };
  const controls = organisationCatalog([
    { controlId: "ORG-BADGE-1", disabled: false, disabledReason: null, definition },
  ]);

  it("are appended to the shipped catalog and marked custom", () => {
    expect(controls).toHaveLength(catalog.length + 1);
    expect(controls.at(-1)).toMatchObject({ id: "ORG-BADGE-1", custom: true });
  });

  it("fail without an attestation and are attested with one", () => {
    expect(resultOf("ORG-BADGE-1", passingSnapshot(), controls)).toMatchObject({
      status: "fail",
      checkKind: "attestation",
      reasons: ["Needs an attestation: Badge register."],
    });
    const attested = snapshotWith((s) => s.attestations.push(attestationRecord("ORG-BADGE-1")));
    expect(resultOf("ORG-BADGE-1", attested, controls).status).toBe("attested");
  });

  it("block the gate of their stage like a shipped control", () => {
    const s = snapshotWith((x) => (x.engagement.stage = "kick_off"));
    const gate = stageGate(evaluateEngagement(controls, s), "kick_off");
    expect(gate.open).toBe(false);
    expect(gate.blockers.map((r) => r.id)).toEqual(["ORG-BADGE-1"]);
  });

  it("can be disabled like a shipped control", () => {
    const off = organisationCatalog([
      { controlId: "ORG-BADGE-1", disabled: true, disabledReason: "No site", definition },
    ]);
    expect(resultOf("ORG-BADGE-1", passingSnapshot(), off)).toMatchObject({
      status: "na",
      reasons: ["Disabled by the organisation: No site"],
    });
  });

  it("are dropped when their definition is invalid", () => {
    const bad = organisationCatalog([
      {
        controlId: "bad id",
        disabled: false,
        disabledReason: null,
        definition: { ...definition, id: "bad id" },
      },
    ]);
    expect(bad.map((c) => c.id)).toEqual(catalog.map((c) => c.id));
  });
});

describe("stageGate", () => {
  const atStage = (
    stage: EngagementSnapshot["engagement"]["stage"],
    change: (s: EngagementSnapshot) => void = () => {},
  ) =>
    snapshotWith((s) => {
      s.engagement.stage = stage;
      change(s);
    });
  const gateOf = (s: EngagementSnapshot) => stageGate(evaluateEngagement(catalog, s), s.engagement.stage);

  it("is open when every blocking control of the stage holds", () => {
    const gate = gateOf(atStage("due_diligence"));
    expect(gate).toMatchObject({
      stage: "due_diligence",
      open: true,
      blockers: [],
      excepted: [],
      unchecked: [],
    });
  });

  it("blocks on a failing blocking control of the current stage and names it with its reason", () => {
    const gate = gateOf(atStage("kick_off", (s) => (s.grants[0]!.grantedOn = "2024-12-20")));
    expect(gate.open).toBe(false);
    expect(gate.blockers.map((r) => r.id)).toEqual(["KO-4"]);
    expect(gate.blockers[0]?.reasons[0]).toMatch(/before signing the NDA/);
  });

  it("ignores failures of other stages", () => {
    const gate = gateOf(atStage("contract", (s) => (s.grants[0]!.grantedOn = "2024-12-20")));
    expect(gate.open).toBe(true);
  });

  it("opens on a current exception and lists the control as excepted", () => {
    const gate = gateOf(
      atStage("kick_off", (s) => {
        s.grants[0]!.grantedOn = "2024-12-20";
        s.exceptions.push(exceptionRecord("KO-4", { expiresOn: TODAY }));
      }),
    );
    expect(gate.open).toBe(true);
    expect(gate.blockers).toEqual([]);
    expect(gate.excepted.map((r) => [r.id, r.status, r.exception?.id])).toEqual([
      ["KO-4", "fail", "exc-KO-4"],
    ]);
  });

  it("stays closed when the exception has expired", () => {
    const gate = gateOf(
      atStage("kick_off", (s) => {
        s.grants[0]!.grantedOn = "2024-12-20";
        s.exceptions.push(exceptionRecord("KO-4", { expiresOn: "2026-06-14" }));
      }),
    );
    expect(gate.open).toBe(false);
    expect(gate.blockers.map((r) => r.id)).toEqual(["KO-4"]);
    expect(gate.blockers[0]?.exception).toBeUndefined();
  });

  it("is not opened by an exception for another control", () => {
    const gate = gateOf(
      atStage("kick_off", (s) => {
        s.grants[0]!.grantedOn = "2024-12-20";
        s.exceptions.push(exceptionRecord("KO-5"));
      }),
    );
    expect(gate.open).toBe(false);
  });

  it("is not blocked by a failing non-blocking control", () => {
    const s = atStage("kick_off", (x) => (x.engagement.approvedNetworks = []));
    const results = evaluateEngagement(catalog, s);
    expect(results.find((r) => r.id === "KO-3")?.status).toBe("fail");
    expect(stageGate(results, "kick_off")).toMatchObject({ open: true, blockers: [] });
  });

  it("holds on a blocking control never checked, and names it among the blockers", () => {
    const gate = gateOf(
      atStage("contract", (s) => {
        delete s.engineResults["CT-1"];
        delete s.engineResults["CT-3"]; // not blocking: not listed
      }),
    );
    expect(gate.open).toBe(false);
    expect(gate.blockers.map((r) => [r.id, r.status])).toEqual([["CT-1", "not_checked"]]);
    expect(gate.unchecked.map((r) => r.id)).toEqual(["CT-1"]);
  });

  it.each([
    ["needs_review" as const, "the cap could not be read"],
    ["warn" as const, "the cap is below the policy"],
  ])("holds on a blocking control whose check says %s", (status, reason) => {
    const gate = gateOf(atStage("contract", (s) => (s.engineResults["CT-4"] = engineResult(status, reason))));
    expect(gate.open).toBe(false);
    expect(gate.blockers.map((r) => [r.id, r.status])).toEqual([["CT-4", status]]);
  });

  it("lets an admin's current exception cover a control never checked", () => {
    const gate = gateOf(
      atStage("contract", (s) => {
        delete s.engineResults["CT-1"];
        s.exceptions.push(exceptionRecord("CT-1", { expiresOn: TODAY }));
      }),
    );
    expect(gate.open).toBe(true);
    expect(gate.excepted.map((r) => [r.id, r.status])).toEqual([["CT-1", "not_checked"]]);
  });

  it("is not opened by an exception that covers one person only", () => {
    const gate = gateOf(
      atStage("kick_off", (s) => {
        s.grants[0]!.grantedOn = "2024-12-20";
        s.exceptions.push(exceptionRecord("KO-4", { personId: "p-1" }));
      }),
    );
    expect(gate.open).toBe(false);
  });

  it("opens for the final-payment control on a current exception, and holds on a control never checked", () => {
    const gate = gateOf(
      atStage("termination", (s) => {
        s.milestones[1]!.state = "paid";
        s.milestones[1]!.everAccepted = true;
        delete s.engineResults["TM-2"];
        s.exceptions.push(exceptionRecord("TM-5"));
      }),
    );
    expect(gate.blockers.map((r) => r.id)).toEqual(["TM-2"]);
    expect(gate.excepted.map((r) => r.id)).toEqual(["TM-5"]);
    expect(gate.unchecked.map((r) => r.id)).toEqual(["TM-2"]);
    expect(gate.open).toBe(false);
  });
});

describe("regressions", () => {
  const resultsAt = (
    stage: EngagementSnapshot["engagement"]["stage"],
    change: (s: EngagementSnapshot) => void = () => {},
  ) =>
    evaluateEngagement(
      catalog,
      snapshotWith((s) => {
        s.engagement.stage = stage;
        change(s);
      }),
    );

  it("names a blocking control of a stage already left that no longer holds", () => {
    const results = resultsAt(
      "ongoing",
      (s) => (s.engineResults["CT-4"] = engineResult("fail", "no flow-down")),
    );
    expect(regressions(results, "ongoing").map((r) => [r.id, r.status])).toEqual([["CT-4", "fail"]]);
  });

  it("names a blocking control of an earlier stage that became unknown", () => {
    const results = resultsAt("kick_off", (s) => delete s.engineResults["CT-2"]);
    expect(regressions(results, "kick_off").map((r) => [r.id, r.status])).toEqual([["CT-2", "not_checked"]]);
  });

  it("leaves out the current stage, non-blocking controls and excepted ones", () => {
    const results = resultsAt("ongoing", (s) => {
      s.engineResults["CT-3"] = engineResult("fail", "no non-compete"); // not blocking
      s.engineResults["CT-4"] = engineResult("fail", "no flow-down");
      s.exceptions.push(exceptionRecord("CT-4"));
      s.engineResults["OG-1"] = engineResult("fail", "stale"); // the current stage: the gate's business
    });
    expect(regressions(results, "ongoing")).toEqual([]);
  });
});

describe("TM-5 final payment", () => {
  const releasedWith = (change: (s: EngagementSnapshot) => void) =>
    snapshotWith((s) => {
      s.milestones[1]!.state = "payment_approved";
      s.milestones[1]!.everAccepted = true;
      change(s);
    });

  it("fails when the final payment is released while TM-1 to TM-4 do not hold, naming each", () => {
    const s = releasedWith((x) => {
      x.attestations = x.attestations.filter((a) => a.controlId !== "TM-1");
      x.evidence = [];
      x.engineResults["TM-4"] = engineResult("fail", "mirror stale");
    });
    const r = resultOf("TM-5", s);
    expect(r.status).toBe("fail");
    expect(r.reasons).toEqual(["The final payment was released while TM-1, TM-3, TM-4 do not hold."]);
    expect(r.records).toEqual([{ type: "milestone", id: "m-final", label: "Final delivery" }]);
  });

  it("passes when the final payment is released after TM-1 to TM-4 hold", () => {
    expect(
      resultOf(
        "TM-5",
        releasedWith(() => {}),
      ).reasons,
    ).toEqual(["TM-1 to TM-4 hold: the final payment may be released."]);
  });

  it("passes while the final payment stays unreleased, saying what it waits for", () => {
    const s = snapshotWith((x) => (x.evidence = []));
    expect(resultOf("TM-5", s)).toMatchObject({
      status: "pass",
      reasons: ["The final payment stays blocked until TM-3 hold."],
    });
  });

  it("counts an exit control the organisation disabled as holding", () => {
    const controls = organisationCatalog([
      { controlId: "TM-3", disabled: true, disabledReason: "No media handed over", definition: null },
    ]);
    const s = releasedWith((x) => (x.evidence = []));
    expect(resultOf("TM-5", s, controls).status).toBe("pass");
  });

  it("is n/a without a final milestone", () => {
    const s = snapshotWith((x) => (x.milestones = x.milestones.filter((m) => !m.isFinal)));
    expect(resultOf("TM-5", s)).toMatchObject({ status: "na", reasons: ["No final milestone."] });
  });
});

describe("evaluateControl", () => {
  it("does not pass a rule control whose rule does not exist", () => {
    const control: Control = { ...catalog[0]!, id: "X-1", check: { kind: "rule", rule: "no-such-rule" } };
    const r = evaluateControl(control, passingSnapshot());
    expect(r.status).toBe("not_checked");
    expect(r.reasons).toEqual(["No automatic check named no-such-rule."]);
  });

  it("attaches an exception only to a failing control", () => {
    const s = snapshotWith((x) => x.exceptions.push(exceptionRecord("KO-3")));
    const control = catalog.find((c) => c.id === "KO-3")!;
    expect(evaluateControl(control, s).exception).toBeUndefined();
  });

  it("does not treat a per-asset exception as an exception for the whole control", () => {
    const s = snapshotWith((x) => {
      x.engagement.approvedNetworks = [];
      x.exceptions.push(exceptionRecord("KO-3", { assetId: "a-repo" }));
    });
    const control = catalog.find((c) => c.id === "KO-3")!;
    expect(evaluateControl(control, s).exception).toBeUndefined();
  });

  it("gives the same results for the same snapshot", () => {
    const s = passingSnapshot();
    expect(evaluateEngagement(catalog, s)).toEqual(evaluateEngagement(catalog, s));
  });
});

describe("inForce", () => {
  it("keeps the controls of the current and earlier stages", () => {
    const results = evaluateEngagement(catalog, passingSnapshot());
    const stages = new Set(inForce(results, "kick_off").map((r) => r.stage));
    expect([...stages]).toEqual(["due_diligence", "contract", "kick_off"]);
    expect(inForce(results, "closed")).toHaveLength(results.length);
  });
});
