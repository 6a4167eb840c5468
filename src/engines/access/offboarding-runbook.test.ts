import { describe, expect, it } from "vitest";
import { createCsvConnector } from "./csv-connector.ts";
import {
  buildOffboardingRunbook,
  type ConnectorCapability,
  completeManualItem,
  openRunbookItems,
} from "./offboarding-runbook.ts";
import { parseRoster } from "./roster.ts";

const LDAP: ConnectorCapability = { system: "ldap", canDisable: true, disableMethod: "move-ou" };

const [leaver, other] = parseRoster([
  {
    id: "p-1",
    name: "Dana",
    accounts: [{ system: "ldap", account: "dana" }],
    grants: [
      { system: "ldap", account: "DANA", groups: ["dev"] },
      { system: "jira", account: "dana@vendor", groups: ["devs"] },
    ],
  },
  { id: "p-2", name: "Eli", grants: [{ system: "ldap", account: "eli", groups: [] }] },
]);

describe("buildOffboardingRunbook", () => {
  it("disables each account once through a writable connector and makes the rest manual", () => {
    const runbook = buildOffboardingRunbook({
      subject: { kind: "person", personId: "p-1" },
      people: [leaver!],
      connectors: [LDAP, createCsvConnector("jira", [])],
      terminationPlan: { date: "2026-12-01" },
    });
    const summary = runbook.items.map((item) =>
      item.kind === "manual"
        ? `${item.action}:${item.ownerRole}:${item.due}`
        : `disable:${item.system}:${item.account}:${item.method}`,
    );
    expect(summary).toEqual([
      "disable:ldap:dana:move-ou",
      "disable-account-manually:security:2026-12-01",
      "devices-returned:security:2026-12-06",
      "media-destruction-certificate:vendor-contact:2026-12-15",
      "exit-review:security:2026-12-15",
    ]);
    expect(runbook.items.every((item) => item.state === "pending")).toBe(true);
  });

  it("covers every person of a terminating engagement and adds the final custody sync", () => {
    const runbook = buildOffboardingRunbook({
      subject: { kind: "engagement", engagementId: "e-9", name: "Apollo" },
      people: [leaver!, other!],
      connectors: [LDAP],
      terminationPlan: {
        date: "2026-12-01",
        dueDays: { "exit-review": 30 },
        owners: { "devices-returned": "vendor-contact" },
      },
    });
    const disables = runbook.items
      .filter((item) => item.kind === "disable-account")
      .map((item) => item.account);
    expect(disables).toEqual(["dana", "eli"]);
    const manual = runbook.items.filter((item) => item.kind === "manual");
    expect(manual.filter((item) => item.action === "devices-returned").map((item) => item.ownerRole)).toEqual(
      ["vendor-contact", "vendor-contact"],
    );
    expect(manual.find((item) => item.action === "final-custody-sync")?.control).toBe("TM-4");
    expect(manual.find((item) => item.action === "exit-review")?.due).toBe("2026-12-31");
  });

  it("gives the same item ids when rebuilt, so progress can be matched", () => {
    const input = {
      subject: { kind: "person" as const, personId: "p-1" },
      people: [leaver!],
      connectors: [LDAP],
      terminationPlan: { date: "2026-12-01" },
    };
    expect(buildOffboardingRunbook(input).items.map((i) => i.id)).toEqual(
      buildOffboardingRunbook(input).items.map((i) => i.id),
    );
  });

  it("closes a manual item only with evidence, and never an automatic one", () => {
    const runbook = buildOffboardingRunbook({
      subject: { kind: "person", personId: "p-1" },
      people: [leaver!],
      connectors: [LDAP],
      terminationPlan: { date: "2026-12-01" },
    });
    const certificate = runbook.items.find(
      (item) => item.kind === "manual" && item.action === "media-destruction-certificate",
    )!;
    const after = completeManualItem(runbook, certificate.id, {
      by: "u-security",
      at: "2026-12-03T10:00:00Z",
      evidence: { blob: "sha256:abc" },
    });
    expect(openRunbookItems(after)).toHaveLength(openRunbookItems(runbook).length - 1);
    expect(openRunbookItems(runbook).some((item) => item.id === certificate.id)).toBe(true);
    const automatic = runbook.items.find((item) => item.kind === "disable-account")!;
    expect(() => completeManualItem(runbook, automatic.id, { by: "x", at: "y", evidence: {} })).toThrow(
      /read-back/,
    );
  });

  it("refuses a termination date that is not a date", () => {
    expect(() =>
      buildOffboardingRunbook({
        subject: { kind: "person", personId: "p-1" },
        people: [leaver!],
        connectors: [LDAP],
        terminationPlan: { date: "next week" },
      }),
    ).toThrow(/YYYY-MM-DD/);
  });
});
