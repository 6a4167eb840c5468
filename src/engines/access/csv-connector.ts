import { WardenError } from "../../domain/errors.ts";
import type { AccountConnector, DirectoryAccount, DisablePlan } from "./account-connector.ts";
import { type LineError, type ReadCsvOptions, readCsvRecords } from "./read-csv-records.ts";

export interface AccountCsvImport {
  accounts: DirectoryAccount[];
  errors: LineError[];
}

const TRUE_WORDS = new Set(["true", "yes", "y", "1", "enabled", "active"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0", "disabled", "inactive", "locked"]);

/**
 * Imports account state for a system without a connector from CSV with the columns `account`, `enabled`
 * and optionally `groups` (separated by `;` or `|`); other columns are kept as evidence attributes.
 * Bad rows are reported with their line numbers and the others import.
 *
 * @example
 * importAccountCsv("account,enabled,groups\njdoe,yes,dev;ops\n")
 * // { accounts: [{ account: "jdoe", dn: null, enabled: true, groups: ["dev", "ops"], attributes: {…} }], errors: [] }
 */
export function importAccountCsv(text: string, options: ReadCsvOptions = {}): AccountCsvImport {
  const { header, rows, errors } = readCsvRecords(text, options);
  const accountColumn = header.indexOf("account");
  const enabledColumn = header.indexOf("enabled");
  const groupsColumn = header.indexOf("groups");
  if (accountColumn < 0 || enabledColumn < 0) {
    throw new WardenError(
      "invalid_input",
      `Account CSV needs a header row with the columns account and enabled (groups optional); found: ${header.join(", ") || "nothing"}.`,
    );
  }
  const accounts: DirectoryAccount[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of rows) {
    const account = (fields[accountColumn] ?? "").trim();
    const enabledText = (fields[enabledColumn] ?? "").trim().toLowerCase();
    if (account === "") {
      errors.push({ line, message: "empty account" });
      continue;
    }
    const enabled = TRUE_WORDS.has(enabledText) ? true : FALSE_WORDS.has(enabledText) ? false : null;
    if (enabled === null) {
      errors.push({
        line,
        message: `enabled must be true/false (or yes/no, 1/0); got ${JSON.stringify(enabledText)}`,
      });
      continue;
    }
    const key = account.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      errors.push({ line, message: `account ${JSON.stringify(account)} already listed on line ${earlier}` });
      continue;
    }
    seen.set(key, line);
    const groups = (groupsColumn >= 0 ? (fields[groupsColumn] ?? "") : "")
      .split(/[;|]/)
      .map((group) => group.trim())
      .filter((group) => group !== "");
    const attributes: Record<string, string[]> = {};
    header.forEach((name, index) => {
      attributes[name] = [fields[index] ?? ""];
    });
    accounts.push({ account, dn: null, enabled, groups: [...new Set(groups)].sort(), attributes });
  }
  return { accounts, errors: errors.sort((a, b) => a.line - b.line) };
}

/**
 * A read-only connector over imported CSV account state. It cannot disable: offboarding turns its
 * accounts into manual items for the system's owner.
 */
export function createCsvConnector(system: string, accounts: readonly DirectoryAccount[]): AccountConnector {
  const byAccount = new Map(accounts.map((account) => [account.account.toLowerCase(), account]));
  const refuse = (account: string): Promise<DisablePlan> =>
    Promise.reject(
      new WardenError(
        "unsupported",
        `System ${system} is imported from CSV and cannot be changed by Warden; disable ${JSON.stringify(account)} by hand and re-import.`,
      ),
    );
  return {
    system,
    canDisable: false,
    disableMethod: null,
    readAccounts: async () => accounts.map((account) => structuredClone(account)),
    readBack: async (account) => structuredClone(byAccount.get(account.toLowerCase()) ?? null),
    planDisable: refuse,
    disableAccount: refuse,
  };
}
