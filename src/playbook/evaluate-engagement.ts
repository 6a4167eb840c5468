import { isExpired } from "../domain/dates.ts";
import { STAGES, stagesInForce } from "../domain/stages.ts";
import { rules } from "./rules.ts";
import type { Control, ControlResult, ControlStatus, EngagementSnapshot } from "./types.ts";

/** The exit controls the final payment waits for (TM-5). */
export const EXIT_CONTROLS = ["TM-1", "TM-2", "TM-3", "TM-4"];

/**
 * Evaluates every control of the playbook against one engagement's snapshot.
 * Pure: the same snapshot gives the same results. Engine-fed controls with no
 * result report "not checked yet" and never pass; attestation controls pass
 * ("attested") only with a current attestation.
 *
 * @example
 * const results = evaluateEngagement(shippedCatalog(), snapshot);
 * results.find((r) => r.id === "KO-4")?.status // "fail"
 */
export function evaluateEngagement(catalog: readonly Control[], s: EngagementSnapshot): ControlResult[] {
  const results = catalog.map((control) => evaluateControl(control, s));
  const byId = new Map(results.map((r) => [r.id, r]));
  const tm5 = byId.get("TM-5");
  if (tm5 && !catalog.find((c) => c.id === "TM-5")?.disabled) {
    const outcome = finalPaymentGate(s, byId);
    // The exception was looked up against the placeholder outcome; a failing gate may be excepted too.
    const exception = SATISFIED.has(outcome.status) ? undefined : currentException("TM-5", s);
    Object.assign(tm5, outcome, exception ? { exception } : {});
  }
  return results;
}

function currentException(controlId: string, s: EngagementSnapshot): ControlResult["exception"] {
  // An exception for one asset (DD-1) or one person (a share without an NDA) covers only that record.
  const e = s.exceptions.find(
    (x) => x.controlId === controlId && !x.assetId && !x.personId && !isExpired(x.expiresOn, s.today),
  );
  return e ? { id: e.id, reason: e.reason, approvedBy: e.approvedBy, expiresOn: e.expiresOn } : undefined;
}

export function evaluateControl(control: Control, s: EngagementSnapshot): ControlResult {
  let outcome: Pick<ControlResult, "status" | "reasons" | "records">;
  if (control.disabled) {
    outcome = {
      status: "na",
      reasons: [`Disabled by the organisation: ${control.disabled.reason}`],
      records: [],
    };
  } else {
    switch (control.check.kind) {
      case "rule": {
        const rule = rules[control.check.rule];
        outcome = rule
          ? rule(s)
          : {
              status: "not_checked",
              reasons: [`No automatic check named ${control.check.rule}.`],
              records: [],
            };
        break;
      }
      case "engine": {
        const result = s.engineResults[control.id];
        outcome = result ?? {
          status: "not_checked",
          reasons: [`Not checked yet: the ${control.check.source} checks have not run for this engagement.`],
          records: [],
        };
        break;
      }
      case "attestation":
        outcome = attestationOutcome(control, s);
        break;
    }
  }
  // One object shape for every result (no spreads): the portfolio evaluates thousands of these.
  const result: ControlResult = {
    id: control.id,
    stage: control.stage,
    title: control.title,
    blocking: control.blocking,
    weight: control.weight,
    checkKind: control.check.kind,
    status: outcome.status,
    reasons: outcome.reasons,
    records: outcome.records,
  };
  const exception = SATISFIED.has(outcome.status) ? undefined : currentException(control.id, s);
  if (exception) result.exception = exception;
  return result;
}

function attestationOutcome(
  control: Control,
  s: EngagementSnapshot,
): Pick<ControlResult, "status" | "reasons" | "records"> {
  const current = s.attestations
    .filter((a) => a.controlId === control.id && !isExpired(a.expiresOn, s.today))
    .sort((a, b) => b.attestedAt.localeCompare(a.attestedAt))[0];
  if (!current) {
    const expired = s.attestations.some((a) => a.controlId === control.id);
    return {
      status: "fail",
      reasons: [
        expired ? "The attestation has expired: attest again." : `Needs an attestation: ${control.evidence}.`,
      ],
      records: [],
    };
  }
  return {
    status: "attested",
    reasons: [
      `Attested by ${current.attestedBy} on ${current.attestedAt.slice(0, 10)}: ${current.statement}${current.expiresOn ? ` (until ${current.expiresOn})` : ""}`,
    ],
    records: [
      { type: "attestation", id: current.id },
      ...(current.evidenceId ? [{ type: "evidence", id: current.evidenceId }] : []),
    ],
  };
}

