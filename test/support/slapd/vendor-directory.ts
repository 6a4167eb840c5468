/**
 * A small vendor directory for the access tests: vendor staff (employeeType=vendor, with shadowAccount so
 * the lock-attribute method can set shadowExpire), one internal employee, accounts with hostile names, and
 * groupOfNames groups. Each group keeps the admin DN as a placeholder member, because groupOfNames must
 * keep at least one member after an account is removed from it.
 */
import { type LdifEntry, ldifEntries } from "../slapd.ts";

export const HOSTILE_ACCOUNTS = ["*)(uid=*", "eve,cn=admin", "back\\slash", "plus+sign", " lead#"] as const;

export interface SeedAccount {
  uid: string;
  groups: string[];
  employeeType?: "vendor" | "staff";
}

export const VENDOR_ACCOUNTS: SeedAccount[] = [
  { uid: "alice", groups: ["dev"] },
  { uid: "bob", groups: ["dev", "ops"] },
  { uid: "carol", groups: ["dev"] },
  { uid: "mallory", groups: ["ops"] },
  { uid: "dave", groups: ["dev", "ops"] },
  { uid: "erin", groups: ["dev"] },
  { uid: "frank", groups: ["ops"] },
  { uid: "grace", groups: ["dev"] },
  { uid: "heidi", groups: ["dev"] },
  { uid: "ivan", groups: ["ops"] },
  ...HOSTILE_ACCOUNTS.map((uid) => ({ uid, groups: ["dev"] })),
  { uid: "trent", groups: ["dev", "admins"], employeeType: "staff" },
];

/** LDIF for `startSlapd({ seed })`; DNs are written with RFC 4514 hex escapes, independent of the code under test. */
export function vendorDirectorySeed(baseDn = "dc=example,dc=com", accounts = VENDOR_ACCOUNTS): string {
  const entries: LdifEntry[] = [];
  const members = new Map<string, string[]>([
    ["dev", [`cn=admin,${baseDn}`]],
    ["ops", [`cn=admin,${baseDn}`]],
    ["admins", [`cn=admin,${baseDn}`]],
  ]);
  for (const account of accounts) {
    const dn = `uid=${hexEscape(account.uid)},ou=people,${baseDn}`;
    entries.push({
      dn,
      objectClass: ["inetOrgPerson", "shadowAccount"],
      uid: account.uid,
      cn: `Person ${account.uid}`,
      sn: "Test",
      mail: `${account.uid.replace(/[^a-z]/g, "x")}@vendor.example`,
      employeeType: account.employeeType ?? "vendor",
    });
    for (const group of account.groups) members.get(group)?.push(dn);
  }
  for (const [group, list] of members) {
    entries.push({
      dn: `cn=${group},ou=groups,${baseDn}`,
      objectClass: "groupOfNames",
      cn: group,
      member: list,
    });
  }
  return ldifEntries(entries);
}

function hexEscape(value: string): string {
  return [...Buffer.from(value, "utf8")]
    .map((byte) =>
      /[A-Za-z0-9]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `\\${byte.toString(16).padStart(2, "0")}`,
    )
    .join("");
}
