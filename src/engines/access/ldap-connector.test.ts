import { Client } from "ldapts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  HOSTILE_ACCOUNTS,
  VENDOR_ACCOUNTS,
  vendorDirectorySeed,
} from "../../../test/support/slapd/vendor-directory.ts";
import { AD_LITE_SCHEMA, ldifEntries, type Slapd, startSlapd } from "../../../test/support/slapd.ts";
import { WardenError } from "../../domain/errors.ts";
import {
  createLdapConnector,
  type LdapConnectorConfigInput,
  parseLdapConnectorConfig,
} from "./ldap-connector.ts";
import { isDnWithin, normalizeDn, parseDn } from "./ldap-dn.ts";
import { equalityFilter } from "./ldap-filter.ts";

let ldap: Slapd;

beforeAll(async () => {
  ldap = await startSlapd({ seed: vendorDirectorySeed() });
});

afterAll(async () => {
  await ldap?.stop();
});

function config(overrides: Partial<LdapConnectorConfigInput> = {}): LdapConnectorConfigInput {
  return {
    system: "corp-ldap",
    url: ldap.url,
    bindDn: ldap.bindDn,
    bindPassword: ldap.password,
    baseDn: ldap.baseDn,
    accountFilter: "(employeeType=vendor)",
    accountAttribute: "uid",
    groupBaseDn: ldap.groupsDn,
    disable: { method: "move-ou", disabledOu: ldap.disabledDn },
    timeoutMs: 5000,
    ...overrides,
  };
}

async function rawMembers(group: string): Promise<string[]> {
  const client = new Client({ url: ldap.url });
  try {
    await client.bind(ldap.bindDn, ldap.password);
    const { searchEntries } = await client.search(`cn=${group},${ldap.groupsDn}`, {
      scope: "base",
      attributes: ["member"],
    });
    const member = searchEntries[0]?.member ?? [];
    return (Array.isArray(member) ? member : [member]).map((value) => normalizeDn(String(value)));
  } finally {
    await client.unbind();
  }
}

async function caught(promise: Promise<unknown>): Promise<WardenError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WardenError) return error;
    throw error;
  }
  throw new Error("expected a WardenError");
}

describe("reading accounts from a real slapd", () => {
  it("reads every vendor account with its groups through small pages, and no one else", async () => {
    const connector = createLdapConnector(config({ pageSize: 3 }));
    const accounts = await connector.readAccounts();
    const vendors = VENDOR_ACCOUNTS.filter((account) => (account.employeeType ?? "vendor") === "vendor");
    expect(accounts.map((a) => a.account).sort()).toEqual(vendors.map((a) => a.uid).sort());
    const bob = accounts.find((a) => a.account === "bob");
    expect(bob).toMatchObject({
      enabled: true,
      groups: ["dev", "ops"],
      dn: `uid=bob,ou=people,${ldap.baseDn}`,
    });
    expect(bob?.attributes.employeeType).toEqual(["vendor"]);
    expect(accounts.some((a) => a.account === "trent")).toBe(false);
  });

  it("refuses settings that cannot work, naming the field", () => {
    expect(() => parseLdapConnectorConfig(config({ disable: { method: "move-ou" } }))).toThrow(/disabledOu/);
    expect(() => parseLdapConnectorConfig(config({ accountFilter: "(employeeType=vendor" }))).toThrow(
      /accountFilter/,
    );
    expect(() => parseLdapConnectorConfig(config({ baseDn: "not a dn" }))).toThrow(/baseDn/);
    expect(() =>
      parseLdapConnectorConfig(
        config({
          disable: { method: "lock-attribute", lockAttribute: "employeeType", lockValue: "disabled" },
        }),
      ),
    ).toThrow(/disable.lockAttribute: employeeType is tested by accountFilter/);
  });
});

