import { randomBytes } from "node:crypto";
import type { Actor, Role } from "../../src/domain/roles.ts";
import { SYSTEM_ACTOR } from "../../src/domain/roles.ts";
import type { Runtime, ServiceContext } from "../../src/services/context.ts";
import { createUser } from "../../src/services/users/create-user.ts";
import type { PublicUser } from "../../src/services/users/public-user.ts";

export const TEST_PASSWORD = "correct horse battery staple";

/** The one fixture builder the integration and browser tests share. */
export function systemContext(runtime: Runtime): ServiceContext {
  return { runtime, actor: SYSTEM_ACTOR };
}

export function contextFor(runtime: Runtime, user: PublicUser): ServiceContext {
  const actor: Actor = {
    kind: "user",
    id: user.id,
    label: user.email,
    role: user.role,
    vendorId: user.vendorId,
  };
  return { runtime, actor };
}

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}@example.com`;
}

export async function makeUser(
  runtime: Runtime,
  role: Role,
  extra: { vendorId?: string; email?: string } = {},
): Promise<PublicUser> {
  return createUser(systemContext(runtime), {
    email: extra.email ?? uniqueEmail(role),
    name: `${role} user`,
    role,
    vendorId: extra.vendorId ?? null,
    password: TEST_PASSWORD,
  });
}

/** A bare vendor row, for tests of the foundation that need one before the lifecycle services exist. */
export async function makeVendorRow(
  runtime: Runtime,
  name = "Acme Offshore Pvt Ltd",
  country = "IN",
): Promise<string> {
  const row = await runtime.db
    .insertInto("vendors")
    .values({ legal_name: name, country })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A vendor with an engagement in due diligence, made through the services. */
export async function makeEngagement(
  runtime: Runtime,
  options: { country?: string; name?: string; offshore?: boolean } = {},
): Promise<{ vendorId: string; engagementId: string }> {
  const { createVendor } = await import("../../src/services/vendors/create-vendor.ts");
  const { createEngagement } = await import("../../src/services/engagements/create-engagement.ts");
  const ctx = systemContext(runtime);
  const vendor = await createVendor(ctx, {
    legalName: options.name ?? `Vendor ${randomBytes(3).toString("hex")}`,
    country: options.country ?? "IN",
  });
  const engagement = await createEngagement(ctx, {
    vendorId: vendor.id,
    name: "Platform build",
    offshore: options.offshore ?? true,
    requiredInsuranceAmount: 1_000_000,
    requiredInsuranceCurrency: "USD",
  });
  return { vendorId: vendor.id, engagementId: engagement.id };
}

/** A short questionnaire definition with every kind of scoring the review meets (critical, choice, number, text, file, a condition). */
export function smallQuestionnaireDefinition(version = "1") {
  return {
    id: "vendor-basics",
    version,
    title: "Vendor IP basics",
    sections: [
      {
        id: "people",
        title: "People",
        questions: [
          {
            id: "nda",
            text: "Does every person sign an NDA?",
            type: "yes-no",
            required: true,
            weight: 3,
            expected: { answer: "yes" },
            scoring: { critical: true },
          },
          {
            id: "workspace",
            text: "Where does the team sit?",
            type: "single-choice",
            required: true,
            weight: 2,
            options: [
              { id: "closedRoom", label: "A closed room" },
              { id: "openFloor", label: "An open floor" },
            ],
            expected: { oneOf: ["closedRoom"] },
          },
          {
            id: "turnover",
            text: "Annual staff turnover (%)?",
            type: "number",
            required: true,
            weight: 1,
            expected: { max: 30 },
          },
        ],
      },
      {
        id: "incidents",
        title: "Incidents",
        questions: [
          {
            id: "incident",
            text: "Any security incident in the last three years?",
            type: "yes-no",
            required: true,
            weight: 2,
            expected: { answer: "no" },
          },
          {
            id: "incidentDetails",
            text: "Describe the incident.",
            type: "text",
            required: true,
            weight: 2,
            showIf: { question: "incident", equals: "yes" },
          },
          {
            id: "policyDoc",
            text: "Attach your information-security policy.",
            type: "file",
            required: true,
            weight: 1,
          },
        ],
      },
    ],
  };
}