function finalPaymentGate(
  s: EngagementSnapshot,
  byId: Map<string, ControlResult>,
): Pick<ControlResult, "status" | "reasons" | "records"> {
  const finals = s.milestones.filter((m) => m.isFinal);
  if (finals.length === 0) return { status: "na", reasons: ["No final milestone."], records: [] };
  const unmet = EXIT_CONTROLS.filter((id) => {
    const r = byId.get(id);
    return r && r.status !== "pass" && r.status !== "attested" && r.status !== "na";
  });
  const released = finals.filter((m) => m.state === "payment_approved" || m.state === "paid");
  const records = finals.map((m) => ({ type: "milestone", id: m.id, label: m.title }));
  if (released.length && unmet.length) {
    return {
      status: "fail",
      reasons: [`The final payment was released while ${unmet.join(", ")} do not hold.`],
      records,
    };
  }
  if (unmet.length)
    return {
      status: "pass",
      reasons: [`The final payment stays blocked until ${unmet.join(", ")} hold.`],
      records,
    };
  return { status: "pass", reasons: ["TM-1 to TM-4 hold: the final payment may be released."], records };
}

/**
 * The statuses that satisfy a control: it passed, it is attested (by whom, when,
 * until when), or it does not apply (with the reason). Everything else — a
 * failure, a warning, "not checked yet", "needs review" — leaves it unsatisfied.
 */
export const SATISFIED: ReadonlySet<ControlStatus> = new Set<ControlStatus>(["pass", "attested", "na"]);

/** Whether a result lets a gate through: satisfied, or covered by a current exception. */
export function clearsGate(r: ControlResult): boolean {
  return SATISFIED.has(r.status) || r.exception !== undefined;
}

export interface GateVerdict {
  stage: EngagementSnapshot["engagement"]["stage"];
  open: boolean;
  /** Blocking controls of the stage that are not satisfied and not excepted: they hold the gate. */
  blockers: ControlResult[];
  /** Unsatisfied blocking controls let through by an exception. */
  excepted: ControlResult[];
  /** The blockers that are unknown rather than failing (not checked yet, needs review). */
  unchecked: ControlResult[];
}

/**
 * Whether the engagement may leave its current stage: every blocking control of
 * that stage must be pass, attested or n/a, or be covered by a current
 * exception that an admin recorded. A control that was never checked, or whose
 * check could not read what it needed, holds the gate like a failure.
 *
 * @example
 * stageGate(results, "contract").open // false while CT-1 is "not checked yet"
 */
export function stageGate(
  results: readonly ControlResult[],
  stage: EngagementSnapshot["engagement"]["stage"],
): GateVerdict {
  const ofStage = results.filter((r) => r.stage === stage && r.blocking && !SATISFIED.has(r.status));
  const blockers = ofStage.filter((r) => !r.exception);
  return {
    stage,
    open: blockers.length === 0,
    blockers,
    excepted: ofStage.filter((r) => r.exception),
    unchecked: blockers.filter((r) => r.status === "not_checked" || r.status === "needs_review"),
  };
}

/**
 * Blocking controls of stages the engagement has already left that no longer
 * hold (they fail, or became unknown: a contract analysed after the Contract
 * stage, an NDA that expired), with no current exception: regressed since
 * their gate.
 */
export function regressions(
  results: readonly ControlResult[],
  stage: EngagementSnapshot["engagement"]["stage"],
): ControlResult[] {
  const passed = new Set<string>(STAGES.slice(0, STAGES.indexOf(stage)));
  return results.filter((r) => passed.has(r.stage) && r.blocking && !clearsGate(r));
}

/** Controls in force at the engagement's stage (earlier stages' controls stay in force). */
export function inForce(
  results: readonly ControlResult[],
  stage: EngagementSnapshot["engagement"]["stage"],
): ControlResult[] {
  const stages = new Set<string>(stagesInForce(stage));
  return results.filter((r) => stages.has(r.stage));
}
