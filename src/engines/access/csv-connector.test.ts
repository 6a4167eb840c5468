import { describe, expect, it } from "vitest";
import { createCsvConnector, importAccountCsv } from "./csv-connector.ts";

describe("importAccountCsv", () => {
  it("imports account state and reports each bad row by line while the rest import", () => {
    const csv = [
      "Account,Enabled,Groups,Email",
      "jdoe,yes,dev;ops,jdoe@vendor.example",
      ",true,dev,",
      "mroe,maybe,dev,",
      "JDOE,no,,",
      'kim,false,"ops | dev",kim@vendor.example',
      'broken,"yes,dev',
    ].join("\n");
    const { accounts, errors } = importAccountCsv(csv);
    expect(accounts).toEqual([
      {
        account: "jdoe",
        dn: null,
        enabled: true,
        groups: ["dev", "ops"],
        attributes: {
          account: ["jdoe"],
          enabled: ["yes"],
          groups: ["dev;ops"],
          email: ["jdoe@vendor.example"],
        },
      },
      expect.objectContaining({ account: "kim", enabled: false, groups: ["dev", "ops"] }),
    ]);
    expect(errors.map((error) => error.line)).toEqual([3, 4, 5, 7]);
    expect(errors[1]?.message).toMatch(/maybe/);
    expect(errors[2]?.message).toMatch(/line 2/);
  });

  it("refuses a file without the account and enabled columns, saying which it found", () => {
    expect(() => importAccountCsv("user,active\njdoe,yes\n")).toThrow(/account and enabled.*user, active/);
  });

  it("refuses a file beyond the size bound", () => {
    expect(() => importAccountCsv(`account,enabled\n${"x,yes\n".repeat(100)}`, { maxBytes: 100 })).toThrow(
      /larger than/,
    );
  });
});

describe("createCsvConnector", () => {
  it("reads back imported accounts but refuses to disable them", async () => {
    const { accounts } = importAccountCsv("account,enabled\njdoe,yes\n");
    const connector = createCsvConnector("jira", accounts);
    expect(connector.canDisable).toBe(false);
    expect((await connector.readBack("JDOE"))?.enabled).toBe(true);
    expect(await connector.readBack("other")).toBeNull();
    await expect(connector.disableAccount("jdoe")).rejects.toMatchObject({ code: "unsupported" });
  });
});
