import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceContext } from "../../src/services/context.ts";
import { recordControlException } from "../../src/services/engagements/control-exceptions.ts";
import { listDistributions } from "../../src/services/leaks/list-distributions.ts";
import { shareDocument } from "../../src/services/leaks/share-document.ts";
import { listShareRecipients } from "../../src/services/leaks/share-eligibility.ts";
import { addPerson } from "../../src/services/roster/save-person.ts";
import { contextFor, makeEngagement, makeUser, systemContext } from "../support/fixtures.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const TEXT = "The payments ledger design: double-entry postings, idempotent reconciliation. ".repeat(30);

describe("marked copies need a valid NDA", () => {
  const now = new Date("2026-06-15T10:00:00Z");
  let runtime: TestRuntime;
  let security: ServiceContext;
  let admin: ServiceContext;
  let engagement: { vendorId: string; engagementId: string };
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    runtime = await createTestRuntime({ now: () => now });
    security = contextFor(runtime, await makeUser(runtime, "security"));
    admin = contextFor(runtime, await makeUser(runtime, "admin"));
    engagement = await makeEngagement(runtime, { name: "Kaveri Software" });
    const system = systemContext(runtime);
    for (const [key, person] of Object.entries({
      signed: { fullName: "Aarav Sharma", ndaSignedOn: "2026-01-02" },
      none: { fullName: "Meera Rao" },
      expired: { fullName: "Kavya Gupta", ndaSignedOn: "2024-01-02", ndaExpiresOn: "2026-06-01" },
      future: { fullName: "Rohan Iyer", ndaSignedOn: "2026-07-01" },
    })) {
      const made = await addPerson(system, engagement.vendorId, {
        ...person,
        email: `${key}@kaveri.example`,
        startDate: "2026-01-01",
      });
      ids[key] = made.id;
    }
  });
  afterAll(async () => runtime.close());

  const share = (recipients: string[]) =>
    shareDocument(
      security,
      { engagementId: engagement.engagementId, title: "Ledger design", recipients },
      { bytes: Buffer.from(TEXT), filename: "ledger-design.md" },
    );

  it("lists who may receive a copy today, and why not", async () => {
    const list = await listShareRecipients(security, engagement.engagementId);
    expect(Object.fromEntries(list.map((p) => [p.fullName, [p.eligible, p.reason]]))).toEqual({
      "Aarav Sharma": [true, null],
      "Meera Rao": [false, "has no signed NDA"],
      "Kavya Gupta": [false, "NDA expired on 2026-06-01"],
      "Rohan Iyer": [false, "signs the NDA only on 2026-07-01"],
    });
  });

  it("refuses people without a valid NDA by name and reason, and makes no copy for anyone", async () => {
    const refused = await share([ids.signed!, ids.none!, "expired@kaveri.example"]).catch((e) => e);
    expect(refused).toMatchObject({ code: "forbidden" });
    expect(refused.message).toContain("Meera Rao (has no signed NDA)");
    expect(refused.message).toContain("Kavya Gupta (NDA expired on 2026-06-01)");
    expect(await listDistributions(security, {})).toEqual([]);
    const copies = await runtime.db.selectFrom("leak_copies").select("payload").execute();
    expect(copies).toEqual([]);
  });

  it("shares with a person covered by an admin's exception, and records the exception on the copy", async () => {
    const exception = await recordControlException(admin, engagement.engagementId, {
      controlId: "KO-4",
      personId: ids.none,
      reason: "NDA signed on paper at the kick-off; scan to follow",
      expiresOn: "2026-06-30",
    });
    const shared = await share([ids.signed!, ids.none!]);
    expect(shared.copies.map((c) => c.personId).sort()).toEqual([ids.signed, ids.none].sort());
    const log = await runtime.db
      .selectFrom("audit_log")
      .select("summary")
      .where("action", "=", "leaks.share")
      .executeTakeFirstOrThrow();
    const copies = (log.summary as { copies: { personId: string; exception?: string }[] }).copies;
    expect(copies.find((c) => c.personId === ids.none)?.exception).toBe(exception.id);
    expect(copies.find((c) => c.personId === ids.signed)?.exception).toBeUndefined();
    // The person's exception is not a gate exception: KO-4 itself is not excepted by it.
    await expect(share([ids.expired!])).rejects.toMatchObject({ code: "forbidden" });
  });

  it("lets only admins record a person's exception, for a person of this vendor", async () => {
    await expect(
      recordControlException(security, engagement.engagementId, {
        controlId: "KO-4",
        personId: ids.expired,
        reason: "Renewal in signature, two days",
        expiresOn: "2026-06-30",
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const other = await makeEngagement(runtime);
    await expect(
      recordControlException(admin, other.engagementId, {
        controlId: "KO-4",
        personId: ids.expired,
        reason: "Renewal in signature, two days",
        expiresOn: "2026-06-30",
      }),
    ).rejects.toMatchObject({ code: "invalid_input" });
  });
});
