import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");

/** What a person may hold on one system: the account, its groups (or `*` for any) and until when. */
export const accessGrantSchema = z.object({
  system: z.string().min(1).max(100),
  account: z.string().min(1).max(512),
  groups: z.array(z.string().min(1).max(512)).max(1000).default([]),
  expiry: isoDate.nullish(),
  grantedBy: z.string().max(200).nullish(),
  grantedAt: isoDate.nullish(),
  reason: z.string().max(2000).nullish(),
});

/** A vendor person on the roster, as reconciliation and offboarding need them. */
export const rosterPersonSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().max(500).default(""),
  /** Accounts the person holds per system (grants add theirs too). */
  accounts: z
    .array(z.object({ system: z.string().min(1).max(100), account: z.string().min(1).max(512) }))
    .max(1000)
    .default([]),
  start: isoDate.nullish(),
  /** Last working day; after it the person is a leaver. */
  end: isoDate.nullish(),
  nda: z.object({ signed: isoDate.nullish(), expires: isoDate.nullish() }).nullish(),
  grants: z.array(accessGrantSchema).max(1000).default([]),
});

export type AccessGrant = z.output<typeof accessGrantSchema>;
export type RosterPerson = z.output<typeof rosterPersonSchema>;
export type RosterPersonInput = z.input<typeof rosterPersonSchema>;

/** Parses a roster (an array of people); throws `invalid_input` naming the first bad person and field. */
export function parseRoster(input: unknown): RosterPerson[] {
  const parsed = z.array(rosterPersonSchema).max(1_000_000).safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WardenError(
      "invalid_input",
      `Roster is invalid at ${issue?.path.join(".") || "the top level"}: ${issue?.message ?? "unknown problem"}.`,
    );
  }
  return parsed.data;
}

/** Whether the person's NDA is signed and in force on `today` (KO-4). */
export function hasValidNda(person: RosterPerson, today: string): boolean {
  const signed = person.nda?.signed;
  if (!signed || signed > today) return false;
  const expires = person.nda?.expires;
  return !expires || expires >= today;
}
