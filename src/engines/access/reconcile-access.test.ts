import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vendorDirectorySeed } from "../../../test/support/slapd/vendor-directory.ts";
import { type Slapd, startSlapd } from "../../../test/support/slapd.ts";
import type { DirectoryAccount } from "./account-connector.ts";
import { createLdapConnector } from "./ldap-connector.ts";
import { reconcileAccess } from "./reconcile-access.ts";
import { parseRoster, type RosterPersonInput } from "./roster.ts";

const TODAY = "2026-11-29";
const SIGNED = { signed: "2026-01-10", expires: "2027-01-10" };

function account(name: string, groups: string[], enabled = true): DirectoryAccount {
  return {
    account: name,
    dn: `uid=${name},ou=people,dc=example,dc=com`,
    enabled,
    groups,
    attributes: { uid: [name] },
  };
}

function person(id: string, overrides: Partial<RosterPersonInput> = {}): RosterPersonInput {
  return {
    id,
    name: `Person ${id}`,
    start: "2026-01-15",
    nda: SIGNED,
    grants: [{ system: "ldap", account: id, groups: ["dev"] }],
    ...overrides,
  };
}

function kinds(people: RosterPersonInput[], accounts: DirectoryAccount[]): string[] {
  const { findings } = reconcileAccess({
    people: parseRoster(people),
    directories: [{ system: "ldap", accounts }],
    today: TODAY,
  });
  return findings.map((finding) => `${finding.kind}:${finding.account}`);
}

describe("reconcileAccess on plain data", () => {
  it("finds nothing when every enabled account has a person, an NDA in force and a matching grant", () => {
    expect(kinds([person("alice")], [account("alice", ["dev"])])).toEqual([]);
  });

  it("reports an enabled account with no roster person as an orphan, but not a disabled one", () => {
    expect(kinds([], [account("ghost", ["dev"]), account("old", [], false)])).toEqual([
      "orphan-account:ghost",
    ]);
  });

  it("matches account names case-insensitively, as uid does", () => {
    expect(kinds([person("alice")], [account("ALICE", ["Dev"])])).toEqual([]);
  });

  it("reports access without an NDA: missing, expired, or signed only in the future", () => {
    const people = [
      person("a", { nda: null }),
      person("b", { nda: { signed: "2025-01-01", expires: "2026-06-30" } }),
      person("c", { nda: { signed: "2026-12-01" } }),
    ];
    expect(kinds(people, [account("a", ["dev"]), account("b", ["dev"]), account("c", ["dev"])])).toEqual([
      "access-without-nda:a",
      "access-without-nda:b",
      "access-without-nda:c",
    ]);
  });

  it("reports a leaver whose account is still enabled, and not one whose last day is today", () => {
    const people = [person("gone", { end: "2026-11-28" }), person("last", { end: TODAY })];
    expect(kinds(people, [account("gone", ["dev"]), account("last", ["dev"])])).toEqual([
      "leaver-enabled:gone",
    ]);
  });

  it("reports groups beyond the grant, and groups held only through an expired grant", () => {
    const people = [
      person("bob", {
        grants: [
          { system: "ldap", account: "bob", groups: ["dev"] },
          { system: "ldap", account: "bob", groups: ["ops"], expiry: "2026-10-01" },
        ],
      }),
    ];
    const { findings } = reconcileAccess({
      people: parseRoster(people),
      directories: [{ system: "ldap", accounts: [account("bob", ["dev", "ops", "admins"])] }],
      today: TODAY,
    });
    expect(findings.map((f) => [f.kind, f.evidence.groups])).toEqual([
      ["excess-groups", ["admins"]],
      ["grant-expired", ["ops"]],
    ]);
  });

  it("reports access with no grant at all, and a granted account the system lacks", () => {
    const people = [
      person("nogrant", { grants: [], accounts: [{ system: "ldap", account: "nogrant" }] }),
      person("missing"),
    ];
    expect(kinds(people, [account("nogrant", ["dev"])])).toEqual([
      "granted-account-missing:missing",
      "access-without-grant:nogrant",
    ]);
  });

  it("reconciles only the systems it was given", () => {
    const people = [person("alice", { grants: [{ system: "vpn", account: "alice-vpn", groups: [] }] })];
    const { findings } = reconcileAccess({ people: parseRoster(people), directories: [], today: TODAY });
    expect(findings).toEqual([]);
  });

  it("reconciles 10,000 accounts against 10,000 people with one finding per planted problem", () => {
    const people: RosterPersonInput[] = [];
    const accounts: DirectoryAccount[] = [];
    for (let i = 0; i < 10_000; i++) {
      const id = `p${i}`;
      people.push(person(id, i % 1000 === 1 ? { nda: null } : {}));
      accounts.push(account(i % 1000 === 2 ? `x${i}` : id, ["dev"]));
    }
    const { findings, summary } = reconcileAccess({
      people: parseRoster(people),
      directories: [{ system: "ldap", accounts }],
      today: TODAY,
    });
    expect(summary.byKind).toEqual({
      "access-without-nda": 10,
      "orphan-account": 10,
      "granted-account-missing": 10,
    });
    expect(findings).toHaveLength(30);
  });
});

describe("reconcileAccess against a real slapd", () => {
  let ldap: Slapd;
  beforeAll(async () => {
    ldap = await startSlapd({ seed: vendorDirectorySeed() });
  });
  afterAll(async () => {
    await ldap?.stop();
  });

  it("finds the orphan, the person without an NDA and the leaver, with the directory entries as evidence", async () => {
    const connector = createLdapConnector({
      system: "corp-ldap",
      url: ldap.url,
      bindDn: ldap.bindDn,
      bindPassword: ldap.password,
      baseDn: ldap.baseDn,
      accountFilter: "(employeeType=vendor)",
      groupBaseDn: ldap.groupsDn,
      disable: { method: "move-ou", disabledOu: ldap.disabledDn },
    });
    const accounts = await connector.readAccounts();
    const grant = (id: string, groups: string[]) => [{ system: "corp-ldap", account: id, groups }];
    const roster = parseRoster([
      { id: "p-alice", name: "Alice", nda: SIGNED, grants: grant("alice", ["dev"]) },
      { id: "p-bob", name: "Bob", nda: null, grants: grant("bob", ["dev", "ops"]) },
      { id: "p-carol", name: "Carol", nda: SIGNED, end: "2026-10-31", grants: grant("carol", ["dev"]) },
    ]);
    const { findings } = reconcileAccess({
      people: roster,
      directories: [{ system: "corp-ldap", accounts }],
      today: TODAY,
    });

    const orphan = findings.find((f) => f.kind === "orphan-account" && f.account === "mallory");
    expect(orphan).toMatchObject({ control: "OG-8", personId: null });
    expect(orphan?.evidence.entry).toMatchObject({
      dn: `uid=mallory,ou=people,${ldap.baseDn}`,
      enabled: true,
      groups: ["ops"],
      attributes: { employeeType: ["vendor"] },
    });

    const noNda = findings.filter((f) => f.kind === "access-without-nda");
    expect(noNda.map((f) => [f.account, f.personId, f.control])).toEqual([["bob", "p-bob", "KO-4"]]);
    expect(noNda[0]?.evidence.entry?.dn).toBe(`uid=bob,ou=people,${ldap.baseDn}`);

    const leaver = findings.filter((f) => f.kind === "leaver-enabled");
    expect(leaver.map((f) => [f.account, f.control])).toEqual([["carol", "TM-2"]]);

    expect(findings.filter((f) => f.account === "alice")).toEqual([]);
    expect(findings.some((f) => f.account === "trent")).toBe(false);
  });
});