describe("filter and DN injection", () => {
  it.each(HOSTILE_ACCOUNTS)("finds the account named %j and only it", async (name) => {
    const account = await createLdapConnector(config()).readBack(name);
    expect(account?.account).toBe(name);
    expect(parseDn(account?.dn ?? "")[0]).toEqual([{ type: "uid", value: name }]);
  });

  it.each(HOSTILE_ACCOUNTS)("makes slapd itself match only the entry named %j", async (name) => {
    const client = new Client({ url: ldap.url });
    await client.bind(ldap.bindDn, ldap.password);
    const { searchEntries } = await client.search(ldap.peopleDn, {
      filter: equalityFilter("uid", name),
      attributes: ["uid"],
    });
    const { searchEntries: none } = await client.search(ldap.peopleDn, {
      filter: equalityFilter("uid", `${name}\u0000`),
      attributes: ["uid"],
    });
    await client.unbind();
    expect(searchEntries.map((entry) => entry.uid)).toEqual([name]);
    expect(none).toEqual([]);
  });

  it("finds nothing for wildcard, NUL and filter-breaking names instead of everyone", async () => {
    const connector = createLdapConnector(config());
    for (const name of ["*", "alice*", "alice\u0000", "alice)(uid=*", "*)(|(uid=*"]) {
      expect(await connector.readBack(name), name).toBeNull();
    }
  });

  it("refuses to disable a wildcard name and leaves the directory untouched", async () => {
    const before = await ldap.dump();
    const error = await caught(createLdapConnector(config()).disableAccount("*"));
    expect(error.code).toBe("not_found");
    expect(await ldap.dump()).toBe(before);
  });

  it("moves an account whose name holds ',cn=admin' as one RDN and leaves cn=admin alone", async () => {
    const connector = createLdapConnector(config());
    const plan = await connector.disableAccount("eve,cn=admin");
    expect(plan.changes).toHaveLength(1);
    const after = await connector.readBack("eve,cn=admin");
    expect(after?.enabled).toBe(false);
    expect(parseDn(after?.dn ?? "")[0]).toEqual([{ type: "uid", value: "eve,cn=admin" }]);
    expect(isDnWithin(after?.dn ?? "", ldap.disabledDn, { strict: true })).toBe(true);
    const admin = new Client({ url: ldap.url });
    await admin.bind(ldap.bindDn, ldap.password);
    const { searchEntries } = await admin.search(ldap.baseDn, { filter: "(uid=eve*)", attributes: ["uid"] });
    await admin.unbind();
    expect(searchEntries).toHaveLength(1);
  });

  it("removes a hostile account from its groups without touching other members", async () => {
    const connector = createLdapConnector(config({ disable: { method: "remove-groups" } }));
    const hostile = await connector.readBack("*)(uid=*");
    await connector.disableAccount("*)(uid=*");
    const members = await rawMembers("dev");
    expect(members).not.toContain(normalizeDn(hostile?.dn ?? ""));
    expect(members).toContain(normalizeDn(`uid=alice,ou=people,${ldap.baseDn}`));
    expect(members).toContain(normalizeDn(`uid=back\\5cslash,ou=people,${ldap.baseDn}`));
    expect((await connector.readBack("*)(uid=*"))?.enabled).toBe(false);
  });
});

describe("writes stay below the base DN", () => {
  it("refuses to move an account to a disabled OU outside the base DN", async () => {
    const before = await ldap.dump();
    const connector = createLdapConnector(config({ baseDn: ldap.peopleDn }));
    const error = await caught(connector.disableAccount("grace"));
    expect(error.code).toBe("forbidden");
    expect(error.message).toContain(ldap.disabledDn);
    expect(await ldap.dump()).toBe(before);
  });

  it("refuses to change groups outside the base DN", async () => {
    const before = await ldap.dump();
    const connector = createLdapConnector(
      config({ baseDn: ldap.peopleDn, disable: { method: "remove-groups" } }),
    );
    const error = await caught(connector.disableAccount("grace"));
    expect(error.code).toBe("forbidden");
    expect(await ldap.dump()).toBe(before);
  });

  it("refuses a disabled OU whose text ends with the base DN but parses outside it", async () => {
    const before = await ldap.dump();
    const connector = createLdapConnector(
      config({
        baseDn: ldap.peopleDn,
        disable: { method: "move-ou", disabledOu: `cn=x\\,ou=people,${ldap.baseDn}` },
      }),
    );
    const error = await caught(connector.disableAccount("grace"));
    expect(error.code).toBe("forbidden");
    expect(await ldap.dump()).toBe(before);
  });
});

