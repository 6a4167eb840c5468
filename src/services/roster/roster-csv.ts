import { parse } from "csv-parse/sync";
import { WardenError } from "../../domain/errors.ts";
import { restoreSpreadsheetCell } from "../../domain/spreadsheet-cell.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { type ExportFile, exportFormat, exportTable, offsetPages } from "../exports/table-export.ts";
import { parseId } from "../ids.ts";
import { loadVendorFor } from "../scope.ts";
import { writeTransaction } from "../write.ts";
import { listPeople } from "./list-people.ts";
import { type PersonFields, personFieldsSchema } from "./person-input.ts";
import type { PersonView } from "./person-view.ts";
import { insertPerson } from "./save-person.ts";

/** The roster CSV columns, in order. `certifications` is "NAME:YYYY-MM-DD; NAME" (expiry optional). */
export const ROSTER_COLUMNS = [
  "full_name",
  "email",
  "employer",
  "role",
  "start_date",
  "end_date",
  "nda_signed_on",
  "nda_expires_on",
  "noncompete_signed_on",
  "noncompete_expires_on",
  "training_completed_on",
  "certifications",
] as const;

const MAX_BYTES = 5 * 1024 * 1024;
const MAX_ROWS = 20_000;

export interface RosterImportRow {
  line: number;
  fullName: string;
  email: string | null;
  errors: { column: string; message: string }[];
}

export interface RosterImportResult {
  /** True when every row is valid; then `commit` writes them all. */
  valid: boolean;
  committed: boolean;
  rows: RosterImportRow[];
  errorCount: number;
}

/**
 * Imports a roster CSV. Every row is checked first (columns, dates, employer,
 * duplicates within the file and against the roster); with `commit` and no
 * error, all rows are written in one transaction. One bad row writes nothing.
 */
export async function importRosterCsv(
  ctx: ServiceContext,
  vendorId: unknown,
  csv: string,
  options: { commit: boolean },
): Promise<RosterImportResult> {
  requirePermission(ctx, "roster.write", "import a roster");
  const vid = parseId(vendorId, "vendorId");
  const vendor = await loadVendorFor(ctx, vid);
  if (Buffer.byteLength(csv) > MAX_BYTES)
    throw new WardenError("too_large", "The CSV is larger than 5 MiB: split it into several files.");
  let records: Record<string, string>[];
  try {
    records = parse(csv, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      max_record_size: 64 * 1024,
      to: MAX_ROWS + 1,
      // An exported cell that would start a formula carries an apostrophe: read the text back.
      cast: (value: string) => restoreSpreadsheetCell(value),
    });
  } catch (error) {
    throw new WardenError(
      "invalid_input",
      `The file is not valid CSV: ${(error as Error).message}. Export it again as UTF-8 CSV with a header row.`,
    );
  }
  if (records.length > MAX_ROWS)
    throw new WardenError("too_large", `More than ${MAX_ROWS} rows: split the file.`);
  const header = records.length ? Object.keys(records[0]!) : [];
  const missing = ["full_name", "start_date"].filter((c) => !header.includes(c));
  if (records.length === 0)
    throw new WardenError(
      "invalid_input",
      `The file has no rows. Expected a header row with: ${ROSTER_COLUMNS.join(", ")}.`,
    );
  if (missing.length)
    throw new WardenError(
      "invalid_input",
      `Missing column(s): ${missing.join(", ")}. Expected: ${ROSTER_COLUMNS.join(", ")}.`,
    );
  const unknown = header.filter((h) => !(ROSTER_COLUMNS as readonly string[]).includes(h));
  const subs = await ctx.runtime.db
    .selectFrom("vendors")
    .select(["id", "legal_name"])
    .where("parent_vendor_id", "=", vid)
    .execute();
  const employers = new Map<string, string>([
    [vendor.legal_name.toLowerCase(), vid],
    [vid, vid],
  ]);
  for (const s of subs) {
    employers.set(s.legal_name.toLowerCase(), s.id);
    employers.set(s.id, s.id);
  }
  const existing = new Set(
    (
      await ctx.runtime.db
        .selectFrom("people")
        .select("email")
        .where("vendor_id", "=", vid)
        .where("deleted_at", "is", null)
        .execute()
    )
      .map((r) => r.email?.toLowerCase())
      .filter(Boolean),
  );
  const seen = new Set<string>();
  const parsedRows: { row: RosterImportRow; data?: PersonFields }[] = records.map((r, i) => {
    const line = i + 2;
    const errors: { column: string; message: string }[] =
      unknown.length && i === 0
        ? unknown.map((u) => ({ column: u, message: "unknown column (ignored)" }))
        : [];
    const employerText = (r.employer ?? "").trim();
    const employerId = employerText ? employers.get(employerText.toLowerCase()) : vid;
    if (employerText && !employerId)
      errors.push({
        column: "employer",
        message: `"${employerText}" is neither the vendor nor one of its subcontractors`,
      });
    const certs: { name: string; expiresOn: string | null }[] = [];
    for (const part of (r.certifications ?? "")
      .split(";")
      .map((x) => x.trim())
      .filter(Boolean)) {
      const [name, expiresOn] = part.split(":").map((x) => x.trim());
      certs.push({ name: name ?? part, expiresOn: expiresOn || null });
    }
    const result = personFieldsSchema.safeParse({
      fullName: r.full_name,
      email: r.email || null,
      employerVendorId: employerId ?? null,
      roleTitle: r.role ?? "",
      startDate: r.start_date,
      endDate: r.end_date || null,
      ndaSignedOn: r.nda_signed_on || null,
      ndaExpiresOn: r.nda_expires_on || null,
      noncompeteSignedOn: r.noncompete_signed_on || null,
      noncompeteExpiresOn: r.noncompete_expires_on || null,
      trainingCompletedOn: r.training_completed_on || null,
      certifications: certs,
    });
    if (!result.success) {
      for (const issue of result.error.issues)
        errors.push({ column: columnOf(String(issue.path[0] ?? "")), message: issue.message });
    }
    const email = (r.email ?? "").toLowerCase();
    if (email) {
      if (seen.has(email)) errors.push({ column: "email", message: "appears twice in the file" });
      else if (existing.has(email)) errors.push({ column: "email", message: "is already on the roster" });
      seen.add(email);
    }
    const blocking = errors.filter((e) => e.message !== "unknown column (ignored)");
    return {
      row: { line, fullName: r.full_name ?? "", email: r.email || null, errors },
      ...(blocking.length === 0 && result.success ? { data: result.data } : {}),
    };
  });
  const errorCount = parsedRows.reduce(
    (n, p) => n + p.row.errors.filter((e) => e.message !== "unknown column (ignored)").length,
    0,
  );
  const valid = errorCount === 0;
  if (!options.commit || !valid)
    return { valid, committed: false, rows: parsedRows.map((p) => p.row), errorCount };
  await writeTransaction(ctx, async (tx, audit) => {
    for (const p of parsedRows) if (p.data) await insertPerson(ctx, tx, vid, p.data);
    await audit({
      action: "roster.import",
      targetType: "vendor",
      targetId: vid,
      summary: { rows: parsedRows.length },
    });
  });
  return { valid, committed: true, rows: parsedRows.map((p) => p.row), errorCount };
}

