import { isIP } from "node:net";
import { WardenError } from "../../domain/errors.ts";
import { parseNetworkRanges } from "./network-ranges.ts";
import { type LineError, readCsvRecords } from "./read-csv-records.ts";

/** One access to one of our systems, as a VPN, remote-desktop or git-server log records it. */
export interface AccessLogEntry {
  line: number;
  /** ISO 8601 (UTC). */
  time: string;
  /** Null when the log does not name one (e.g. `-` in Common Log Format). */
  account: string | null;
  sourceIp: string;
  system: string;
}

export type AccessLogFormat =
  | {
      kind: "csv";
      /** Header names of each column (case-insensitive). Defaults: time, account, source_ip, system. */
      columns?: { time?: string; account?: string; sourceIp?: string; system?: string };
      /** System name for logs without a system column. */
      system?: string;
    }
  | { kind: "common-log"; system: string };

export interface AccessLogImport {
  entries: AccessLogEntry[];
  errors: LineError[];
}

export interface ParseAccessLogOptions {
  maxBytes?: number;
  maxLines?: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_LINES = 2_000_000;
const MAX_LINE_LENGTH = 16 * 1024;

// host ident authuser [date] "request" status bytes, optionally followed by "referer" "user-agent".
const COMMON_LOG =
  /^(\S+) (\S+) (\S+) \[([^\]]{1,64})\] "((?:[^"\\]|\\.)*)" (\d{3}) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?\s*$/;
const MONTHS: Record<string, string> = {
  Jan: "01",
  Feb: "02",
  Mar: "03",
  Apr: "04",
  May: "05",
  Jun: "06",
  Jul: "07",
  Aug: "08",
  Sep: "09",
  Oct: "10",
  Nov: "11",
  Dec: "12",
};

/**
 * Parses an access log: CSV with configurable columns, or Common/Combined Log Format (web and git
 * servers). Malformed lines are reported with their line numbers and the rest imports.
 *
 * @example
 * const { entries, errors } = parseAccessLog(text, {
 *   kind: "csv", columns: { time: "Timestamp", account: "User", sourceIp: "Client IP" }, system: "vpn",
 * });
 */
export function parseAccessLog(
  text: string,
  format: AccessLogFormat,
  options: ParseAccessLogOptions = {},
): AccessLogImport {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (Buffer.byteLength(text, "utf8") > maxBytes) {
    throw new WardenError(
      "too_large",
      `Access log larger than ${maxBytes} bytes; split it into smaller files.`,
    );
  }
  const maxLines = options.maxLines ?? DEFAULT_MAX_LINES;
  return format.kind === "csv"
    ? parseCsvLog(text, format, maxLines)
    : parseCommonLog(text, format.system, maxLines);
}

function parseCsvLog(
  text: string,
  format: Extract<AccessLogFormat, { kind: "csv" }>,
  maxLines: number,
): AccessLogImport {
  const { header, rows, errors } = readCsvRecords(text, {
    maxBytes: Number.MAX_SAFE_INTEGER,
    maxRows: maxLines,
  });
  const column = (name: string | undefined, fallbacks: string[]): number => {
    const wanted = name ? [name.trim().toLowerCase()] : fallbacks;
    return header.findIndex((heading) => wanted.includes(heading));
  };
  const timeColumn = column(format.columns?.time, ["time", "timestamp", "date"]);
  const accountColumn = column(format.columns?.account, ["account", "user", "username"]);
  const ipColumn = column(format.columns?.sourceIp, [
    "source_ip",
    "source ip",
    "sourceip",
    "ip",
    "client_ip",
  ]);
  const systemColumn = column(format.columns?.system, ["system"]);
  const missing = [
    timeColumn < 0 ? "time" : null,
    accountColumn < 0 ? "account" : null,
    ipColumn < 0 ? "source ip" : null,
    systemColumn < 0 && !format.system ? "system (or give a system name)" : null,
  ].filter((name) => name !== null);
  if (missing.length > 0) {
    throw new WardenError(
      "invalid_input",
      `Access log CSV lacks the column(s) ${missing.join(", ")}; header is: ${header.join(", ") || "empty"}. Name the columns in the import settings.`,
    );
  }
  const entries: AccessLogEntry[] = [];
  for (const { line, fields } of rows) {
    const time = parseTime(fields[timeColumn] ?? "");
    const sourceIp = normalizeIp(fields[ipColumn] ?? "");
    const account = (fields[accountColumn] ?? "").trim();
    const system = systemColumn >= 0 ? (fields[systemColumn] ?? "").trim() : (format.system ?? "");
    const problem =
      time === null
        ? `unreadable time ${JSON.stringify(fields[timeColumn] ?? "")}`
        : sourceIp === null
          ? `source ${JSON.stringify(fields[ipColumn] ?? "")} is not an IP address`
          : system === ""
            ? "empty system"
            : null;
    if (problem !== null || time === null || sourceIp === null) {
      errors.push({ line, message: problem ?? "malformed line" });
      continue;
    }
    entries.push({
      line,
      time,
      account: account === "" || account === "-" ? null : account,
      sourceIp,
      system,
    });
  }
  return { entries, errors: errors.sort((a, b) => a.line - b.line) };
}

