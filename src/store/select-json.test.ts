import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeVendorRow } from "../../test/support/fixtures.ts";
import { createTestRuntime, type TestRuntime } from "../../test/support/test-runtime.ts";
import { anyUuid, selectJson } from "./select-json.ts";

describe("selectJson", () => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await createTestRuntime();
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it("gives the rows the plain select gives, with timestamps as ISO text and numerics as numbers", async () => {
    const vendorId = await makeVendorRow(runtime, "Json Rows Ltd", "IN");
    const other = await makeVendorRow(runtime, "Not Selected Ltd", "PL");
    await runtime.db
      .insertInto("insurance_certificates")
      .values([
        {
          vendor_id: vendorId,
          insurer: "A",
          coverage_amount: "1500000.50",
          currency: "USD",
          expires_on: "2027-03-31",
          created_at: new Date("2026-11-01T10:20:30.456Z"),
        },
        { vendor_id: other, insurer: "B", coverage_amount: "1", currency: "EUR", expires_on: "2027-01-01" },
      ])
      .execute();
    const query = runtime.db
      .selectFrom("insurance_certificates")
      .select(["vendor_id", "insurer", "coverage_amount", "expires_on", "created_at"])
      .where(anyUuid("vendor_id", [vendorId]));
    const plain = await query.execute();
    const viaJson = await selectJson(runtime.db, query);

    expect(viaJson).toHaveLength(1);
    const [row] = viaJson;
    expect(row).toMatchObject({ vendor_id: vendorId, insurer: "A", expires_on: "2027-03-31" });
    expect(Number(row?.coverage_amount)).toBe(Number(plain[0]?.coverage_amount));
    expect(row?.coverage_amount).toBe(1500000.5);
    expect(new Date(row?.created_at ?? "").toISOString()).toBe("2026-11-01T10:20:30.456Z");
  });

  it("gives an empty list when nothing matches, and anyUuid of no ids matches nothing", async () => {
    const none = await selectJson(
      runtime.db,
      runtime.db.selectFrom("vendors").select("id").where(anyUuid("id", [])),
    );
    expect(none).toEqual([]);
  });

  it("names each value by its column or alias, keeps nulls null, and takes selectAll too", async () => {
    const vendorId = await makeVendorRow(runtime, "Named Values Ltd", "VN");
    await runtime.db
      .insertInto("vendor_certifications")
      .values([{ vendor_id: vendorId, kind: "ISO 27001", issuer: null, expires_on: "2027-05-31" }])
      .execute();
    const aliased = await selectJson(
      runtime.db,
      runtime.db
        .selectFrom("vendor_certifications as c")
        .innerJoin("vendors as v", "v.id", "c.vendor_id")
        .select(["c.kind as certificate", "v.legal_name", "c.issuer", "c.expires_on", "v.id as vendor"])
        .where(anyUuid("v.id", [vendorId])),
    );
    expect(aliased).toEqual([
      {
        certificate: "ISO 27001",
        legal_name: "Named Values Ltd",
        issuer: null,
        expires_on: "2027-05-31",
        vendor: vendorId,
      },
    ]);
    expect(Object.keys(aliased[0] ?? {})).toEqual([
      "certificate",
      "legal_name",
      "issuer",
      "expires_on",
      "vendor",
    ]);

    const everything = await selectJson(
      runtime.db,
      runtime.db
        .selectFrom("vendors")
        .selectAll()
        .where(anyUuid("id", [vendorId])),
    );
    const plain = await runtime.db.selectFrom("vendors").selectAll().where("id", "=", vendorId).execute();
    expect(Object.keys(everything[0] ?? {}).sort()).toEqual(Object.keys(plain[0] ?? {}).sort());
    expect(everything[0]?.legal_name).toBe("Named Values Ltd");
  });
});
