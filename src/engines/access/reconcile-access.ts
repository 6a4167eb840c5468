import { WardenError } from "../../domain/errors.ts";
import type { DirectoryAccount } from "./account-connector.ts";
import { type AccessGrant, hasValidNda, type RosterPerson } from "./roster.ts";

export type AccessFindingKind =
  | "orphan-account"
  | "access-without-nda"
  | "access-before-start"
  | "leaver-enabled"
  | "access-without-grant"
  | "excess-groups"
  | "grant-expired"
  | "granted-account-missing"
  | "shared-account";

export type AccessControlId = "KO-4" | "KO-5" | "OG-8" | "TM-2";

/** A finding and the directory entry that proves it. */
export interface AccessFinding {
  kind: AccessFindingKind;
  control: AccessControlId;
  severity: "high" | "medium" | "low";
  system: string;
  account: string;
  personId: string | null;
  message: string;
  evidence: {
    /** The entry as the directory returned it; null when the finding is its absence. */
    entry: DirectoryAccount | null;
    [detail: string]: unknown;
  };
}

/** Account state read from one system. Only systems listed here are reconciled. */
export interface SystemAccounts {
  system: string;
  accounts: readonly DirectoryAccount[];
}

export interface ReconcileAccessInput {
  people: readonly RosterPerson[];
  directories: readonly SystemAccounts[];
  /** The day to judge dates against, YYYY-MM-DD. */
  today: string;
}

export interface ReconcileAccessResult {
  findings: AccessFinding[];
  summary: {
    people: number;
    accountsChecked: number;
    enabledAccounts: number;
    byKind: Partial<Record<AccessFindingKind, number>>;
  };
}

interface Holder {
  person: RosterPerson;
  grants: AccessGrant[];
}

const CONTROL: Record<AccessFindingKind, AccessControlId> = {
  "orphan-account": "OG-8",
  "access-without-nda": "KO-4",
  "access-before-start": "KO-4",
  "leaver-enabled": "TM-2",
  "access-without-grant": "KO-5",
  "excess-groups": "KO-5",
  "grant-expired": "KO-5",
  "granted-account-missing": "KO-5",
  "shared-account": "KO-5",
};

const SEVERITY: Record<AccessFindingKind, AccessFinding["severity"]> = {
  "orphan-account": "high",
  "access-without-nda": "high",
  "access-before-start": "medium",
  "leaver-enabled": "high",
  "access-without-grant": "medium",
  "excess-groups": "medium",
  "grant-expired": "medium",
  "granted-account-missing": "low",
  "shared-account": "medium",
};

/**
 * Reconciles the roster against the accounts systems report (KO-4, KO-5, OG-8, TM-2): enabled accounts
 * with no roster person, access without a valid NDA or before the start date, leavers still enabled,
 * access without a grant, groups beyond the grant, expired grants still held, granted accounts missing,
 * and accounts two people claim. Linear in people + grants + accounts (hash maps, no nested scans).
 * Account names compare case-insensitively, as LDAP `uid` does.
 *
 * @example
 * const { findings } = reconcileAccess({
 *   people: parseRoster(rosterJson),
 *   directories: [{ system: "ldap", accounts: await ldap.readAccounts() }],
 *   today: "2026-11-29",
 * });
 */
