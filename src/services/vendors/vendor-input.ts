import { z } from "zod";
import { countryCode as toCountryCode } from "../../domain/countries.ts";

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD")
  .refine((d) => {
    const parsed = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === d;
  }, "is not a calendar date");
export const currency = z.string().regex(/^[A-Z]{3}$/, "must be a 3-letter ISO 4217 code such as USD");
/** A country given as an ISO 3166 alpha-2 or alpha-3 code or its English name, kept as alpha-2. */
export const countryCode = z.string().transform((text, ctx) => {
  const code = toCountryCode(text);
  if (code) return code;
  ctx.addIssue({
    code: "custom",
    message: `"${text.trim().slice(0, 60)}" is not a country: give its English name (Ukraine) or its ISO 3166 code (UA or UKR)`,
  });
  return z.NEVER;
});

/**
 * A web address. One given without a scheme ("example.com") is read as https; anything that is not
 * an http(s) address with a host name is refused rather than stored as a broken link.
 */
export const websiteUrl = z
  .string()
  .trim()
  .max(500)
  .transform((text, ctx) => {
    if (text === "") return null;
    const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
    let url: URL | undefined;
    try {
      url = new URL(withScheme);
    } catch {
      url = undefined;
    }
    if (
      !url ||
      (url.protocol !== "https:" && url.protocol !== "http:") ||
      !(url.hostname.includes(".") || url.hostname === "localhost") ||
      url.username !== "" ||
      url.password !== ""
    ) {
      ctx.addIssue({ code: "custom", message: "must be a web address such as https://example.com" });
      return z.NEVER;
    }
    return url.href;
  });

export const contactSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().max(254).optional(),
  phone: z.string().trim().max(50).optional(),
  role: z.string().trim().max(100).optional(),
});

export const vendorFieldsSchema = z.object({
  legalName: z.string().trim().min(1, "is required").max(300),
  country: countryCode,
  website: websiteUrl.nullish(),
  contacts: z.array(contactSchema).max(50).default([]),
  internalNotes: z.string().max(10_000).nullish(),
  /** Set for a subcontractor: the vendor it works for. */
  parentVendorId: z.string().uuid().nullish(),
});
