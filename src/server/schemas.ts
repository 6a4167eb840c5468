import { z } from "@hono/zod-openapi";
import { ROLES } from "../domain/roles.ts";

/** Shapes shared by the routes, for validation and for the OpenAPI document. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

export const UserSchema = z
  .object({
    id: z.string().uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES as [string, ...string[]]),
    vendorId: z.string().uuid().nullable(),
    disabled: z.boolean(),
    createdAt: z.string(),
    mustChangePassword: z.boolean(),
    secondFactor: z.boolean(),
  })
  .openapi("User");

export const SessionInfoSchema = z
  .object({
    user: UserSchema,
    csrfToken: z.string(),
    restriction: z
      .enum(["change_password", "enrol_second_factor"])
      .nullable()
      .optional()
      .openapi({ description: "What the user must do before anything else" }),
  })
  .openapi("SessionInfo");

export const IdParams = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" } }),
});

export const PageQuery = z.object({
  limit: z
    .string()
    .optional()
    .openapi({ param: { name: "limit", in: "query" }, example: "50" }),
  offset: z
    .string()
    .optional()
    .openapi({ param: { name: "offset", in: "query" }, example: "0" }),
  q: z
    .string()
    .optional()
    .openapi({ param: { name: "q", in: "query" } }),
});

export function pageOf<T extends z.ZodTypeAny>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      total: z.number().int(),
      limit: z.number().int(),
      offset: z.number().int(),
    })
    .openapi(name);
}

export const problemResponses = {
  400: { description: "Invalid input", content: { "application/problem+json": { schema: ProblemSchema } } },
  401: { description: "Not signed in", content: { "application/problem+json": { schema: ProblemSchema } } },
  403: { description: "Not allowed", content: { "application/problem+json": { schema: ProblemSchema } } },
  404: { description: "Not found", content: { "application/problem+json": { schema: ProblemSchema } } },
} as const;

export function jsonBody<T extends z.ZodTypeAny>(schema: T) {
  return { content: { "application/json": { schema } }, required: true };
}

export function jsonResponse<T extends z.ZodTypeAny>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}
