import { z } from "zod";

/** How sure we are of a fact: `high` read from the official list or a settled statute, `low` to be confirmed by local counsel. */
export const confidenceSchema = z.enum(["high", "medium", "low"]);
export type Confidence = z.infer<typeof confidenceSchema>;

const yearOrDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "expected a year (2025) or an ISO date (2025-07-01)");

const factFields = {
  asOf: yearOrDate,
  source: z.string().min(1),
  confidence: confidenceSchema.default("high"),
  note: z.string().min(1).optional(),
};

export const sourceSchema = z.strictObject({
  organisation: z.string().min(1),
  title: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
});
export type Source = z.infer<typeof sourceSchema>;

export const treatyStatusSchema = z.enum(["party", "signatory", "not-party", "unknown"]);
export type TreatyStatus = z.infer<typeof treatyStatusSchema>;

export const treatyFactSchema = z.strictObject({
  status: treatyStatusSchema,
  since: yearOrDate.optional(),
  ...factFields,
});
export type TreatyFact = z.infer<typeof treatyFactSchema>;

const maybe = z.union([z.boolean(), z.literal("unknown")]);

export const newYorkFactSchema = z.strictObject({
  status: treatyStatusSchema,
  since: yearOrDate.optional(),
  /** Reservations under art. I(3); recalled from the depositary's list, hence their own confidence. */
  reservations: z
    .strictObject({ reciprocity: maybe, commercial: maybe, confidence: confidenceSchema.default("medium") })
    .optional(),
  ...factFields,
});
export type NewYorkFact = z.infer<typeof newYorkFactSchema>;

export const judgmentRouteSchema = z.enum([
  "treaty",
  "registration",
  "exequatur",
  "action-on-judgment",
  "none",
  "unknown",
]);
export type JudgmentRoute = z.infer<typeof judgmentRouteSchema>;

export const reliabilitySchema = z.enum(["reliable", "uncertain", "unlikely", "unknown"]);
export type Reliability = z.infer<typeof reliabilitySchema>;

export const judgmentFactSchema = z.strictObject({
  route: judgmentRouteSchema,
  reliability: reliabilitySchema,
  summary: z.string().min(1),
  ...factFields,
});
export type JudgmentFact = z.infer<typeof judgmentFactSchema>;

/** Homes for which the data states judgment enforcement: the United States, the United Kingdom and any EU member state. */
export const judgmentHomeSchema = z.enum(["US", "GB", "EU"]);
export type JudgmentHome = z.infer<typeof judgmentHomeSchema>;

export const regionSchema = z.enum([
  "south-asia",
  "east-asia",
  "southeast-asia",
  "cis",
  "europe",
  "latin-america",
  "middle-east",
  "africa",
  "north-america",
  "oceania",
]);
export type Region = z.infer<typeof regionSchema>;

const alpha2 = z.string().regex(/^[A-Z]{2}$/, "expected an ISO 3166 alpha-2 code in capitals");

export const countryNoteSchema = z.strictObject({
  topic: z.enum(["ip", "enforcement", "sanctions", "other"]),
  severity: z.enum(["high", "medium", "low"]),
  text: z.string().min(1),
});
export type CountryNote = z.infer<typeof countryNoteSchema>;

export const countrySchema = z.strictObject({
  alpha2,
  alpha3: z.string().regex(/^[A-Z]{3}$/, "expected an ISO 3166 alpha-3 code in capitals"),
  name: z.string().min(2),
  aliases: z.array(z.string().min(2)).default([]),
  /** Cities and regions a contract may name as a venue, so that a venue can be placed in a country. */
  places: z.array(z.string().min(2)).default([]),
  region: regionSchema,
  /** Arbitral seats to try before the region's usual ones (e.g. Hong Kong for Mainland China). */
  preferredSeats: z.array(alpha2).default([]),
  /** Among the countries most used for outsourcing (the rest are home or seat countries). */
  outsourcing: z.boolean(),
  euMember: treatyFactSchema.optional(),
  wto: treatyFactSchema,
  berne: treatyFactSchema,
  newYork: newYorkFactSchema,
  /** Some states (India) enforce Convention awards only from seats notified in their gazette. */
  awardsFromNotifiedCountriesOnly: z
    .strictObject({ countries: z.array(alpha2).min(1), ...factFields })
    .optional(),
  hagueChoiceOfCourt: treatyFactSchema,
  hagueJudgments: treatyFactSchema,
  judgments: z.strictObject({
    US: judgmentFactSchema.optional(),
    GB: judgmentFactSchema.optional(),
    EU: judgmentFactSchema.optional(),
  }),
  ipLaw: z.strictObject({ maturity: z.enum(["strong", "moderate", "developing"]), ...factFields }),
  notes: z.array(countryNoteSchema).default([]),
  contractNotes: z.array(z.string().min(1)).default([]),
});
export type Country = z.infer<typeof countrySchema>;

export const seatSchema = z.strictObject({
  country: alpha2,
  city: z.string().min(1),
  rules: z.array(z.string().min(1)).min(1),
});
export type Seat = z.infer<typeof seatSchema>;

export const countryDataSchema = z.strictObject({
  sources: z.record(z.string().regex(/^[a-z0-9-]+$/), sourceSchema),
  seats: z.array(seatSchema).min(1),
  seatPreferences: z.record(regionSchema, z.array(alpha2).min(1)),
  countries: z.array(countrySchema).min(1),
});
export type CountryData = z.infer<typeof countryDataSchema>;
