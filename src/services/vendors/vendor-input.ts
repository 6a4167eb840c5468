import { z } from "zod";

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD")
  .refine((d) => {
    const parsed = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === d;
  }, "is not a calendar date");
export const currency = z.string().regex(/^[A-Z]{3}$/, "must be a 3-letter ISO 4217 code such as USD");
export const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, "must be an ISO 3166 alpha-2 country code such as IN");

export const contactSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().max(254).optional(),
  phone: z.string().trim().max(50).optional(),
  role: z.string().trim().max(100).optional(),
});

export const vendorFieldsSchema = z.object({
  legalName: z.string().trim().min(1, "is required").max(300),
  country: countryCode,
  website: z.string().trim().max(500).nullish(),
  contacts: z.array(contactSchema).max(50).default([]),
  internalNotes: z.string().max(10_000).nullish(),
  /** Set for a subcontractor: the vendor it works for. */
  parentVendorId: z.string().uuid().nullish(),
});
