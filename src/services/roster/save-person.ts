import { toIsoDate } from "../../domain/dates.ts";
import { WardenError } from "../../domain/errors.ts";
import { requirePermission, type ServiceContext, type Tx } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { isVendorActor, loadVendorFor } from "../scope.ts";
import { writeTransaction } from "../write.ts";
import { type PersonFields, personFieldsSchema } from "./person-input.ts";
import { type PersonView, toPersonView } from "./person-view.ts";

/** Adds a person to a vendor's roster (employed by the vendor or one of its subcontractors). */
export async function addPerson(ctx: ServiceContext, vendorId: unknown, input: unknown): Promise<PersonView> {
  requirePermission(ctx, "roster.write", "change the roster");
  const id = parseId(vendorId, "vendorId");
  const data = parseInput(personFieldsSchema, input);
  return writeTransaction(ctx, async (tx, audit) => {
    const person = await insertPerson(ctx, tx, id, data);
    await audit({
      action: "roster.person.add",
      targetType: "person",
      targetId: person.id,
      summary: { vendorId: id, fullName: data.fullName, startDate: data.startDate },
    });
    return person;
  });
}

/**
 * A person on a vendor's roster is employed by the vendor or one of its subcontractors. A vendor
 * contact naming any other vendor is told it does not exist, as for every id outside its scope.
 */