function parseCommonLog(text: string, system: string, maxLines: number): AccessLogImport {
  const entries: AccessLogEntry[] = [];
  const errors: LineError[] = [];
  let lineNumber = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    lineNumber++;
    if (lineNumber > maxLines) {
      errors.push({ line: lineNumber, message: `more than ${maxLines} lines; the rest was not read` });
      break;
    }
    const line = text.slice(start, end).replace(/\r$/, "");
    start = end + 1;
    if (line.trim() === "") continue;
    if (line.length > MAX_LINE_LENGTH) {
      errors.push({ line: lineNumber, message: `line longer than ${MAX_LINE_LENGTH} characters` });
      continue;
    }
    const match = COMMON_LOG.exec(line);
    if (!match) {
      errors.push({ line: lineNumber, message: "not in Common or Combined Log Format" });
      continue;
    }
    const [, host = "", , user = "", date = ""] = match;
    const sourceIp = normalizeIp(host);
    const time = parseCommonLogTime(date);
    if (sourceIp === null) {
      errors.push({ line: lineNumber, message: `host ${JSON.stringify(host)} is not an IP address` });
      continue;
    }
    if (time === null) {
      errors.push({ line: lineNumber, message: `unreadable time [${date}]` });
      continue;
    }
    entries.push({ line: lineNumber, time, account: user === "-" ? null : user, sourceIp, system });
  }
  return { entries, errors };
}

export type AccessLogFlagKind = "outside-approved-ranges" | "unknown-account";

/** An access that KO-3 forbids: from outside the approved networks, or by someone not on the roster. */
export interface AccessLogFlag {
  kind: AccessLogFlagKind;
  control: "KO-3";
  line: number;
  entry: AccessLogEntry;
  message: string;
}

export interface FlagAccessLogInput {
  entries: readonly AccessLogEntry[];
  /** The engagement's approved network ranges (CIDR). */
  approvedRanges: readonly string[];
  /** Account names on the roster (case-insensitive). */
  rosterAccounts: Iterable<string>;
}

/**
 * Flags log entries from outside the approved network ranges and by accounts not on the roster (KO-3).
 *
 * @example
 * flagAccessLog({ entries, approvedRanges: ["10.20.0.0/16"], rosterAccounts: ["jdoe"] });
 */
export function flagAccessLog(input: FlagAccessLogInput): AccessLogFlag[] {
  const approved = parseNetworkRanges(input.approvedRanges);
  const roster = new Set<string>();
  for (const account of input.rosterAccounts) roster.add(account.toLowerCase());
  const flags: AccessLogFlag[] = [];
  for (const entry of input.entries) {
    if (!approved.contains(entry.sourceIp)) {
      flags.push({
        kind: "outside-approved-ranges",
        control: "KO-3",
        line: entry.line,
        entry,
        message: `${entry.account ?? "An unnamed account"} reached ${entry.system} from ${entry.sourceIp}, outside the approved ranges.`,
      });
    }
    if (entry.account !== null && !roster.has(entry.account.toLowerCase())) {
      flags.push({
        kind: "unknown-account",
        control: "KO-3",
        line: entry.line,
        entry,
        message: `${entry.account} reached ${entry.system} but is not on the roster.`,
      });
    }
  }
  return flags;
}

function normalizeIp(value: string): string | null {
  let address = value.trim();
  if (address.startsWith("[") && address.endsWith("]")) address = address.slice(1, -1);
  return isIP(address) === 0 ? null : address.toLowerCase();
}

function parseTime(value: string): string | null {
  const text = value.trim();
  if (text === "" || text.length > 64) return null;
  const millis = /^\d{9,10}$/.test(text) ? Number(text) * 1000 : Date.parse(text);
  return Number.isNaN(millis) ? null : new Date(millis).toISOString();
}

/** `10/Oct/2000:13:55:36 -0700` → ISO 8601. */
function parseCommonLogTime(value: string): string | null {
  const match = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(
    value,
  );
  if (!match) return null;
  const [, day, monthName = "", year, hour, minute, second, sign, offsetHours, offsetMinutes] = match;
  const month = MONTHS[monthName];
  if (!month) return null;
  const millis = Date.parse(
    `${year}-${month}-${day}T${hour}:${minute}:${second}${sign}${offsetHours}:${offsetMinutes}`,
  );
  return Number.isNaN(millis) ? null : new Date(millis).toISOString();
}