function columnOf(field: string): string {
  const map: Record<string, string> = {
    fullName: "full_name",
    employerVendorId: "employer",
    roleTitle: "role",
    startDate: "start_date",
    endDate: "end_date",
    ndaSignedOn: "nda_signed_on",
    ndaExpiresOn: "nda_expires_on",
    noncompeteSignedOn: "noncompete_signed_on",
    noncompeteExpiresOn: "noncompete_expires_on",
    trainingCompletedOn: "training_completed_on",
  };
  return map[field] ?? field;
}

/**
 * The whole roster of a vendor as CSV or XLSX, in the columns the import reads (so that an
 * exported CSV imports into another vendor as it is). Vendor contacts export their own.
 */
export async function exportRoster(
  ctx: ServiceContext,
  vendorId: unknown,
  query: Record<string, string> = {},
): Promise<ExportFile> {
  const vid = parseId(vendorId, "vendorId");
  const format = exportFormat({ format: query.format });
  await loadVendorFor(ctx, vid);
  const subs = await ctx.runtime.db
    .selectFrom("vendors")
    .select(["id", "legal_name"])
    .where((eb) => eb.or([eb("parent_vendor_id", "=", vid), eb("id", "=", vid)]))
    .execute();
  const names = new Map(subs.map((s) => [s.id, s.legal_name]));
  const cells: Record<(typeof ROSTER_COLUMNS)[number], (p: PersonView) => string | null> = {
    full_name: (p) => p.fullName,
    email: (p) => p.email,
    // Blank means the vendor itself, so that the file imports into another vendor too.
    employer: (p) =>
      p.employerVendorId === vid ? "" : (names.get(p.employerVendorId) ?? p.employerVendorId),
    role: (p) => p.roleTitle,
    start_date: (p) => p.startDate,
    end_date: (p) => p.endDate,
    nda_signed_on: (p) => p.ndaSignedOn,
    nda_expires_on: (p) => p.ndaExpiresOn,
    noncompete_signed_on: (p) => p.noncompeteSignedOn,
    noncompete_expires_on: (p) => p.noncompeteExpiresOn,
    training_completed_on: (p) => p.trainingCompletedOn,
    certifications: (p) =>
      p.certifications.map((c) => (c.expiresOn ? `${c.name}:${c.expiresOn}` : c.name)).join("; "),
  };
  return exportTable<PersonView>(ctx, format, {
    table: "roster",
    target: { type: "vendor", id: vid },
    pages: offsetPages((page) => listPeople(ctx, vid, page)),
    columns: ROSTER_COLUMNS.map((header) => ({ header, width: 18, value: cells[header] })),
  });
}

/** The whole roster of a vendor as CSV text (the same columns the import reads). */
export async function exportRosterCsv(ctx: ServiceContext, vendorId: unknown): Promise<string> {
  return new Response((await exportRoster(ctx, vendorId, { format: "csv" })).body).text();
}
