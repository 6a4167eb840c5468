import { WardenError } from "../../domain/errors.ts";
import type { DirectoryAccount, DirectoryChange, DisableMethod } from "./account-connector.ts";
import type { RosterPerson } from "./roster.ts";

export type RunbookItemState = "pending" | "done" | "failed";
export type OwnerRole = "security" | "legal" | "finance" | "admin" | "vendor-contact";

/** Proof that an account was disabled: what was changed and what the directory said afterwards. */
export interface DisableEvidence {
  method: DisableMethod;
  changes: DirectoryChange[];
  readBack: DirectoryAccount;
  verifiedAt: string;
}

export interface RunbookError {
  code: string;
  message: string;
  at: string;
}

/** Disable one account through its connector, then verify by reading it back (TM-2). */
export interface DisableAccountItem {
  id: string;
  kind: "disable-account";
  control: "TM-2";
  personId: string;
  system: string;
  account: string;
  method: DisableMethod;
  state: RunbookItemState;
  attempts: number;
  lastError: RunbookError | null;
  evidence: DisableEvidence | null;
}

export type ManualAction =
  | "disable-account-manually"
  | "devices-returned"
  | "media-destruction-certificate"
  | "final-custody-sync"
  | "exit-review";

/** A step a person performs and records (a certificate upload, a signed-off review). */
export interface ManualItem {
  id: string;
  kind: "manual";
  action: ManualAction;
  control: "TM-1" | "TM-2" | "TM-3" | "TM-4" | "TM-6";
  title: string;
  ownerRole: OwnerRole;
  due: string;
  personId: string | null;
  system: string | null;
  account: string | null;
  state: RunbookItemState;
  completedBy: string | null;
  completedAt: string | null;
  evidence: Record<string, unknown> | null;
}

export type RunbookItem = DisableAccountItem | ManualItem;

export type RunbookSubject =
  | { kind: "person"; personId: string }
  | { kind: "engagement"; engagementId: string; name?: string };

export interface OffboardingRunbook {
  id: string;
  subject: RunbookSubject;
  terminationDate: string;
  items: RunbookItem[];
}

/** What the builder needs to know of a connector: whether and how it can disable. */
export interface ConnectorCapability {
  system: string;
  canDisable: boolean;
  disableMethod: DisableMethod | null;
}

export interface TerminationPlan {
  /** The termination (or leaving) date, YYYY-MM-DD; due dates count from it. */
  date: string;
  /** Days after the date each manual action is due. */
  dueDays?: Partial<Record<ManualAction, number>>;
  /** Who owns each manual action. */
  owners?: Partial<Record<ManualAction, OwnerRole>>;
}

export interface BuildOffboardingRunbookInput {
  subject: RunbookSubject;
  /** The people leaving: one for a leaver, the whole roster when an engagement terminates. */
  people: readonly RosterPerson[];
  connectors: readonly ConnectorCapability[];
  terminationPlan: TerminationPlan;
}

const DEFAULT_DUE_DAYS: Record<ManualAction, number> = {
  "disable-account-manually": 0,
  "devices-returned": 5,
  "media-destruction-certificate": 14,
  "final-custody-sync": 1,
  "exit-review": 14,
};

const DEFAULT_OWNERS: Record<ManualAction, OwnerRole> = {
  "disable-account-manually": "security",
  "devices-returned": "security",
  "media-destruction-certificate": "vendor-contact",
  "final-custody-sync": "security",
  "exit-review": "security",
};

/**
 * Builds the offboarding runbook for a leaver or a terminating engagement: one automatic item per account
 * (from the person's accounts and grants) on a system whose connector can write, a manual item for every
 * other account, and the manual termination steps (devices returned, media destruction certificate,
 * final custody sync for an engagement, exit review) with owners and due dates. Item ids are stable, so
 * rebuilding for the same input gives the same items.
 *
 * @example
 * const runbook = buildOffboardingRunbook({
 *   subject: { kind: "person", personId: "p-17" },
 *   people: [leaver],
 *   connectors: [ldap], // any AccountConnector fits
 *   terminationPlan: { date: "2026-12-01" },
 * });
 * const { runbook: after } = await executeRunbook(runbook, { connectors: [ldap] });
 */
