import { Client } from "ldapts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vendorDirectorySeed } from "../../../test/support/slapd/vendor-directory.ts";
import { type Slapd, startSlapd } from "../../../test/support/slapd.ts";
import type { AccountConnector, DisableMethod } from "./account-connector.ts";
import { executeRunbook, type RunbookItemResult } from "./execute-runbook.ts";
import { createLdapConnector } from "./ldap-connector.ts";
import { normalizeDn } from "./ldap-dn.ts";
import { buildOffboardingRunbook, type OffboardingRunbook } from "./offboarding-runbook.ts";
import { parseRoster } from "./roster.ts";

function connectorFor(ldap: Slapd, method: DisableMethod): AccountConnector {
  return createLdapConnector({
    system: "corp-ldap",
    url: ldap.url,
    bindDn: ldap.bindDn,
    bindPassword: ldap.password,
    baseDn: ldap.baseDn,
    accountFilter: "(employeeType=vendor)",
    groupBaseDn: ldap.groupsDn,
    disable: { method, disabledOu: ldap.disabledDn, lockAttribute: "shadowExpire", lockValue: "1" },
    timeoutMs: 2000,
  });
}

function runbookFor(connector: AccountConnector, accounts: string[]): OffboardingRunbook {
  const people = parseRoster(
    accounts.map((account) => ({
      id: `p-${account}`,
      name: account,
      grants: [{ system: "corp-ldap", account, groups: [] }],
    })),
  );
  return buildOffboardingRunbook({
    subject: { kind: "engagement", engagementId: "e-1" },
    people,
    connectors: [connector],
    terminationPlan: { date: "2026-11-30" },
  });
}

/** The entry as slapd holds it, read without the connector under test. */
async function rawEntry(
  ldap: Slapd,
  uid: string,
): Promise<{ dn: string; shadowExpire: string | null; groups: string[] } | null> {
  const client = new Client({ url: ldap.url });
  try {
    await client.bind(ldap.bindDn, ldap.password);
    const { searchEntries } = await client.search(ldap.baseDn, {
      filter: `(uid=${uid})`,
      attributes: ["shadowExpire"],
    });
    const entry = searchEntries[0];
    if (!entry) return null;
    const groups = await client.search(ldap.groupsDn, { filter: `(member=${entry.dn})`, attributes: ["cn"] });
    return {
      dn: normalizeDn(entry.dn),
      shadowExpire: [entry.shadowExpire ?? []].flat().map(String)[0] ?? null,
      groups: groups.searchEntries.map((group) => String(group.cn)).sort(),
    };
  } finally {
    await client.unbind();
  }
}

describe("offboarding a leaver against a real slapd", () => {
  let ldap: Slapd;
  beforeAll(async () => {
    ldap = await startSlapd({ seed: vendorDirectorySeed() });
  });
  afterAll(async () => {
    await ldap?.stop();
  });

  it("changes nothing in a dry run and reports each planned change", async () => {
    const before = await ldap.dump();
    const results: RunbookItemResult[] = [];
    for (const method of ["remove-groups", "move-ou", "lock-attribute"] as const) {
      const connector = connectorFor(ldap, method);
      const runbook = runbookFor(connector, ["grace"]);
      const run = await executeRunbook(runbook, { connectors: [connector], dryRun: true });
      expect(run.runbook).toEqual(runbook);
      expect(run.status).toBe("incomplete");
      results.push(...run.results.filter((result) => result.outcome === "skipped"));
    }
    expect(await ldap.dump()).toBe(before);
    const changes = results.map((result) =>
      result.outcome === "skipped" ? result.plan.changes.map((c) => c.op) : [],
    );
    expect(changes).toEqual([["remove-member"], ["move"], ["set-attribute"]]);
  });

  it.each([
    ["remove-groups", "dave"],
    ["move-ou", "erin"],
    ["lock-attribute", "frank"],
  ] as const)("disables the account with %s and proves it by reading it back", async (method, uid) => {
    const before = await rawEntry(ldap, uid);
    expect(before?.groups.length).toBeGreaterThan(0);
    const connector = connectorFor(ldap, method);
    const { runbook, status, results } = await executeRunbook(runbookFor(connector, [uid]), {
      connectors: [connector],
    });

    expect(status).toBe("manual-open");
    const item = runbook.items.find((one) => one.kind === "disable-account");
    expect(item?.state).toBe("done");
    expect(item?.kind === "disable-account" && item.evidence?.readBack.enabled).toBe(false);
    expect(results.filter((r) => r.outcome === "done")).toHaveLength(1);

    const after = await rawEntry(ldap, uid);
    if (method === "remove-groups") expect(after?.groups).toEqual([]);
    if (method === "move-ou") expect(after?.dn).toBe(normalizeDn(`uid=${uid},${ldap.disabledDn}`));
    if (method === "lock-attribute") expect(after?.shadowExpire).toBe("1");
    const listed = (await connector.readAccounts()).find((account) => account.account === uid);
    expect(listed?.enabled).toBe(false);
  });

  it("does nothing more when run again: done items are skipped", async () => {
    const connector = connectorFor(ldap, "move-ou");
    const first = await executeRunbook(runbookFor(connector, ["heidi"]), { connectors: [connector] });
    const dump = await ldap.dump();
    const second = await executeRunbook(first.runbook, { connectors: [connector] });
    expect(second.results.filter((r) => r.outcome !== "manual").map((r) => r.outcome)).toEqual([
      "already-done",
    ]);
    expect(await ldap.dump()).toBe(dump);
  });
});

