import { z } from "zod";
import { ROLES } from "../../domain/roles.ts";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "must be an email address such as name@example.com");

const userFields = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, "is required").max(200),
  role: z.enum(ROLES as [string, ...string[]]),
  vendorId: z.string().uuid().nullish(),
});

const vendorRule = {
  check: (u: { role: string; vendorId?: string | null | undefined }) =>
    (u.role === "vendor") === Boolean(u.vendorId),
  message: "a vendor user needs vendorId, and only a vendor user may have one",
  path: ["vendorId"],
};

export const newUserSchema = userFields
  .extend({ password: z.string() })
  .refine(vendorRule.check, { message: vendorRule.message, path: vendorRule.path });

/** An invited user: no password; they set their own from the link mailed to them. */
export const invitedUserSchema = userFields
  .extend({
    invite: z.literal(true),
    password: z.undefined({ message: "leave it out: an invited user sets their own password" }).optional(),
  })
  .refine(vendorRule.check, { message: vendorRule.message, path: vendorRule.path });

export type NewUserInput = z.infer<typeof newUserSchema>;
export type UserFields = z.infer<typeof userFields>;
