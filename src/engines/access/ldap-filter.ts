import { WardenError } from "../../domain/errors.ts";

/**
 * Escapes a value for use inside an LDAP search filter (RFC 4515 §3): `*`, `(`, `)`, `\` and NUL become
 * `\2a`, `\28`, `\29`, `\5c`, `\00`, so an account name like `*)(uid=*` matches only itself. Other
 * control characters are hex-escaped too, so the filter stays printable in logs.
 *
 * @example
 * `(uid=${escapeFilterValue("*)(uid=*")})` // "(uid=\2a\29\28uid=\2a)"
 */
export function escapeFilterValue(value: string): string {
  let out = "";
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === "*" || char === "(" || char === ")" || char === "\\" || code < 0x20 || code === 0x7f) {
      out += `\\${code.toString(16).padStart(2, "0")}`;
    } else {
      out += char;
    }
  }
  return out;
}

/** An equality filter `(attribute=value)` with the value escaped; the attribute must be a plain name or OID. */
export function equalityFilter(attribute: string, value: string): string {
  if (!/^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)$/.test(attribute)) {
    throw new WardenError(
      "invalid_input",
      `Not an LDAP attribute name: ${JSON.stringify(attribute)}. Use a name such as "uid" or a numeric OID.`,
    );
  }
  return `(${attribute}=${escapeFilterValue(value)})`;
}
