import { z } from "zod";
import { isoDate } from "../vendors/vendor-input.ts";

export const certificationInput = z.object({
  name: z.string().trim().min(1).max(100),
  expiresOn: isoDate.nullish(),
});

export const personFieldsSchema = z
  .object({
    fullName: z.string().trim().min(1, "is required").max(300),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(254)
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "must be an email address")
      .nullish(),
    /** The vendor or subcontractor that employs the person; default: the vendor. */
    employerVendorId: z.string().uuid().nullish(),
    roleTitle: z.string().trim().max(200).default(""),
    startDate: isoDate,
    endDate: isoDate.nullish(),
    ndaSignedOn: isoDate.nullish(),
    ndaExpiresOn: isoDate.nullish(),
    noncompeteSignedOn: isoDate.nullish(),
    noncompeteExpiresOn: isoDate.nullish(),
    trainingCompletedOn: isoDate.nullish(),
    certifications: z.array(certificationInput).max(50).default([]),
    identities: z
      .object({
        emails: z.array(z.string().max(254)).max(20).optional(),
        sshKeys: z.array(z.string().max(2000)).max(20).optional(),
        gpgFingerprints: z.array(z.string().max(100)).max(20).optional(),
        /** ASCII-armored public keys, so that GPG-signed commits can be verified against the roster. */
        gpgPublicKeys: z
          .array(
            z
              .string()
              .max(20_000)
              .regex(/BEGIN PGP PUBLIC KEY BLOCK/, "must be an ASCII-armored public key"),
          )
          .max(10)
          .optional(),
        accounts: z.array(z.string().max(200)).max(50).optional(),
      })
      .default({}),
  })
  .superRefine((p, ctx) => {
    if (p.endDate && p.endDate < p.startDate)
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "is before the start date" });
    if (p.ndaExpiresOn && p.ndaSignedOn && p.ndaExpiresOn < p.ndaSignedOn) {
      ctx.addIssue({ code: "custom", path: ["ndaExpiresOn"], message: "is before the NDA was signed" });
    }
    if (p.ndaExpiresOn && !p.ndaSignedOn)
      ctx.addIssue({
        code: "custom",
        path: ["ndaSignedOn"],
        message: "is required when an NDA expiry is given",
      });
  });

export type PersonFields = z.infer<typeof personFieldsSchema>;
