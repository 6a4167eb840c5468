import type { Kysely } from "kysely";
import type { AccessGrant, RosterPerson } from "../../engines/access/index.ts";
import type { Database } from "../../store/schema.ts";
import type { Tx } from "../context.ts";

/** A roster person with the vendor they work for, as reconciliation and offboarding read them. */
export interface RosterPersonRecord {
  person: RosterPerson;
  vendorId: string;
}

/**
 * Reads people (optionally some of them) with their grants and NDA dates as the access engine's roster.
 * Accounts listed in a person's identities as `system:account` belong to that system; a bare account
 * name is taken to be the person's account on every configured system (a directory-wide login).
 * Grants of one engagement only when `engagementId` is given; revoked grants never count.
 */
export async function loadRosterPeople(
  db: Kysely<Database> | Tx,
  options: { systems: readonly string[]; personIds?: readonly string[]; engagementId?: string },
): Promise<RosterPersonRecord[]> {
  if (options.personIds && options.personIds.length === 0) return [];
  let peopleQuery = db.selectFrom("people").selectAll().where("deleted_at", "is", null);
  if (options.personIds) peopleQuery = peopleQuery.where("id", "in", [...options.personIds]);
  const people = await peopleQuery.orderBy("full_name").orderBy("id").execute();
  if (people.length === 0) return [];
  let grantsQuery = db.selectFrom("grants").selectAll().where("revoked_on", "is", null);
  if (options.personIds)
    grantsQuery = grantsQuery.where(
      "person_id",
      "in",
      people.map((p) => p.id),
    );
  if (options.engagementId) grantsQuery = grantsQuery.where("engagement_id", "=", options.engagementId);
  const grants = await grantsQuery.execute();
  const grantsByPerson = new Map<string, AccessGrant[]>();
  for (const grant of grants) {
    const list = grantsByPerson.get(grant.person_id) ?? [];
    list.push({
      system: grant.system,
      account: grant.account,
      groups: grant.scope,
      expiry: grant.expires_on,
      grantedBy: grant.granted_by,
      grantedAt: grant.granted_on,
      reason: grant.reason,
    });
    grantsByPerson.set(grant.person_id, list);
  }
  const systems = new Set(options.systems);
  return people.map((row) => {
    const accounts: { system: string; account: string }[] = [];
    for (const name of row.identities.accounts ?? []) {
      const colon = name.indexOf(":");
      const system = colon > 0 ? name.slice(0, colon) : null;
      if (system !== null) {
        const account = name.slice(colon + 1);
        if (account) accounts.push({ system, account });
      } else {
        for (const one of systems) accounts.push({ system: one, account: name });
      }
    }
    return {
      vendorId: row.vendor_id,
      person: {
        id: row.id,
        name: row.full_name,
        accounts,
        start: row.start_date,
        end: row.end_date,
        nda: { signed: row.nda_signed_on, expires: row.nda_expires_on },
        grants: grantsByPerson.get(row.id) ?? [],
      },
    };
  });
}
