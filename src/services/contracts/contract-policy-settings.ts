import type { Kysely } from "kysely";
import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { type ContractPolicy, contractPolicySchema } from "../../engines/contracts/index.ts";
import type { Database } from "../../store/schema.ts";
import { requireInternal, requirePermission, type ServiceContext, type Tx } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { readOrgSettings } from "../playbook/playbook-settings.ts";
import { writeTransaction } from "../write.ts";
import { writeSetting } from "../write-setting.ts";

const KEY = "contracts.policy";

// The home country is the organisation's, kept in the playbook settings: the
// contract policy takes it from there rather than holding a second copy.
const storedPolicySchema = contractPolicySchema.omit({ homeCountry: true }).strict();
const patchSchema = z.record(z.string(), z.unknown());

/** The organisation's contract policy, with the home country of the playbook settings. */
export async function readContractPolicy(db: Kysely<Database> | Tx): Promise<ContractPolicy> {
  const [row, org] = await Promise.all([
    db.selectFrom("settings").select("value").where("key", "=", KEY).executeTakeFirst(),
    readOrgSettings(db),
  ]);
  const stored = (row?.value as Record<string, unknown> | undefined) ?? {};
  const parsed = contractPolicySchema.safeParse({ ...stored, homeCountry: org.homeCountry });
  // A stored policy written by an older release may no longer parse: fall back
  // to the defaults rather than stop every analysis.
  return parsed.success ? parsed.data : contractPolicySchema.parse({ homeCountry: org.homeCountry });
}

/** The contract policy as the settings page shows it (internal users). */
export async function getContractPolicy(ctx: ServiceContext): Promise<ContractPolicy> {
  requireInternal(ctx);
  return readContractPolicy(ctx.runtime.db);
}

/**
 * Changes the contract policy (admins). The patch names only the fields that
 * change; the result is validated as a whole with the engine's schema. The
 * home country is changed in the playbook settings.
 *
 * @example
 * await updateContractPolicy(ctx, { maxAuditNoticeDays: 15, requireEscrow: true });
 */
export async function updateContractPolicy(ctx: ServiceContext, input: unknown): Promise<ContractPolicy> {
  requirePermission(ctx, "settings.manage", "change the contract policy");
  const patch = parseInput(patchSchema, input);
  if ("homeCountry" in patch) {
    throw new WardenError(
      "invalid_input",
      "The home country is set in the playbook settings (homeCountry), not in the contract policy.",
      { errors: [{ field: "homeCountry", message: "is set in the playbook settings" }] },
    );
  }
  return writeTransaction(ctx, async (tx, audit) => {
    const row = await tx.selectFrom("settings").select("value").where("key", "=", KEY).executeTakeFirst();
    const current = (row?.value as Record<string, unknown> | undefined) ?? {};
    const next = parseInput(storedPolicySchema, { ...current, ...patch });
    await writeSetting(ctx, tx, audit, { key: KEY, area: "contract-policy", value: next, changed: patch });
    return readContractPolicy(tx);
  });
}
