import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { WardenError } from "../domain/errors.ts";
import type { Control } from "./types.ts";

const stage = z.enum(["due_diligence", "contract", "kick_off", "ongoing", "termination"]);

export const controlSchema = z.object({
  id: z.string().regex(/^[A-Z][A-Z0-9]*-[A-Z0-9-]+$/, "must look like DD-1 or ORG-ACCESS-2"),
  stage,
  title: z.string().min(1).max(200),
  guidance: z.string().min(1).max(4000),
  blocking: z.boolean(),
  weight: z.number().int().min(0).max(20),
  evidence: z.string().max(500),
  check: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("rule"), rule: z.string() }),
    z.object({ kind: z.literal("attestation") }),
    z.object({
      kind: z.literal("engine"),
      source: z.enum(["contracts", "custody", "access", "leaks", "questionnaires"]),
    }),
  ]),
});

const catalogSchema = z.object({ version: z.number().int(), controls: z.array(controlSchema).min(1) });

let cached: Control[] | undefined;

/** The shipped catalog (src/playbook/catalog.yaml), validated once. */
export function shippedCatalog(): Control[] {
  if (cached) return cached;
  const text = readFileSync(join(import.meta.dirname, "catalog.yaml"), "utf8");
  const parsed = catalogSchema.safeParse(parse(text));
  if (!parsed.success) {
    throw new WardenError(
      "integrity",
      `The playbook catalog is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  const ids = new Set<string>();
  for (const c of parsed.data.controls) {
    if (ids.has(c.id)) throw new WardenError("integrity", `The playbook catalog lists ${c.id} twice.`);
    ids.add(c.id);
  }
  cached = parsed.data.controls as Control[];
  return cached;
}

export interface OrgControlOverride {
  controlId: string;
  disabled: boolean;
  disabledReason: string | null;
  /** A control the organisation added (an attestation control). */
  definition: Record<string, unknown> | null;
}

/**
 * The organisation's playbook: the shipped catalog with its own controls added
 * and the ones it turned off marked (they report n/a with the reason).
 */
export function organisationCatalog(overrides: readonly OrgControlOverride[]): Control[] {
  const byId = new Map(overrides.map((o) => [o.controlId, o]));
  const controls: Control[] = shippedCatalog().map((c) => {
    const o = byId.get(c.id);
    return o?.disabled ? { ...c, disabled: { reason: o.disabledReason ?? "disabled" } } : c;
  });
  for (const o of overrides) {
    if (!o.definition) continue;
    const parsed = controlSchema.safeParse(o.definition);
    // A custom control may not shadow a shipped one (or an earlier custom one): ids must stay unique.
    if (!parsed.success || controls.some((c) => c.id === parsed.data.id)) continue;
    controls.push({
      ...(parsed.data as Control),
      custom: true,
      ...(o.disabled ? { disabled: { reason: o.disabledReason ?? "disabled" } } : {}),
    });
  }
  return controls;
}
