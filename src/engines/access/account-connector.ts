/** How a connector disables an account in a directory. */
export type DisableMethod = "remove-groups" | "move-ou" | "lock-attribute";

/** The state of one account as a system reports it; `attributes` is the evidence behind the state. */
export interface DirectoryAccount {
  account: string;
  /** Distinguished name (LDAP) or null for systems without one (CSV imports). */
  dn: string | null;
  enabled: boolean;
  groups: string[];
  attributes: Record<string, string[]>;
}

/** One write a disable performs (or, in a dry run, would perform). */
export type DirectoryChange =
  | { op: "remove-member"; groupDn: string; group: string; attribute: string; value: string }
  | { op: "move"; fromDn: string; toDn: string }
  | { op: "set-attribute"; dn: string; attribute: string; from: string[]; to: string[] };

/** What disabling an account takes: the writes, computed from the directory's current state. */
export interface DisablePlan {
  system: string;
  account: string;
  method: DisableMethod;
  dn: string;
  /** Empty when the account is already disabled by this method (disabling is idempotent). */
  changes: DirectoryChange[];
}

/**
 * A system Warden reads account state from and, when `canDisable`, disables accounts in.
 * The LDAP connector implements all of it; the CSV connector only reads.
 */
export interface AccountConnector {
  readonly system: string;
  readonly canDisable: boolean;
  /** The configured disable method, when the connector can write. */
  readonly disableMethod: DisableMethod | null;
  readAccounts(): Promise<DirectoryAccount[]>;
  /** The account as the system holds it now, or null when it does not exist. */
  readBack(account: string): Promise<DirectoryAccount | null>;
  /** The writes `disableAccount` would make, without making them. */
  planDisable(account: string, method?: DisableMethod): Promise<DisablePlan>;
  /** Disables the account (no-op when already disabled) and returns the writes made. */
  disableAccount(account: string, method?: DisableMethod): Promise<DisablePlan>;
}
