import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, toIsoDate } from "../../src/domain/dates.ts";
import { isWardenError } from "../../src/domain/errors.ts";
import { canMoveMilestone, type MilestoneState } from "../../src/domain/milestone-states.ts";
import { nextStage } from "../../src/domain/stages.ts";
import { verifyAuditLog } from "../../src/services/audit/verify-audit-log.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import { recordCodeDelivery } from "../../src/services/custody/record-code-delivery.ts";
import { advanceStage } from "../../src/services/engagements/advance-stage.ts";
import { attestControl } from "../../src/services/engagements/attest-control.ts";
import { recordControlException } from "../../src/services/engagements/control-exceptions.ts";
import { createEngagement } from "../../src/services/engagements/create-engagement.ts";
import { getEngagement } from "../../src/services/engagements/get-engagement.ts";
import { shareDocument } from "../../src/services/leaks/share-document.ts";
import { shareRefusal } from "../../src/services/leaks/share-eligibility.ts";
import { approvePayment, markPaid } from "../../src/services/milestones/approve-payment.ts";
import { createMilestone } from "../../src/services/milestones/create-milestone.ts";
import { listMilestones } from "../../src/services/milestones/list-milestones.ts";
import { decideDelivery, recordDelivery } from "../../src/services/milestones/move-milestone.ts";
import { transitionMilestone } from "../../src/services/milestones/transition-milestone.ts";
import { evaluateEngagements } from "../../src/services/playbook/evaluate-engagements.ts";
import { readOrgSettings, updateOrgSettings } from "../../src/services/playbook/playbook-settings.ts";
import { addPerson } from "../../src/services/roster/save-person.ts";
import { createVendor } from "../../src/services/vendors/create-vendor.ts";
import { writeTransaction } from "../../src/services/write.ts";
import type { Role } from "../../src/store/schema.ts";
import { contextFor, makeUser, systemContext } from "../support/fixtures.ts";
import { createTestRuntime, TEST_DATABASE_URL, type TestRuntime } from "../support/test-runtime.ts";

/**
 * A model-based test of the assurance rules: fast-check drives random sequences
 * of service calls (every role, two vendors and a subcontractor, all stages,
 * deliveries, decisions, payments, shares, exceptions, expiries moved by a test
 * clock) and after every step checks that
 *  (i)   no engagement entered a stage while a blocking control of the stage it
 *        left did not hold (pass, attested, n/a or excepted) at that moment;
 *  (ii)  no milestone is approved for payment or paid without an acceptance that
 *        a passing verification or a manual acceptance with its reason
 *        recorded, nor approved by the one who accepted it (unless allowed);
 *  (iii) no marked copy exists for a person without a valid NDA on its date,
 *        unless an exception covered them;
 *  (iv)  a vendor contact never read or wrote another vendor's object;
 *  (v)   every write has its audit entry, a refused call writes nothing, and the
 *        chain verifies;
 *  (vi)  no milestone or engagement moved in a way its state machine forbids.
 * `WARDEN_MODEL_RUNS` sets the number of sequences (`npm run test:model -- --runs 5000`);
 * fast-check prints the seed and the shrunk sequence of a failure.
 */

const RUNS = Number(process.env.WARDEN_MODEL_RUNS ?? (TEST_DATABASE_URL ? 40 : 200));
const STEPS = 30;
const SEED = process.env.WARDEN_MODEL_SEED ? Number(process.env.WARDEN_MODEL_SEED) : undefined;
const BASE = new Date("2026-06-15T10:00:00Z");

const ACTORS = ["admin", "security", "legal", "finance", "auditor", "vendorA", "vendorB", "sam"] as const;
type ActorKey = (typeof ACTORS)[number];

