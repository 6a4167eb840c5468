import { z } from "zod";
import { currency, isoDate } from "../vendors/vendor-input.ts";

const cidr = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, "must be a network range in CIDR form such as 203.0.113.0/24");

export const engagementFieldsSchema = z.object({
  vendorId: z.string().uuid(),
  name: z.string().trim().min(1, "is required").max(300),
  scope: z.string().max(10_000).default(""),
  offshore: z.boolean().default(true),
  startDate: isoDate.nullish(),
  endDate: isoDate.nullish(),
  approvedNetworks: z.array(cidr).max(200).default([]),
  requiredInsuranceAmount: z.coerce.number().nonnegative().max(1e15).nullish(),
  requiredInsuranceCurrency: currency.nullish(),
  custodyFreshnessHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(24),
});

export const assetSchema = z.object({
  kind: z.enum(["repository", "dataset", "document", "system", "other"]),
  name: z.string().trim().min(1, "is required").max(300),
  location: z.string().trim().max(1000).nullish(),
  classification: z.enum(["crown_jewel", "confidential", "internal", "public"]).nullish(),
});
