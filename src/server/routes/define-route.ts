import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { WardenError } from "../../domain/errors.ts";
import { type Actor, can, type Permission } from "../../domain/roles.ts";
import type { ServiceContext } from "../../services/context.ts";
import { type AppEnv, serviceContext } from "../env.ts";
import { problemResponses } from "../schemas.ts";

/**
 * Who may call a route, published as its operation's `x-permission` so that the authorisation
 * suite derives each role's outcome from it. The service still decides: this declares what it
 * checks, it does not enforce it.
 * - a permission of src/domain/roles.ts: the one the service asks for before it acts;
 * - several: the service lets any of them through (an internal writer, or a vendor contact acting
 *   for its own vendor);
 * - `"signed-in"`: any authenticated user, vendor contacts included; the service scopes what each sees;
 * - `"public"`: no session (the path is in PUBLIC_PATHS of routes/auth.ts).
 */
export type RouteAccess =
  | Permission
  | readonly [Permission, Permission, ...Permission[]]
  | "public"
  | "signed-in";

/**
 * The `x-permission` extension of an OpenAPI operation, for routes registered with createRoute
 * (uploads, downloads, the sign-in doors) rather than defineRoute.
 *
 * @example
 * createRoute({ method: "get", path: "/api/users", ...publishedAccess("users.manage"), ... })
 */
export function publishedAccess(access: RouteAccess): { "x-permission": RouteAccess } {
  return { "x-permission": access };
}

/** Whether an actor holds a route's declared access (a route declared public is open to all). */
export function holdsAccess(actor: Actor, access: RouteAccess): boolean {
  if (access === "public" || access === "signed-in") return true;
  return (typeof access === "string" ? [access] : access).some((permission) => can(actor, permission));
}

export interface RouteSpec {
  method: "get" | "post" | "patch" | "put" | "delete";
  /** OpenAPI path, e.g. /api/vendors/{id}. */
  path: string;
  summary: string;
  tag: string;
  /** Who may call it (see RouteAccess): published as the operation's `x-permission`. */
  permission: RouteAccess;
  /** The request has a JSON body (the service validates it). */
  body?: boolean;
  /** The body's shape for the OpenAPI document (the service still parses it). */
  bodySchema?: z.ZodType;
  /** The answer's shape for the OpenAPI document. */
  responseSchema?: z.ZodType;
  status?: 200 | 201;
  /**
   * The media types of a file the route answers with (a PDF, a CSV or XLSX export) instead of
   * JSON; the query parameters it reads are listed in `query`.
   */
  produces?: readonly string[];
  query?: Record<string, string>;
}

function isEmptyObject(value: unknown): boolean {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0
  );
}

const serialised = new WeakMap<object, string>();

const anyJson = z.record(z.string(), z.unknown());

/**
 * The OpenAPI request part for the `{name}` segments of a path (each a string), or nothing when
 * the path has none.
 */
export function pathParams(path: string) {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  if (names.length === 0) return {};
  return {
    params: z.object(
      Object.fromEntries(names.map((n) => [n, z.string().openapi({ param: { name: n, in: "path" } })])),
    ),
  };
}

/**
 * Registers a JSON route whose validation lives in the service it calls: the
 * route only hands over path params, query and body. Every route so defined
 * appears in the OpenAPI document (and so in the 401 test of every route).
 */
export function defineRoute(
  app: OpenAPIHono<AppEnv>,
  spec: RouteSpec,
  handler: (
    ctx: ServiceContext,
    input: { params: Record<string, string>; query: Record<string, string>; body: unknown },
    c: Context<AppEnv>,
  ) => Promise<unknown>,
): void {
  const route = createRoute({
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    tags: [spec.tag],
    ...publishedAccess(spec.permission),
    ...(spec.permission === "public" ? { security: [] } : {}),
    request: {
      ...pathParams(spec.path),
      ...(spec.query
        ? {
            query: z.object(
              Object.fromEntries(
                Object.entries(spec.query).map(([name, description]) => [
                  name,
                  z.string().optional().openapi({ description }),
                ]),
              ),
            ),
          }
        : {}),
      ...(spec.body
        ? {
            body: {
              content: { "application/json": { schema: spec.bodySchema ?? anyJson } },
              required: true,
            },
          }
        : {}),
    },
    responses: {
      [spec.status ?? 200]: spec.produces
        ? {
            description: "The file",
            content: Object.fromEntries(
              spec.produces.map((type) => [type, { schema: z.string().openapi({ format: "binary" }) }]),
            ),
          }
        : {
            description: "OK",
            content: { "application/json": { schema: spec.responseSchema ?? z.unknown() } },
          },
      ...problemResponses,
    },
  });
  app.openapi(route, (async (c: Context<AppEnv>) => {
    const params = c.req.param() as Record<string, string>;
    const query = c.req.query();
    const body = spec.body ? await c.req.json().catch(() => null) : undefined;
    const ctx = serviceContext(c);
    // Only a caller who may change something is told that it named nothing: anyone else gets the
    // service's refusal, as for any other input.
    if (spec.method === "patch" && isEmptyObject(body) && holdsAccess(ctx.actor, spec.permission)) {
      throw new WardenError(
        "invalid_input",
        "Nothing to change: the request body names no field. Send the fields to update.",
      );
    }
    const result = await handler(ctx, { params, query, body }, c);
    if (result instanceof Response) return result;
    if (typeof result === "object" && result !== null && Object.isFrozen(result)) {
      // A frozen result is a shared, unchanging copy (the dashboard): serialise it once.
      let text = serialised.get(result);
      if (text === undefined) {
        text = JSON.stringify(result);
        serialised.set(result, text);
      }
      return c.body(text, spec.status ?? 200, { "content-type": "application/json" });
    }
    return c.json(result as object, spec.status ?? 200);
  }) as never);
}