describe("a directory that goes down half-way", () => {
  let ldap: Slapd;
  beforeAll(async () => {
    ldap = await startSlapd({ seed: vendorDirectorySeed() });
  });
  afterAll(async () => {
    await ldap?.stop();
  });

  it("leaves the runbook resumable, with nothing marked done that is not disabled", async () => {
    const connector = connectorFor(ldap, "lock-attribute");
    const runbook = runbookFor(connector, ["alice", "bob", "carol"]);
    const saved: OffboardingRunbook[] = [];
    const first = await executeRunbook(runbook, {
      connectors: [connector],
      onItem: async (result, current) => {
        saved.push(current);
        if (result.outcome === "done") await ldap.pause();
      },
    });

    expect(first.status).toBe("incomplete");
    const states = (book: OffboardingRunbook) =>
      book.items
        .filter((item) => item.kind === "disable-account")
        .map((item) => `${item.account}:${item.state}`);
    expect(states(first.runbook)).toEqual(["alice:done", "bob:failed", "carol:pending"]);
    const bob = first.runbook.items.find((item) => item.kind === "disable-account" && item.account === "bob");
    expect(bob?.kind === "disable-account" && bob.lastError?.code).toBe("unavailable");
    expect(first.results.find((r) => r.itemId === bob?.id)?.outcome).toBe("failed");
    expect(saved.at(-1)).toEqual(first.runbook);

    await ldap.resume();
    expect((await rawEntry(ldap, "alice"))?.shadowExpire).toBe("1");
    expect((await rawEntry(ldap, "bob"))?.shadowExpire).toBeNull();
    expect((await rawEntry(ldap, "carol"))?.shadowExpire).toBeNull();

    const resumed = await executeRunbook(saved.at(-1)!, {
      connectors: [connectorFor(ldap, "lock-attribute")],
    });
    expect(states(resumed.runbook)).toEqual(["alice:done", "bob:done", "carol:done"]);
    expect(resumed.results.find((r) => r.itemId.includes("alice"))?.outcome).toBe("already-done");
    for (const uid of ["alice", "bob", "carol"]) expect((await rawEntry(ldap, uid))?.shadowExpire).toBe("1");
  });

  it("marks an item failed, not done, when the account cannot be found, and goes on with the rest", async () => {
    const connector = connectorFor(ldap, "move-ou");
    const { runbook } = await executeRunbook(runbookFor(connector, ["nobody-here", "ivan"]), {
      connectors: [connector],
    });
    expect(
      runbook.items
        .filter((item) => item.kind === "disable-account")
        .map((item) => `${item.account}:${item.state}`),
    ).toEqual(["nobody-here:failed", "ivan:done"]);
  });
});