export async function checkEmployer(
  ctx: ServiceContext,
  tx: Tx,
  vendorId: string,
  employerVendorId: string,
): Promise<void> {
  if (employerVendorId === vendorId) return;
  const sub = await tx
    .selectFrom("vendors")
    .select("id")
    .where("id", "=", employerVendorId)
    .where("parent_vendor_id", "=", vendorId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (sub) return;
  if (isVendorActor(ctx))
    throw new WardenError("not_found", `No vendor with id ${employerVendorId}.`, {
      field: "employerVendorId",
    });
  throw new WardenError("invalid_input", "The employer must be the vendor or one of its subcontractors.", {
    field: "employerVendorId",
  });
}

export async function insertPerson(
  ctx: ServiceContext,
  tx: Tx,
  vendorId: string,
  data: PersonFields,
): Promise<PersonView> {
  await loadVendorFor(ctx, vendorId, tx);
  const employer = data.employerVendorId ?? vendorId;
  await checkEmployer(ctx, tx, vendorId, employer);
  if (data.email) {
    const taken = await tx
      .selectFrom("people")
      .select("id")
      .where("vendor_id", "=", vendorId)
      .where((eb) => eb(eb.fn("lower", ["email"]), "=", data.email!.toLowerCase()))
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (taken)
      throw new WardenError("conflict", `${data.email} is already on this vendor's roster.`, {
        field: "email",
      });
  }
  const row = await tx
    .insertInto("people")
    .values({
      vendor_id: vendorId,
      employer_vendor_id: employer,
      full_name: data.fullName,
      email: data.email ?? null,
      role_title: data.roleTitle,
      start_date: data.startDate,
      end_date: data.endDate ?? null,
      nda_signed_on: data.ndaSignedOn ?? null,
      nda_expires_on: data.ndaExpiresOn ?? null,
      nda_evidence_id: null,
      noncompete_signed_on: data.noncompeteSignedOn ?? null,
      noncompete_expires_on: data.noncompeteExpiresOn ?? null,
      noncompete_evidence_id: null,
      training_completed_on: data.trainingCompletedOn ?? null,
      identities: JSON.stringify(data.identities),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (data.certifications.length) {
    await tx
      .insertInto("person_certifications")
      .values(
        data.certifications.map((c) => ({
          person_id: row.id,
          name: c.name,
          expires_on: c.expiresOn ?? null,
        })),
      )
      .execute();
  }
  return toPersonView(
    row,
    data.certifications.map((c) => ({ name: c.name, expires_on: c.expiresOn ?? null })),
    toIsoDate(ctx.runtime.now()),
  );
}

/**
 * Changes a person: a new NDA, training, or an end date (a leaver). Fields not
 * given stay as they are; certifications, when given, replace the list.
 */
export async function updatePerson(
  ctx: ServiceContext,
  personId: unknown,
  input: unknown,
): Promise<PersonView> {
  requirePermission(ctx, "roster.write", "change the roster");
  const id = parseId(personId);
  return writeTransaction(ctx, async (tx, audit) => {
    const { before, row, certs } = await changePerson(ctx, tx, id, input);
    const changed = Object.keys(typeof input === "object" && input !== null ? input : {});
    await audit({
      action:
        before.end_date === null && row.end_date !== null ? "roster.person.leave" : "roster.person.update",
      targetType: "person",
      targetId: id,
      summary: {
        fullName: row.full_name,
        changed,
        ...(row.end_date !== before.end_date ? { endDate: row.end_date } : {}),
      },
    });
    return toPersonView(row, certs, toIsoDate(ctx.runtime.now()));
  });
}

/**
 * Applies a change to a person inside the caller's transaction (no audit entry: the caller
 * writes the one that says why), after the same validation as {@link updatePerson}.
 */
export async function changePerson(ctx: ServiceContext, tx: Tx, id: string, input: unknown) {
  const before = await tx
    .selectFrom("people")
    .selectAll()
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!before) throw new WardenError("not_found", `No person with id ${id}.`);
  await loadVendorFor(ctx, before.vendor_id, tx);
  const merged = parseInput(personFieldsSchema, {
    fullName: before.full_name,
    email: before.email,
    employerVendorId: before.employer_vendor_id,
    roleTitle: before.role_title,
    startDate: before.start_date,
    endDate: before.end_date,
    ndaSignedOn: before.nda_signed_on,
    ndaExpiresOn: before.nda_expires_on,
    noncompeteSignedOn: before.noncompete_signed_on,
    noncompeteExpiresOn: before.noncompete_expires_on,
    trainingCompletedOn: before.training_completed_on,
    identities: before.identities,
    ...(typeof input === "object" && input !== null ? input : {}),
  });
  if (merged.employerVendorId) await checkEmployer(ctx, tx, before.vendor_id, merged.employerVendorId);
  const row = await tx
    .updateTable("people")
    .set({
      full_name: merged.fullName,
      email: merged.email ?? null,
      employer_vendor_id: merged.employerVendorId ?? before.vendor_id,
      role_title: merged.roleTitle,
      start_date: merged.startDate,
      end_date: merged.endDate ?? null,
      nda_signed_on: merged.ndaSignedOn ?? null,
      nda_expires_on: merged.ndaExpiresOn ?? null,
      noncompete_signed_on: merged.noncompeteSignedOn ?? null,
      noncompete_expires_on: merged.noncompeteExpiresOn ?? null,
      training_completed_on: merged.trainingCompletedOn ?? null,
      identities: JSON.stringify(merged.identities),
      updated_at: ctx.runtime.now(),
    })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const changesCerts = typeof input === "object" && input !== null && "certifications" in input;
  if (changesCerts) {
    await tx.deleteFrom("person_certifications").where("person_id", "=", id).execute();
    if (merged.certifications.length) {
      await tx
        .insertInto("person_certifications")
        .values(
          merged.certifications.map((c) => ({
            person_id: id,
            name: c.name,
            expires_on: c.expiresOn ?? null,
          })),
        )
        .execute();
    }
  }
  const certs = await tx
    .selectFrom("person_certifications")
    .select(["name", "expires_on"])
    .where("person_id", "=", id)
    .execute();
  return { before, row, certs };
}

/** Puts a person on (or takes them off) an engagement's roster. */
export async function setEngagementMember(
  ctx: ServiceContext,
  engagementId: unknown,
  personId: unknown,
  member: boolean,
) {
  requirePermission(ctx, "roster.write", "change the roster");
  const eid = parseId(engagementId, "engagementId");
  const pid = parseId(personId, "personId");
  return writeTransaction(ctx, async (tx, audit) => {
    const engagement = await tx
      .selectFrom("engagements")
      .select(["id", "vendor_id"])
      .where("id", "=", eid)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    const person = await tx
      .selectFrom("people")
      .select(["id", "vendor_id", "full_name"])
      .where("id", "=", pid)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!engagement) throw new WardenError("not_found", `No engagement with id ${eid}.`);
    if (!person || person.vendor_id !== engagement.vendor_id)
      throw new WardenError("not_found", `No person ${pid} on this vendor's roster.`);
    await loadVendorFor(ctx, engagement.vendor_id, tx);
    if (member) {
      await tx
        .insertInto("engagement_people")
        .values({ engagement_id: eid, person_id: pid })
        .onConflict((oc) => oc.doNothing())
        .execute();
    } else {
      await tx
        .deleteFrom("engagement_people")
        .where("engagement_id", "=", eid)
        .where("person_id", "=", pid)
        .execute();
    }
    await audit({
      action: member ? "engagement.member.add" : "engagement.member.remove",
      targetType: "engagement",
      targetId: eid,
      summary: { personId: pid, fullName: person.full_name },
    });
    return { engagementId: eid, personId: pid, member };
  });
}
