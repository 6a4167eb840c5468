import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import {
  type AccountConnector,
  createCsvConnector,
  createLdapConnector,
  type DirectoryAccount,
  importAccountCsv,
  type LdapConnectorConfig,
  parseLdapConnectorConfig,
} from "../../engines/access/index.ts";
import type { Runtime, ServiceContext } from "../context.ts";
import { requirePermission } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { writeTransaction } from "../write.ts";

/** A connector as the API shows it: never the bind password, only whether one is stored. */
export interface ConnectorView {
  id: string;
  system: string;
  kind: "ldap" | "csv";
  config: Record<string, unknown>;
  hasPassword: boolean;
  canDisable: boolean;
  csv: { importedAt: string | null; accounts: number; errors: { line: number; message: string }[] } | null;
  updatedAt: string;
}

type ConnectorRow = {
  id: string;
  system: string;
  kind: "ldap" | "csv";
  config: Record<string, unknown>;
  secret_sealed: string | null;
  csv_accounts: unknown[] | null;
  csv_errors: unknown[] | null;
  csv_imported_at: Date | null;
  updated_at: Date | string;
};

const systemName = z
  .string()
  .trim()
  .min(1, "is required")
  .max(100)
  .regex(/^[\w.:-]+$/, "use letters, digits, dot, dash, colon or underscore");

const csvSnapshotSchema = z.object({
  system: systemName,
  csv: z.string().max(32 * 1024 * 1024, "is larger than 32 MiB"),
});

function toView(row: ConnectorRow): ConnectorView {
  const config = { ...row.config };
  delete config.bindPassword;
  return {
    id: row.id,
    system: row.system,
    kind: row.kind,
    config,
    hasPassword: row.secret_sealed !== null,
    canDisable: row.kind === "ldap",
    csv:
      row.kind === "csv"
        ? {
            importedAt: row.csv_imported_at ? new Date(row.csv_imported_at).toISOString() : null,
            accounts: row.csv_accounts?.length ?? 0,
            errors: (row.csv_errors ?? []) as { line: number; message: string }[],
          }
        : null,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/**
 * Adds or replaces the LDAP / Active Directory connector of a system. The settings are validated
 * with the engine's schema; the bind password is sealed (AES-GCM) and never stored or returned in
 * clear. Leaving `bindPassword` out when updating keeps the stored one.
 */
export async function saveLdapConnector(ctx: ServiceContext, input: unknown): Promise<ConnectorView> {
  requirePermission(ctx, "access.write", "configure access connectors");
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    throw new WardenError("invalid_input", "Send the LDAP connector settings as a JSON object.");
  }
  const raw = { ...(input as Record<string, unknown>) };
  const system = parseInput(z.object({ system: systemName.default("ldap") }), { system: raw.system }).system;
  raw.system = system;
  const existing = await ctx.runtime.db
    .selectFrom("access_connectors")
    .selectAll()
    .where("system", "=", system)
    .executeTakeFirst();
  let sealed: string;
  if (typeof raw.bindPassword === "string" && raw.bindPassword !== "") {
    sealed = ctx.runtime.secrets.seal(raw.bindPassword);
  } else if (existing?.kind === "ldap" && existing.secret_sealed) {
    sealed = existing.secret_sealed;
    raw.bindPassword = ctx.runtime.secrets.open(sealed);
  } else {
    throw new WardenError("invalid_input", "bindPassword: the bind password is required.", {
      field: "bindPassword",
    });
  }
  const config = parseLdapConnectorConfig(raw);
  const { bindPassword: _secret, ...stored } = config;
  return writeTransaction(ctx, async (tx, audit) => {
    const row = await tx
      .insertInto("access_connectors")
      .values({
        system,
        kind: "ldap",
        config: JSON.stringify(stored),
        secret_sealed: sealed,
        csv_accounts: null,
        csv_errors: null,
        created_by: ctx.actor.label,
      })
      .onConflict((oc) =>
        oc.column("system").doUpdateSet({
          kind: "ldap",
          config: JSON.stringify(stored),
          secret_sealed: sealed,
          csv_accounts: null,
          csv_errors: null,
          csv_imported_at: null,
          updated_at: ctx.runtime.now(),
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "access.connector.save",
      targetType: "access_connector",
      targetId: row.id,
      summary: { system, kind: "ldap", url: config.url, bindDn: config.bindDn, baseDn: config.baseDn },
    });
    return toView(row);
  });
}

/**
 * Stores the account state of a system without a connector, from a CSV export (`account`, `enabled`,
 * `groups`): it replaces the previous snapshot. Bad rows are reported with their line numbers and the
 * others are stored.
 */
export async function importCsvSnapshot(ctx: ServiceContext, input: unknown): Promise<ConnectorView> {
  requirePermission(ctx, "access.write", "import account snapshots");
  const data = parseInput(csvSnapshotSchema, input);
  const { accounts, errors } = importAccountCsv(data.csv);
  return writeTransaction(ctx, async (tx, audit) => {
    const existing = await tx
      .selectFrom("access_connectors")
      .select(["kind"])
      .where("system", "=", data.system)
      .executeTakeFirst();
    if (existing?.kind === "ldap") {
      throw new WardenError(
        "conflict",
        `System ${data.system} has an LDAP connector; remove it first or import under another system name.`,
      );
    }
    const values = {
      kind: "csv" as const,
      config: "{}",
      secret_sealed: null,
      csv_accounts: JSON.stringify(accounts),
      csv_errors: JSON.stringify(errors),
      csv_imported_at: ctx.runtime.now(),
    };
    const row = await tx
      .insertInto("access_connectors")
      .values({ system: data.system, created_by: ctx.actor.label, ...values })
      .onConflict((oc) => oc.column("system").doUpdateSet({ ...values, updated_at: ctx.runtime.now() }))
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "access.csv.import",
      targetType: "access_connector",
      targetId: row.id,
      summary: { system: data.system, accounts: accounts.length, badLines: errors.length },
    });
    return toView(row);
  });
}