type Step =
  | { kind: "advance"; actor: ActorKey; eng: number }
  | { kind: "except"; actor: ActorKey; eng: number; pick: number; days: number }
  | { kind: "attest"; actor: ActorKey; eng: number; pick: number }
  | { kind: "milestone"; actor: ActorKey; eng: number; final: boolean }
  | { kind: "deliver"; actor: ActorKey; m: number }
  | { kind: "codeDeliver"; actor: ActorKey; m: number }
  | { kind: "verify"; m: number; pass: boolean }
  | { kind: "decide"; actor: ActorKey; m: number; accept: boolean; reason: boolean }
  | { kind: "approve"; actor: ActorKey; m: number }
  | { kind: "pay"; actor: ActorKey; m: number }
  | { kind: "share"; actor: ActorKey; eng: number; people: number[] }
  | { kind: "personException"; actor: ActorKey; eng: number; person: number; days: number }
  | { kind: "tick"; days: number }
  | { kind: "peek"; actor: ActorKey; eng: number }
  | { kind: "allowAcceptorPayment"; on: boolean }
  | { kind: "swapSam" };

const actor = fc.constantFrom(...ACTORS);
const eng = fc.nat(1);
const m = fc.nat(7);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("advance" as const), actor, eng }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("except" as const),
      actor: fc.constantFrom<ActorKey>("admin", "admin", "security"),
      eng,
      pick: fc.nat(20),
      days: fc.integer({ min: 1, max: 40 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("attest" as const), actor, eng, pick: fc.nat(5) }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("milestone" as const), actor, eng, final: fc.boolean() }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("deliver" as const), actor, m }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("codeDeliver" as const), actor, m }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("verify" as const), m, pass: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("decide" as const),
      actor,
      m,
      accept: fc.boolean(),
      reason: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("approve" as const), actor, m }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("pay" as const), actor, m }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("share" as const),
      actor,
      eng,
      people: fc.uniqueArray(fc.nat(5), { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("personException" as const),
      actor: fc.constantFrom<ActorKey>("admin", "security"),
      eng,
      person: fc.nat(5),
      days: fc.integer({ min: 1, max: 30 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("tick" as const), days: fc.integer({ min: 1, max: 45 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("peek" as const),
      actor: fc.constantFrom<ActorKey>("vendorA", "vendorB"),
      eng,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("allowAcceptorPayment" as const), on: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("swapSam" as const) }) },
);

const ATTESTABLE = ["DD-3", "CT-12", "CT-13", "TM-1", "TM-6", "TM-3"];
const TEXT = "Design of the ledger service: double-entry postings and idempotent reconciliation. ".repeat(12);

interface World {
  engagements: { id: string; vendorId: string }[];
  repositories: string[];
  milestones: { id: string; engagementId: string }[];
}

describe("the assurance rules, as a model", () => {
  let runtime: TestRuntime;
  let clock = BASE;
  const users = {} as Record<ActorKey, { id: string; role: Role; vendorId: string | null; email: string }>;
  let vendorA: string;
  let vendorB: string;
  /** People by index: 0–3 on vendor A's roster (one a subcontractor's), 4–5 on vendor B's. */
  const people: { id: string; vendorId: string }[] = [];

  beforeAll(async () => {
    runtime = await createTestRuntime({ now: () => clock });
    const system = systemContext(runtime);
    vendorA = (await createVendor(system, { legalName: "Model Vendor A", country: "IN" })).id;
    const sub = (
      await createVendor(system, { legalName: "Model Sub", country: "VN", parentVendorId: vendorA })
    ).id;
    vendorB = (await createVendor(system, { legalName: "Model Vendor B", country: "PH" })).id;
    for (const role of ["admin", "security", "legal", "finance", "auditor"] as const) {
      const u = await makeUser(runtime, role);
      users[role] = { id: u.id, role, vendorId: null, email: u.email };
    }
    for (const [key, vendorId] of [
      ["vendorA", vendorA],
      ["vendorB", vendorB],
    ] as const) {
      const u = await makeUser(runtime, "vendor", { vendorId });
      users[key] = { id: u.id, role: "vendor", vendorId, email: u.email };
    }
    const sam = await makeUser(runtime, "security");
    users.sam = { id: sam.id, role: "security", vendorId: null, email: sam.email };
    const d = (n: number) => addDays(toIsoDate(BASE), n);
    for (const [vendorId, person] of [
      [vendorA, { fullName: "Valid Long", ndaSignedOn: d(-200) }],
      [vendorA, { fullName: "Expiring Soon", ndaSignedOn: d(-300), ndaExpiresOn: d(20) }],
      [vendorA, { fullName: "Never Signed" }],
      [vendorA, { fullName: "Sub Person", ndaSignedOn: d(-100), employerVendorId: sub }],
      [vendorB, { fullName: "B Valid", ndaSignedOn: d(-50) }],
      [vendorB, { fullName: "B Signs Later", ndaSignedOn: d(30) }],
    ] as const) {
      const p = await addPerson(system, vendorId, {
        ...person,
        email: `${person.fullName.toLowerCase().replace(/ /g, ".")}@model.example`,
        startDate: d(-400),
      });
      people.push({ id: p.id, vendorId });
    }
  }, 120_000);
  afterAll(async () => runtime.close());

  function ctxOf(key: ActorKey): ServiceContext {
    const u = users[key];
    return contextFor(runtime, {
      id: u.id,
      email: u.email,
      name: key,
      role: u.role,
      vendorId: u.vendorId,
    } as Parameters<typeof contextFor>[1]);
  }

  async function newWorld(): Promise<World> {
    clock = BASE;
    const system = systemContext(runtime);
    const engagements = [];
    const repositories = [];
    for (const vendorId of [vendorA, vendorB]) {
      const e = await createEngagement(system, { vendorId, name: "Model engagement", offshore: true });
      engagements.push({ id: e.id, vendorId });
      const repo = await runtime.db
        .insertInto("custody_repositories")
        .values({
          engagement_id: e.id,
          name: "app",
          url: "https://git.model.example/app.git",
          transport: "https",
          created_by: "model",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      repositories.push(repo.id);
    }
    return { engagements, repositories, milestones: [] };
  }

  /** What the invariants compare before and after a step. */
  async function observe(world: World) {
    const ids = world.engagements.map((e) => e.id);
    const [stages, milestones, audit] = await Promise.all([
      runtime.db.selectFrom("engagements").select(["id", "stage"]).where("id", "in", ids).execute(),
      runtime.db.selectFrom("milestones").selectAll().where("engagement_id", "in", ids).execute(),
      runtime.db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.max("seq").as("seq"))
        .executeTakeFirstOrThrow(),
    ]);
    return {
      stages: new Map(stages.map((s) => [s.id, s.stage])),
      milestones: new Map(milestones.map((x) => [x.id, x])),
      seq: Number(audit.seq ?? 0),
    };
  }

  const engagementOf = (world: World, i: number) => world.engagements[i % world.engagements.length]!;
  const milestoneOf = (world: World, i: number) =>
    world.milestones.length ? world.milestones[i % world.milestones.length] : undefined;
  const vendorOfActor = (key: ActorKey) => users[key].vendorId;
  const today = () => toIsoDate(clock);

  /** Runs one step; returns whether it wrote, and the vendor whose object it touched. */
  async function run(world: World, s: Step): Promise<{ wrote: boolean; touched: string | null }> {
    switch (s.kind) {
      case "advance": {
        const e = engagementOf(world, s.eng);
        const [before] = await evaluateEngagements(runtime.db, [e.id], clock);
        await advanceStage(ctxOf(s.actor), e.id);
        // (i) it moved: the gate it left held at that moment.
        expect({
          step: s,
          gateWasOpen: before!.gate.open,
          blockers: before!.gate.blockers.map((b) => b.id),
        }).toEqual({ step: s, gateWasOpen: true, blockers: [] });
        return { wrote: true, touched: e.vendorId };
      }
      case "except": {
        const e = engagementOf(world, s.eng);
        const [now] = await evaluateEngagements(runtime.db, [e.id], clock);
        const open = now!.results.filter((r) => r.blocking && r.stage === now!.stage);
        const control = open[s.pick % Math.max(1, open.length)]?.id ?? "DD-1";
        await recordControlException(ctxOf(s.actor), e.id, {
          controlId: control,
          reason: "Model: accepted for the pilot",
          expiresOn: addDays(today(), s.days),
        });
        return { wrote: true, touched: e.vendorId };
      }
      case "attest": {
        const e = engagementOf(world, s.eng);
        await attestControl(ctxOf(s.actor), e.id, {
          controlId: ATTESTABLE[s.pick % ATTESTABLE.length],
          statement: "Model attestation",
          expiresOn: addDays(today(), 60),
        });
        return { wrote: true, touched: e.vendorId };
      }
      case "milestone": {
        const e = engagementOf(world, s.eng);
        const made = await createMilestone(ctxOf(s.actor), e.id, {
          title: `M${world.milestones.length}`,
          amount: 1000 + world.milestones.length,
          currency: "USD",
          acceptanceDays: 5,
          isFinal: s.final,
        });
        world.milestones.push({ id: made.id, engagementId: e.id });
        return { wrote: true, touched: e.vendorId };
      }
      case "deliver":
      case "codeDeliver":
      case "decide":
      case "approve":
      case "pay":
      case "verify": {
        const target = milestoneOf(world, s.m);
        if (!target) return { wrote: false, touched: null };
        const e = world.engagements.find((x) => x.id === target.engagementId)!;
        if (s.kind === "deliver") await recordDelivery(ctxOf(s.actor), target.id, { note: "model" });
        if (s.kind === "codeDeliver")
          await recordCodeDelivery(ctxOf(s.actor), target.id, {
            repositoryId: world.repositories[world.engagements.indexOf(e)],
            ref: "v1",
          });
        if (s.kind === "decide")
          await decideDelivery(ctxOf(s.actor), target.id, {
            accept: s.accept,
            ...(s.reason ? { reason: "Model decision" } : {}),
          });
        if (s.kind === "approve") {
          const row = await runtime.db
            .selectFrom("milestones")
            .select("accepted_by_user_id")
            .where("id", "=", target.id)
            .executeTakeFirstOrThrow();
          const allowed = (await readOrgSettings(runtime.db)).paymentByAcceptor;
          await approvePayment(ctxOf(s.actor), target.id);
          // (ii) never approved by whoever accepted it, unless the organisation allowed it.
          if (!allowed) expect(row.accepted_by_user_id).not.toBe(users[s.actor].id);
        }
        if (s.kind === "pay") await markPaid(ctxOf(s.actor), target.id);
        if (s.kind === "verify") {
          // What the verification job does with its verdict, as the system.
          const system = systemContext(runtime);
          const moved = await writeTransaction(system, (tx, audit) =>
            transitionMilestone(system, tx, audit, target.id, {
              move: s.pass ? "verification_passed" : "verification_failed",
              reason: s.pass ? undefined : "Model: tests failed",
              when: (row) => row.state === "verifying",
            }),
          );
          return { wrote: moved !== null, touched: e.vendorId };
        }
        return { wrote: true, touched: e.vendorId };
      }
      case "share": {
        const e = engagementOf(world, s.eng);
        const recipients = s.people.map((i) => people[i % people.length]!.id);
        await shareDocument(
          ctxOf(s.actor),
          { engagementId: e.id, recipients },
          { bytes: Buffer.from(TEXT), filename: "design.md" },
        );
        // (iii) everyone who got a copy had a valid NDA today, or an exception covering them.
        for (const id of recipients) {
          const person = await runtime.db
            .selectFrom("people")
            .selectAll()
            .where("id", "=", id)
            .executeTakeFirstOrThrow();
          const refusal = shareRefusal(person, today());
          if (refusal) {
            const exception = await runtime.db
              .selectFrom("control_exceptions")
              .select("id")
              .where("person_id", "=", id)
              .where("engagement_id", "=", e.id)
              .where("revoked_at", "is", null)
              .where("expires_on", ">=", today())
              .executeTakeFirst();
            expect({ person: person.full_name, refusal, excepted: Boolean(exception) }).toEqual({
              person: person.full_name,
              refusal,
              excepted: true,
            });
          }
        }
        return { wrote: true, touched: e.vendorId };
      }
      case "personException": {
        const e = engagementOf(world, s.eng);
        await recordControlException(ctxOf(s.actor), e.id, {
          controlId: "KO-4",
          personId: people[s.person % people.length]!.id,
          reason: "Model: NDA on paper",
          expiresOn: addDays(today(), s.days),
        });
        return { wrote: true, touched: e.vendorId };
      }
      case "tick":
        clock = new Date(clock.getTime() + s.days * 86_400_000);
        return { wrote: false, touched: null };
      case "peek": {
        const e = engagementOf(world, s.eng);
        await getEngagement(ctxOf(s.actor), e.id);
        await listMilestones(ctxOf(s.actor), e.id);
        return { wrote: false, touched: e.vendorId };
      }
      case "allowAcceptorPayment":
        await updateOrgSettings(ctxOf("admin"), { paymentByAcceptor: s.on });
        return { wrote: true, touched: null };
      case "swapSam": {
        const role = users.sam.role === "security" ? "finance" : "security";
        await runtime.db.updateTable("users").set({ role }).where("id", "=", users.sam.id).execute();
        users.sam.role = role;
        return { wrote: false, touched: null };
      }
    }
  }

  it(`keeps every assurance rule through ${RUNS} random sequences of ${STEPS} steps`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: STEPS, maxLength: STEPS }), async (steps) => {
        const world = await newWorld();
        for (const s of steps) {
          const before = await observe(world);
          let outcome: { wrote: boolean; touched: string | null } = { wrote: false, touched: null };
          let refused = false;
          try {
            outcome = await run(world, s);
          } catch (error) {
            // A refusal is a WardenError with a code; anything else is a defect.
            if (!isWardenError(error)) throw error;
            refused = true;
          }
          const after = await observe(world);
          // (iv) a vendor contact touched nothing of another vendor.
          if ("actor" in s && vendorOfActor(s.actor) && outcome.touched)
            expect({ step: s, refused, touched: outcome.touched }).toEqual({
              step: s,
              refused,
              touched: vendorOfActor(s.actor),
            });
          // (v) a write has its audit entry; a refusal writes nothing.
          if (refused) {
            expect({ step: s, seq: after.seq }).toEqual({ step: s, seq: before.seq });
          } else if (outcome.wrote) {
            expect({ step: s, audited: after.seq > before.seq }).toEqual({ step: s, audited: true });
          }
          // (vi) every move allowed by the state machine, each move audited, from where it stood.
          const moves = await runtime.db
            .selectFrom("audit_log")
            .select(["target_id", "summary"])
            .where("seq", ">", before.seq)
            .where("target_type", "=", "milestone")
            .orderBy("seq")
            .execute();
          for (const [id, row] of after.milestones) {
            const was = before.milestones.get(id)?.state ?? "planned";
            const path = moves
              .filter((x) => x.target_id === id)
              .map((x) => x.summary as { from?: MilestoneState; to?: MilestoneState })
              .filter((x) => x.from && x.to);
            let at = was;
            for (const move of path) {
              expect({ step: s, from: move.from, allowed: canMoveMilestone(move.from!, move.to!) }).toEqual({
                step: s,
                from: at,
                allowed: true,
              });
              at = move.to!;
            }
            expect({ step: s, id, state: row.state }).toEqual({ step: s, id, state: at });
            // (ii) payment only for an acceptance that is recorded, a manual one with its reason.
            if (row.state === "payment_approved" || row.state === "paid") {
              expect({ id, kind: row.acceptance_kind !== null }).toEqual({ id, kind: true });
              if (row.acceptance_kind === "manual") expect(row.acceptance_reason?.length).toBeGreaterThan(0);
              expect(row.payment_approved_by_user_id).not.toBeNull();
            }
          }
          for (const [id, stage] of after.stages) {
            const was = before.stages.get(id)!;
            if (was !== stage) expect({ step: s, to: stage }).toEqual({ step: s, to: nextStage(was) });
          }
        }
      }),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}), endOnFailure: false },
    );
    // (v) the chain verifies after everything.
    expect(await verifyAuditLog(runtime.db)).toMatchObject({ ok: true });
  }, 3_600_000);
});
