import { describe, expect, it } from "vitest";
import { escapeDnValue, formatDn, isDnWithin, normalizeDn, parseDn } from "./ldap-dn.ts";

const HOSTILE = [
  "*)(uid=*",
  "x,cn=admin",
  "back\\slash",
  "a+b",
  '"quoted"',
  "<tag>",
  "semi;colon",
  " lead",
  "trail ",
  "#hash",
  "nul\u0000byte",
  "ünï😀",
];

describe("DN escaping and parsing (RFC 4514)", () => {
  it.each(HOSTILE)("round-trips the hostile value %j through escape and parse as a single RDN", (value) => {
    const dn = `uid=${escapeDnValue(value)},ou=people,dc=example,dc=com`;
    const rdns = parseDn(dn);
    expect(rdns).toHaveLength(4);
    expect(rdns[0]).toEqual([{ type: "uid", value }]);
  });

  it("writes specials as hex pairs so no literal comma follows a backslash", () => {
    const escaped = escapeDnValue("eve,cn=admin\\");
    expect(escaped).toBe("eve\\2ccn\\3dadmin\\5c");
    expect(escaped).not.toMatch(/,/);
  });

  it("reads the backslash-character escapes servers return", () => {
    expect(parseDn("uid=eve\\,cn\\=admin,ou=people,dc=example,dc=com")[0]).toEqual([
      { type: "uid", value: "eve,cn=admin" },
    ]);
    expect(parseDn("cn=a\\+b+uid=c, ou=x")).toEqual([
      [
        { type: "cn", value: "a+b" },
        { type: "uid", value: "c" },
      ],
      [{ type: "ou", value: "x" }],
    ]);
  });

  it("refuses malformed DNs", () => {
    for (const bad of ["uid", "uid=a,", "uid=a\\zz,dc=x", "=a,dc=x", 'uid=a"b,dc=x', "u id=a"]) {
      expect(() => parseDn(bad), bad).toThrow(/Malformed DN/);
    }
  });

  it("gives a plain DN the same key whether read from text or from parsed RDNs", () => {
    for (const dn of [
      "uid=Alice,ou=People,dc=Example,dc=com",
      "CN = Jane  Doe , OU=x.y_z@w-1,dc=a",
      "uid=a b,dc=x",
    ]) {
      expect(normalizeDn(dn), dn).toBe(normalizeDn(parseDn(dn)));
    }
  });

  it("formats parsed RDNs back to an equivalent DN", () => {
    const dn = "uid=eve\\,cn\\=admin,ou=people,dc=example,dc=com";
    expect(normalizeDn(formatDn(parseDn(dn)))).toBe(normalizeDn(dn));
  });
});

describe("isDnWithin", () => {
  const base = "dc=example,dc=com";

  it("accepts entries below the base whatever the case and spacing", () => {
    expect(isDnWithin("uid=a,ou=People,DC=Example, dc=com", base, { strict: true })).toBe(true);
  });

  it("rejects a DN that merely ends with the base's text inside an escaped value", () => {
    const dn = "cn=foo\\,dc=example,dc=com";
    expect(dn.endsWith(`,${base}`)).toBe(true);
    expect(isDnWithin(dn, base)).toBe(false);
  });

  it("rejects a DN that contains the base but under another suffix", () => {
    expect(isDnWithin("ou=x,dc=example,dc=com,dc=evil", base)).toBe(false);
    expect(isDnWithin("ou=x,dc=notexample,dc=com", base)).toBe(false);
  });

  it("treats the base itself as within only when not strict", () => {
    expect(isDnWithin(base, base)).toBe(true);
    expect(isDnWithin(base, base, { strict: true })).toBe(false);
  });
});
