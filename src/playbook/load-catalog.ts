import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { WardenError } from "../domain/errors.ts";
import type { FrameworkId } from "./frameworks.ts";
import type { Control } from "./types.ts";

export { FRAMEWORK_NAMES, type FrameworkId } from "./frameworks.ts";

const stage = z.enum(["due_diligence", "contract", "kick_off", "ongoing", "termination"]);

/**
 * The form of each framework's ids: ISO/IEC 27001:2022 Annex A controls (A.5.1–A.5.37,
 * A.6.1–A.6.8, A.7.1–A.7.14, A.8.1–A.8.34), the 2017 Trust Services Criteria of SOC 2
 * (CC1.1–CC9.2, A1, C1, PI1, P1–P8) and NIST CSF 2.0 subcategories (GV.SC-01…).
 */
export const FRAMEWORK_ID_PATTERNS: Record<FrameworkId, RegExp> = {
  iso27001: /^A\.(5\.([1-9]|[12][0-9]|3[0-7])|6\.[1-8]|7\.([1-9]|1[0-4])|8\.([1-9]|[12][0-9]|3[0-4]))$/,
  soc2: /^(CC1\.[1-5]|CC2\.[1-3]|CC3\.[1-4]|CC4\.[12]|CC5\.[1-3]|CC6\.[1-8]|CC7\.[1-5]|CC8\.1|CC9\.[12]|A1\.[1-3]|C1\.[12]|PI1\.[1-5]|P[1-8]\.[1-7])$/,
  nistCsf:
    /^(GV\.(OC|RM|RR|PO|OV|SC)|ID\.(AM|RA|IM)|PR\.(AA|AT|DS|PS|IR)|DE\.(CM|AE)|RS\.(MA|AN|CO|MI)|RC\.(RP|CO))-\d{2}$/,
} as const;
export const FRAMEWORK_IDS = Object.keys(FRAMEWORK_ID_PATTERNS) as FrameworkId[];

const frameworkRefs = (framework: FrameworkId) =>
  z
    .array(z.string().regex(FRAMEWORK_ID_PATTERNS[framework], `must be a ${framework} id`))
    .max(20)
    .optional();

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
  /** The control's references in each framework (ids of the framework's `sources` entry). */
  frameworks: z
    .object({
      iso27001: frameworkRefs("iso27001"),
      soc2: frameworkRefs("soc2"),
      nistCsf: frameworkRefs("nistCsf"),
    })
    .strict()
    .optional(),
  /** Why the control maps to nothing in a framework. */
  unmapped: z
    .object({
      iso27001: z.string().min(1).max(500).optional(),
      soc2: z.string().min(1).max(500).optional(),
      nistCsf: z.string().min(1).max(500).optional(),
    })
    .strict()
    .optional(),
});

const sourceSchema = z.object({
  title: z.string().min(1),
  edition: z.string().min(1),
  publisher: z.string().min(1),
  url: z.url(),
  /** The title of every id the catalog uses. */
  ids: z.record(z.string(), z.string().min(1)),
});

const catalogSchema = z.object({
  version: z.number().int(),
  controls: z.array(controlSchema).min(1),
  sources: z.object({ iso27001: sourceSchema, soc2: sourceSchema, nistCsf: sourceSchema }).strict(),
});

/** A framework document the catalog's references point into, with the titles of its ids. */
export type FrameworkSource = z.infer<typeof sourceSchema>;

let cached: Control[] | undefined;
let cachedSources: Record<FrameworkId, FrameworkSource> | undefined;

/** The framework documents the shipped catalog cites, with the titles of the ids it uses. */
export function frameworkSources(): Record<FrameworkId, FrameworkSource> {
  shippedCatalog();
  return cachedSources!;
}

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
    for (const framework of FRAMEWORK_IDS)
      for (const ref of c.frameworks?.[framework] ?? [])
        if (!(ref in parsed.data.sources[framework].ids))
          throw new WardenError(
            "integrity",
            `The playbook catalog maps ${c.id} to ${framework} ${ref}, which its sources do not list.`,
          );
  }
  cachedSources = parsed.data.sources;
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
