import type { Control } from "./types.ts";

/** Where in Warden a control is brought to hold. */
export type RemedyArea =
  | "controls"
  | "assets"
  | "vendor"
  | "roster"
  | "milestones"
  | "contracts"
  | "custody"
  | "access"
  | "leaks"
  | "questionnaires"
  | "audits"
  | "incidents";

export interface Remedy {
  /** What would make the control hold, in a sentence. */
  action: string;
  area: RemedyArea;
}

const ENGINE_REMEDIES: Record<Extract<Control["check"], { kind: "engine" }>["source"], Remedy> = {
  contracts: {
    action: "Upload the contract (MSA, SOW or NDA) to this engagement: its analysis checks this clause.",
    area: "contracts",
  },
  custody: {
    action:
      "Register the vendor's repository, let it sync, and record deliveries through custody so that they are verified.",
    area: "custody",
  },
  access: { action: "Connect the directory and reconcile the accounts.", area: "access" },
  leaks: { action: "Share documents with the vendor's people through Leaks, watermarked.", area: "leaks" },
  questionnaires: {
    action: "Send the IP-handling questionnaire, then review and score the answers.",
    area: "questionnaires",
  },
};

const RULE_REMEDIES: Record<string, Remedy> = {
  "assets-classified": { action: "Classify every asset the engagement touches.", area: "assets" },
  "jurisdiction-assessed": {
    action: "Record the vendor's country so that it can be assessed.",
    area: "vendor",
  },
  "subcontractor-chain": {
    action: "Record the vendor's subcontractor chain and assess each subcontractor.",
    area: "vendor",
  },
  certifications: { action: "Record the vendor's and its people's certifications.", area: "vendor" },
  insurance: { action: "Record the vendor's insurance certificate.", area: "vendor" },
  "milestones-with-acceptance": {
    action: "Plan the milestones with their acceptance period.",
    area: "milestones",
  },
  "policies-acknowledged": {
    action: "Have every person with access acknowledge the current policies.",
    area: "roster",
  },
  "training-completed": { action: "Record each person's security training.", area: "roster" },
  "approved-networks": { action: "Record the approved network ranges.", area: "controls" },
  "nda-before-access": { action: "Record each person's signed NDA before any access.", area: "roster" },
  "grants-recorded": { action: "Record each access grant with its scope and reason.", area: "access" },
  "payments-for-accepted": { action: "Approve payments only for accepted deliveries.", area: "milestones" },
  "audits-on-schedule": { action: "Record the audits and close their findings.", area: "audits" },
  "third-party-audit": { action: "Record the independent third-party audit.", area: "audits" },
  "roster-turnover": { action: "Keep the roster current.", area: "roster" },
  "nothing-expired": { action: "Renew what has expired (NDAs, certifications, insurance).", area: "vendor" },
  "incidents-disclosed": { action: "Record each incident's materiality and disclosure.", area: "incidents" },
  "media-certificate": { action: "Upload the certificate of media returned or destroyed.", area: "controls" },
  "final-payment-gated": { action: "Hold the final payment until TM-1 to TM-4 hold.", area: "milestones" },
};

/**
 * What would make a control hold and where that is done, for the gate panel's
 * links. Pure: it reads the control's check only.
 *
 * @example
 * remedyFor(ct1).area // "contracts"
 */
export function remedyFor(control: Pick<Control, "check" | "evidence">): Remedy {
  switch (control.check.kind) {
    case "engine":
      return ENGINE_REMEDIES[control.check.source];
    case "attestation":
      return { action: `Attest it: ${control.evidence}.`, area: "controls" };
    case "rule":
      return RULE_REMEDIES[control.check.rule] ?? { action: control.evidence, area: "controls" };
  }
}