describe("connector failures say what to fix", () => {
  it("reports bad credentials as forbidden, naming the bind DN and password", async () => {
    const error = await caught(createLdapConnector(config({ bindPassword: "wrong" })).readAccounts());
    expect(error.code).toBe("forbidden");
    expect(error.message).toMatch(/invalid credentials/);
    expect(error.message).toContain(ldap.bindDn);
    expect(error.message).toMatch(/password/);
  });

  it("reports a server that is down as unavailable", async () => {
    const down = await startSlapd();
    const url = down.url;
    await down.stop();
    const error = await caught(createLdapConnector(config({ url, timeoutMs: 2000 })).readAccounts());
    expect(error.code).toBe("unavailable");
    expect(error.message).toContain(url);
  });

  it("reports a base DN that does not exist as not_found", async () => {
    const error = await caught(
      createLdapConnector(config({ baseDn: `ou=nowhere,${ldap.baseDn}` })).readAccounts(),
    );
    expect(error.code).toBe("not_found");
    expect(error.message).toMatch(/baseDn/);
  });
});

describe("TLS", () => {
  let secure: Slapd;
  beforeAll(async () => {
    secure = await startSlapd({ tls: true, seed: vendorDirectorySeed() });
  });
  afterAll(async () => {
    await secure?.stop();
  });

  const tlsConfig = (overrides: Partial<LdapConnectorConfigInput>): LdapConnectorConfigInput =>
    config({ url: secure.url, bindDn: secure.bindDn, bindPassword: secure.password, ...overrides });

  it("reads accounts over ldaps:// and over StartTLS when given the CA that signed the server", async () => {
    const ca = secure.caCertificate ?? "";
    const overLdaps = await createLdapConnector(
      tlsConfig({ url: secure.ldapsUrl ?? "", tls: { caCertificate: ca } }),
    ).readBack("alice");
    const overStartTls = await createLdapConnector(
      tlsConfig({ tls: { caCertificate: ca, startTls: true } }),
    ).readBack("alice");
    expect(overLdaps?.enabled).toBe(true);
    expect(overStartTls?.dn).toBe(overLdaps?.dn);
  });

  it("refuses a server certificate it cannot trust, saying to set the CA", async () => {
    const error = await caught(createLdapConnector(tlsConfig({ url: secure.ldapsUrl ?? "" })).readAccounts());
    expect(error.code).toBe("unavailable");
    expect(error.message).toMatch(/tls\.caCertificate/);
  });
});

describe("Active Directory's userAccountControl", () => {
  let ad: Slapd;
  beforeAll(async () => {
    const person = (uid: string, control: string) => ({
      dn: `uid=${uid},ou=people,dc=example,dc=com`,
      objectClass: ["inetOrgPerson", "wardenTestAdAccount"],
      uid,
      cn: uid,
      sn: uid,
      employeeType: "vendor",
      userAccountControl: control,
    });
    ad = await startSlapd({
      schemas: [AD_LITE_SCHEMA],
      seed: ldifEntries([person("normal", "512"), person("flags", "66048"), person("off", "514")]),
    });
  });
  afterAll(async () => {
    await ad?.stop();
  });

  const adConnector = () =>
    createLdapConnector({
      url: ad.url,
      bindDn: ad.bindDn,
      bindPassword: ad.password,
      baseDn: ad.baseDn,
      accountFilter: "(employeeType=vendor)",
      disable: { method: "lock-attribute", lockAttribute: "userAccountControl" },
    });

  it("reads an account with ACCOUNTDISABLE set as disabled", async () => {
    const accounts = await adConnector().readAccounts();
    expect(Object.fromEntries(accounts.map((a) => [a.account, a.enabled]))).toEqual({
      normal: true,
      flags: true,
      off: false,
    });
  });

  it("disables by setting ACCOUNTDISABLE and keeps the account's other flags", async () => {
    const connector = adConnector();
    expect((await connector.planDisable("off")).changes).toEqual([]);
    await connector.disableAccount("flags");
    const after = await connector.readBack("flags");
    expect(after?.enabled).toBe(false);
    expect(after?.attributes.userAccountControl).toEqual([String(66048 | 2)]);
  });
});
