/**
 * People and access: read who holds which account in the real systems (LDAP / Active Directory, CSV
 * imports), reconcile that against the vendor roster (KO-4, KO-5, OG-8, TM-2), offboard leavers through
 * the directory with read-back proof (TM-1..TM-6), and check where access came from (KO-3).
 */

export {
  type AccessLogEntry,
  type AccessLogFlag,
  type AccessLogFlagKind,
  type AccessLogFormat,
  type AccessLogImport,
  type FlagAccessLogInput,
  flagAccessLog,
  type ParseAccessLogOptions,
  parseAccessLog,
} from "./access-log.ts";
export type {
  AccountConnector,
  DirectoryAccount,
  DirectoryChange,
  DisableMethod,
  DisablePlan,
} from "./account-connector.ts";
export { type AccountCsvImport, createCsvConnector, importAccountCsv } from "./csv-connector.ts";
export {
  type ExecuteRunbookOptions,
  type ExecuteRunbookResult,
  executeRunbook,
  type RunbookItemResult,
} from "./execute-runbook.ts";
export {
  createLdapConnector,
  type LdapConnectorConfig,
  type LdapConnectorConfigInput,
  ldapConnectorConfigSchema,
  parseLdapConnectorConfig,
} from "./ldap-connector.ts";
export { escapeDnValue, formatDn, isDnWithin, normalizeDn, parseDn, type Rdn } from "./ldap-dn.ts";
export { equalityFilter, escapeFilterValue } from "./ldap-filter.ts";
export { type NetworkRanges, parseNetworkRanges } from "./network-ranges.ts";
export {
  type BuildOffboardingRunbookInput,
  buildOffboardingRunbook,
  type ConnectorCapability,
  completeManualItem,
  type DisableAccountItem,
  type DisableEvidence,
  type ManualAction,
  type ManualItem,
  type OffboardingRunbook,
  type OwnerRole,
  openRunbookItems,
  type RunbookItem,
  type RunbookItemState,
  type RunbookSubject,
  type TerminationPlan,
} from "./offboarding-runbook.ts";
export type { LineError } from "./read-csv-records.ts";
export {
  type AccessFinding,
  type AccessFindingKind,
  type ReconcileAccessInput,
  type ReconcileAccessResult,
  reconcileAccess,
  type SystemAccounts,
} from "./reconcile-access.ts";
export {
  type AccessGrant,
  accessGrantSchema,
  hasValidNda,
  parseRoster,
  type RosterPerson,
  type RosterPersonInput,
  rosterPersonSchema,
} from "./roster.ts";
