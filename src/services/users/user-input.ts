import { z } from "zod";
import { ROLES } from "../../domain/roles.ts";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "must be an email address such as name@example.com");

export const newUserSchema = z
  .object({
    email: emailSchema,
    name: z.string().trim().min(1, "is required").max(200),
    role: z.enum(ROLES as [string, ...string[]]),
    vendorId: z.string().uuid().nullish(),
    password: z.string(),
  })
  .refine((u) => (u.role === "vendor") === Boolean(u.vendorId), {
    message: "a vendor user needs vendorId, and only a vendor user may have one",
    path: ["vendorId"],
  });

export type NewUserInput = z.infer<typeof newUserSchema>;