export function buildOffboardingRunbook(input: BuildOffboardingRunbookInput): OffboardingRunbook {
  const { subject, people, terminationPlan } = input;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(terminationPlan.date) || Number.isNaN(Date.parse(terminationPlan.date))) {
    throw new WardenError(
      "invalid_input",
      `Termination date must be YYYY-MM-DD; got ${JSON.stringify(terminationPlan.date)}.`,
    );
  }
  if (subject.kind === "person" && !people.some((person) => person.id === subject.personId)) {
    throw new WardenError(
      "invalid_input",
      `Person ${subject.personId} is not among the people given to offboard.`,
    );
  }
  const connectors = new Map(input.connectors.map((connector) => [connector.system, connector]));
  const due = (action: ManualAction): string =>
    addDays(terminationPlan.date, terminationPlan.dueDays?.[action] ?? DEFAULT_DUE_DAYS[action]);
  const owner = (action: ManualAction): OwnerRole =>
    terminationPlan.owners?.[action] ?? DEFAULT_OWNERS[action];
  const manual = (
    action: ManualAction,
    control: ManualItem["control"],
    title: string,
    scope: { personId?: string; system?: string; account?: string },
  ): ManualItem => ({
    id: itemId("manual", action, scope.personId ?? "", scope.system ?? "", scope.account ?? ""),
    kind: "manual",
    action,
    control,
    title,
    ownerRole: owner(action),
    due: due(action),
    personId: scope.personId ?? null,
    system: scope.system ?? null,
    account: scope.account ?? null,
    state: "pending",
    completedBy: null,
    completedAt: null,
    evidence: null,
  });

  const items: RunbookItem[] = [];
  const seen = new Set<string>();
  for (const person of people) {
    const held = [...person.accounts, ...person.grants.map(({ system, account }) => ({ system, account }))];
    for (const { system, account } of held) {
      const key = `${system}\u0000${account.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const connector = connectors.get(system);
      if (connector?.canDisable && connector.disableMethod) {
        items.push({
          id: itemId("disable", system, account.toLowerCase()),
          kind: "disable-account",
          control: "TM-2",
          personId: person.id,
          system,
          account,
          method: connector.disableMethod,
          state: "pending",
          attempts: 0,
          lastError: null,
          evidence: null,
        });
      } else {
        items.push(
          manual(
            "disable-account-manually",
            "TM-2",
            `Disable account ${account} on ${system} (no writable connector) and attach proof`,
            { personId: person.id, system, account },
          ),
        );
      }
    }
    items.push(
      manual("devices-returned", "TM-1", `Devices and badges of ${person.name || person.id} returned`, {
        personId: person.id,
      }),
    );
  }
  const whose =
    subject.kind === "engagement" ? `engagement ${subject.name ?? subject.engagementId}` : "the leaver";
  items.push(
    manual("media-destruction-certificate", "TM-3", `Certificate of media destruction for ${whose}`, {}),
  );
  if (subject.kind === "engagement") {
    items.push(manual("final-custody-sync", "TM-4", "Final mirror sync of every repository verified", {}));
  }
  items.push(manual("exit-review", "TM-6", `Exit review recorded for ${whose}`, {}));

  const id =
    subject.kind === "person"
      ? itemId("offboarding", "person", subject.personId)
      : itemId("offboarding", "engagement", subject.engagementId);
  return { id, subject, terminationDate: terminationPlan.date, items };
}

/** Items still open: the engagement cannot close while this is not empty. */
export function openRunbookItems(runbook: OffboardingRunbook): RunbookItem[] {
  return runbook.items.filter((item) => item.state !== "done");
}

/**
 * Records a manual item as done, with who did it and the evidence (e.g. the certificate's blob hash).
 * Returns a new runbook; refuses automatic items, which only a verified read-back may close.
 */
export function completeManualItem(
  runbook: OffboardingRunbook,
  id: string,
  completion: { by: string; at: string; evidence: Record<string, unknown> },
): OffboardingRunbook {
  const item = runbook.items.find((one) => one.id === id);
  if (!item) throw new WardenError("not_found", `Runbook ${runbook.id} has no item ${id}.`);
  if (item.kind !== "manual") {
    throw new WardenError(
      "conflict",
      `Item ${id} is automatic: it is done only when the directory read-back proves the account disabled. Run the runbook instead.`,
    );
  }
  return {
    ...runbook,
    items: runbook.items.map((one) =>
      one.id === id
        ? {
            ...item,
            state: "done" as const,
            completedBy: completion.by,
            completedAt: completion.at,
            evidence: completion.evidence,
          }
        : one,
    ),
  };
}

function itemId(...parts: string[]): string {
  return parts.map((part) => encodeURIComponent(part)).join(":");
}

function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}
