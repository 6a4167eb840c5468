import { WardenError } from "../../domain/errors.ts";

/** One `type=value` pair of a relative distinguished name, value unescaped. */
export interface DnAttribute {
  type: string;
  value: string;
}

/** A relative distinguished name: one or more pairs joined by `+`. */
export type Rdn = DnAttribute[];

const MAX_DN_LENGTH = 8192;

/**
 * Escapes a value for use in a DN (RFC 4514 §2.4). Every special character is written as a hex pair
 * (`,` → `\2c`), never as `\,`: a hex pair holds no literal comma, so a DN written here splits the
 * same way in every client, including ones that split naively on unescaped commas.
 *
 * @example
 * `uid=${escapeDnValue("x,cn=admin")},ou=people,dc=example,dc=com` // uid=x\2ccn\3dadmin,ou=people,…
 */
export function escapeDnValue(value: string): string {
  let out = "";
  const chars = [...value];
  chars.forEach((char, index) => {
    const code = char.codePointAt(0) ?? 0;
    const special = '"+,;<>\\='.includes(char) || code < 0x20 || code === 0x7f;
    const edge =
      (index === 0 && (char === " " || char === "#")) || (index === chars.length - 1 && char === " ");
    out += special || edge ? `\\${code.toString(16).padStart(2, "0")}` : char;
  });
  return out;
}

/** Writes RDNs (most specific first) as a DN string with every value escaped. */
export function formatDn(rdns: readonly Rdn[]): string {
  return rdns.map(formatRdn).join(",");
}

export function formatRdn(rdn: Rdn): string {
  return rdn.map((pair) => `${pair.type}=${escapeDnValue(pair.value)}`).join("+");
}

/**
 * Parses a DN string (RFC 4514) into RDNs, most specific first, with values unescaped. Tolerates the
 * spaces older servers put after commas. Throws `invalid_input` on anything malformed.
 */
export function parseDn(dn: string): Rdn[] {
  if (dn.length > MAX_DN_LENGTH) {
    throw new WardenError("invalid_input", `DN longer than ${MAX_DN_LENGTH} characters; refusing it.`);
  }
  const rdns: Rdn[] = [];
  if (dn.trim() === "") return rdns;
  let i = 0;
  let rdn: Rdn = [];
  const fail = (why: string): never => {
    throw new WardenError("invalid_input", `Malformed DN ${JSON.stringify(dn)}: ${why}.`);
  };
  while (i <= dn.length) {
    while (dn[i] === " ") i++;
    const typeStart = i;
    while (i < dn.length && dn[i] !== "=") i++;
    const type = dn.slice(typeStart, i).trim();
    if (i >= dn.length) fail(`no "=" after ${JSON.stringify(type)}`);
    if (!/^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)$/.test(type))
      fail(`bad attribute type ${JSON.stringify(type)}`);
    i++;
    while (dn[i] === " ") i++;
    let value = "";
    if (dn[i] === "#") {
      const hexStart = ++i;
      while (i < dn.length && /[0-9A-Fa-f]/.test(dn[i] ?? "")) i++;
      const hex = dn.slice(hexStart, i);
      if (hex.length === 0 || hex.length % 2 !== 0) fail("bad #hex value");
      // A BER-encoded value: keep the hex form, which is how servers compare it too.
      value = `#${hex.toLowerCase()}`;
    } else {
      const bytes: number[] = [];
      let trailingSpaces = 0;
      while (i < dn.length && dn[i] !== "," && dn[i] !== "+" && dn[i] !== ";") {
        const char = dn[i] ?? "";
        if (char === "\\") {
          const next = dn.slice(i + 1, i + 3);
          if (/^[0-9A-Fa-f]{2}$/.test(next)) {
            bytes.push(Number.parseInt(next, 16));
            i += 3;
          } else if (next.length > 0 && ' "#+,;<=>\\'.includes(next[0] ?? "")) {
            bytes.push(next.charCodeAt(0));
            i += 2;
          } else {
            fail(`bad escape at position ${i}`);
          }
          trailingSpaces = 0;
          continue;
        }
        if (char === '"' || char === "<" || char === ">" || char === "\0")
          fail(`unescaped ${JSON.stringify(char)}`);
        const code = dn.charCodeAt(i);
        const text = code < 0x80 ? char : String.fromCodePoint(dn.codePointAt(i) ?? 0xfffd);
        if (code < 0x80) bytes.push(code);
        else bytes.push(...Buffer.from(text, "utf8"));
        trailingSpaces = char === " " ? trailingSpaces + 1 : 0;
        i += text.length;
      }
      // Unescaped trailing spaces are not part of the value (RFC 4514 requires a significant one escaped).
      value = Buffer.from(bytes.slice(0, bytes.length - trailingSpaces)).toString("utf8");
    }
    rdn.push({ type, value });
    if (i >= dn.length) {
      rdns.push(rdn);
      break;
    }
    const separator = dn[i];
    i++;
    if (separator !== "+") {
      rdns.push(rdn);
      rdn = [];
    }
    if (i >= dn.length) fail("ends with a separator");
  }
  return rdns;
}

/**
 * A comparison key for a DN: attribute types and values lower-cased, insignificant spaces folded,
 * multi-valued RDNs sorted. Two DNs that name the same entry under case-ignore matching (uid, cn, ou, dc)
 * get the same key.
 */
export function normalizeDn(dn: string | readonly Rdn[]): string {
  if (typeof dn === "string") {
    const plain = normalizePlainDn(dn);
    if (plain !== null) return plain;
  }
  const rdns = typeof dn === "string" ? parseDn(dn) : dn;
  return rdns.map(normalizeRdn).join(",");
}

const PLAIN_DN = /^[A-Za-z0-9 ,=._@-]+$/;
const PLAIN_TYPE = /^[A-Za-z][A-Za-z0-9-]*$/;

/**
 * The same key as the full parser gives, for the common DN that holds no escapes or specials; reading
 * group memberships normalises one DN per member, so this path carries large directories.
 */
function normalizePlainDn(dn: string): string | null {
  if (!PLAIN_DN.test(dn)) return null;
  const parts = dn.split(",");
  const out: string[] = [];
  for (const part of parts) {
    const equals = part.indexOf("=");
    if (equals < 0 || part.indexOf("=", equals + 1) >= 0) return null;
    const type = part.slice(0, equals).trim();
    const value = part.slice(equals + 1).trim();
    if (!PLAIN_TYPE.test(type)) return null;
    out.push(`${type.toLowerCase()}=${value.replace(/\s+/g, " ").toLowerCase()}`);
  }
  return out.join(",");
}

function normalizeRdn(rdn: Rdn): string {
  return rdn
    .map(
      (pair) =>
        `${pair.type.toLowerCase()}=${escapeDnValue(pair.value.trim().replace(/\s+/g, " ").toLowerCase())}`,
    )
    .sort()
    .join("+");
}

/**
 * Whether `dn` lies at or below `base`, by comparing parsed RDNs from the end, never by string search:
 * `cn=x\,dc=example,dc=com` is not below `dc=example,dc=com`, and `dc=example,dc=com,dc=evil` is not either.
 * With `strict`, `dn` must be strictly below (not the base itself).
 */
export function isDnWithin(dn: string, base: string, options: { strict?: boolean } = {}): boolean {
  const entry = parseDn(dn).map(normalizeRdn);
  const suffix = parseDn(base).map(normalizeRdn);
  if (entry.length < suffix.length || (options.strict && entry.length === suffix.length)) return false;
  const offset = entry.length - suffix.length;
  return suffix.every((rdn, index) => entry[offset + index] === rdn);
}