export function reconcileAccess(input: ReconcileAccessInput): ReconcileAccessResult {
  const { people, directories, today } = input;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    throw new WardenError(
      "invalid_input",
      `today must be a date as YYYY-MM-DD; got ${JSON.stringify(today)}.`,
    );
  }
  const findings: AccessFinding[] = [];
  const add = (
    kind: AccessFindingKind,
    system: string,
    account: string,
    personId: string | null,
    message: string,
    evidence: AccessFinding["evidence"],
  ): void => {
    findings.push({
      kind,
      control: CONTROL[kind],
      severity: SEVERITY[kind],
      system,
      account,
      personId,
      message,
      evidence,
    });
  };

  const readSystems = new Set(directories.map((directory) => directory.system));
  const holders = new Map<string, Holder>();
  for (const person of people) {
    const claimed = new Map<string, { system: string; account: string }>();
    for (const held of person.accounts) claimed.set(accountKey(held.system, held.account), held);
    for (const grant of person.grants) claimed.set(accountKey(grant.system, grant.account), grant);
    for (const [key, held] of claimed) {
      const existing = holders.get(key);
      if (existing && existing.person.id !== person.id) {
        if (readSystems.has(held.system)) {
          add(
            "shared-account",
            held.system,
            held.account,
            person.id,
            `Account ${held.account} on ${held.system} is on the roster for both ${existing.person.id} and ${person.id}; each person needs their own account.`,
            { entry: null, otherPersonId: existing.person.id },
          );
        }
        continue;
      }
      holders.set(key, { person, grants: [] });
    }
    for (const grant of person.grants) {
      const holder = holders.get(accountKey(grant.system, grant.account));
      if (holder?.person.id === person.id) holder.grants.push(grant);
    }
  }

  const present = new Set<string>();
  let accountsChecked = 0;
  let enabledAccounts = 0;
  for (const { system, accounts } of directories) {
    for (const entry of accounts) {
      accountsChecked++;
      const key = accountKey(system, entry.account);
      present.add(key);
      if (!entry.enabled) continue;
      enabledAccounts++;
      const holder = holders.get(key);
      if (!holder) {
        add(
          "orphan-account",
          system,
          entry.account,
          null,
          `Enabled account ${entry.account} on ${system} belongs to no one on the roster.`,
          { entry },
        );
        continue;
      }
      const { person, grants } = holder;
      const who = `${person.name || person.id} (${person.id})`;
      if (person.end && person.end < today) {
        add(
          "leaver-enabled",
          system,
          entry.account,
          person.id,
          `${who} left on ${person.end} but account ${entry.account} on ${system} is still enabled.`,
          { entry, end: person.end },
        );
      }
      if (person.start && person.start > today) {
        add(
          "access-before-start",
          system,
          entry.account,
          person.id,
          `${who} starts on ${person.start} but account ${entry.account} on ${system} is already enabled.`,
          { entry, start: person.start },
        );
      }
      if (!hasValidNda(person, today)) {
        add(
          "access-without-nda",
          system,
          entry.account,
          person.id,
          `${who} has enabled account ${entry.account} on ${system} without an NDA in force (${describeNda(person)}).`,
          { entry, nda: person.nda ?? null },
        );
      }
      checkGrants(entry, system, person, grants, today, add);
    }
  }

  for (const [key, { person, grants }] of holders) {
    if (person.end && person.end < today) continue;
    const grant = grants.find((one) => !one.expiry || one.expiry >= today);
    if (!grant || !readSystems.has(grant.system) || present.has(key)) continue;
    add(
      "granted-account-missing",
      grant.system,
      grant.account,
      person.id,
      `${person.name || person.id} (${person.id}) is granted account ${grant.account} on ${grant.system}, which the system does not have.`,
      { entry: null, grant },
    );
  }

  findings.sort(
    (a, b) =>
      compare(a.system, b.system) ||
      compare(a.account, b.account) ||
      compare(a.kind, b.kind) ||
      compare(a.personId, b.personId),
  );
  const byKind: Partial<Record<AccessFindingKind, number>> = {};
  for (const finding of findings) byKind[finding.kind] = (byKind[finding.kind] ?? 0) + 1;
  return { findings, summary: { people: people.length, accountsChecked, enabledAccounts, byKind } };
}

function checkGrants(
  entry: DirectoryAccount,
  system: string,
  person: RosterPerson,
  grants: readonly AccessGrant[],
  today: string,
  add: (
    kind: AccessFindingKind,
    system: string,
    account: string,
    personId: string | null,
    message: string,
    evidence: AccessFinding["evidence"],
  ) => void,
): void {
  const who = `${person.name || person.id} (${person.id})`;
  if (grants.length === 0) {
    add(
      "access-without-grant",
      system,
      entry.account,
      person.id,
      `${who} holds enabled account ${entry.account} on ${system} with no recorded grant.`,
      { entry },
    );
    return;
  }
  const active = grants.filter((grant) => !grant.expiry || grant.expiry >= today);
  const expired = grants.filter((grant) => grant.expiry && grant.expiry < today);
  if (active.length === 0) {
    add(
      "grant-expired",
      system,
      entry.account,
      person.id,
      `${who}'s grant for ${entry.account} on ${system} expired on ${latestExpiry(expired)} but the account is still enabled.`,
      { entry, expiredGrants: expired },
    );
    return;
  }
  const allowed = new Set(active.flatMap((grant) => grant.groups.map((group) => group.toLowerCase())));
  if (allowed.has("*")) return;
  const lapsed = new Set(expired.flatMap((grant) => grant.groups.map((group) => group.toLowerCase())));
  const excess: string[] = [];
  const stillHeld: string[] = [];
  for (const group of entry.groups) {
    const lower = group.toLowerCase();
    if (allowed.has(lower)) continue;
    if (lapsed.has(lower)) stillHeld.push(group);
    else excess.push(group);
  }
  if (stillHeld.length > 0) {
    add(
      "grant-expired",
      system,
      entry.account,
      person.id,
      `${who} still holds ${stillHeld.join(", ")} on ${system} after the grant expired.`,
      { entry, groups: stillHeld, expiredGrants: expired },
    );
  }
  if (excess.length > 0) {
    add(
      "excess-groups",
      system,
      entry.account,
      person.id,
      `${who} holds ${excess.join(", ")} on ${system} beyond the grant (${[...allowed].join(", ") || "no groups"}).`,
      { entry, groups: excess, granted: [...allowed] },
    );
  }
}

function accountKey(system: string, account: string): string {
  return `${system}\u0000${account.toLowerCase()}`;
}

function describeNda(person: RosterPerson): string {
  const nda = person.nda;
  if (!nda?.signed) return "none signed";
  if (nda.expires) return `signed ${nda.signed}, expires ${nda.expires}`;
  return `signed ${nda.signed}`;
}

function latestExpiry(grants: readonly AccessGrant[]): string {
  return grants.reduce(
    (latest, grant) => (grant.expiry && grant.expiry > latest ? grant.expiry : latest),
    "",
  );
}

function compare(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}