/** Every configured connector (admin and security only: the settings describe the directory). */
export async function listConnectors(ctx: ServiceContext): Promise<ConnectorView[]> {
  requirePermission(ctx, "access.write", "see access connectors");
  const rows = await ctx.runtime.db.selectFrom("access_connectors").selectAll().orderBy("system").execute();
  return rows.map(toView);
}

export async function removeConnector(ctx: ServiceContext, connectorId: unknown): Promise<{ removed: true }> {
  requirePermission(ctx, "access.write", "remove access connectors");
  const id = parseId(connectorId);
  return writeTransaction(ctx, async (tx, audit) => {
    const row = await tx
      .deleteFrom("access_connectors")
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new WardenError("not_found", `No access connector with id ${id}.`);
    await audit({
      action: "access.connector.remove",
      targetType: "access_connector",
      targetId: id,
      summary: { system: row.system, kind: row.kind },
    });
    return { removed: true as const };
  });
}

/**
 * The engine connectors for every configured system, the sealed password opened only here, in
 * memory, for the connection.
 */
export async function openConnectors(runtime: Runtime): Promise<AccountConnector[]> {
  const rows = await runtime.db.selectFrom("access_connectors").selectAll().orderBy("system").execute();
  return rows.map((row) => {
    if (row.kind === "csv") {
      return createCsvConnector(row.system, (row.csv_accounts ?? []) as DirectoryAccount[]);
    }
    if (!row.secret_sealed) {
      throw new WardenError("invalid_input", `Connector ${row.system} has no bind password; set it again.`);
    }
    const config = parseLdapConnectorConfig({
      ...row.config,
      bindPassword: runtime.secrets.open(row.secret_sealed),
    }) satisfies LdapConnectorConfig;
    return createLdapConnector(config);
  });
}
