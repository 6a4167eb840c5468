import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { WardenError } from "../../domain/errors.ts";
import type { Permission } from "../../domain/roles.ts";
import type { ServiceContext } from "../../services/context.ts";
import { type AppEnv, serviceContext } from "../env.ts";
import { problemResponses } from "../schemas.ts";

export interface RouteSpec {
  method: "get" | "post" | "patch" | "put" | "delete";
  /** OpenAPI path, e.g. /api/vendors/{id}. */
  path: string;
  summary: string;
  tag: string;
  /**
   * The permission the service asks for (src/domain/roles.ts), published as the operation's
   * `x-permission` so that the authorisation suite derives who may call it. The service still
   * decides: this declares it, it does not enforce it.
   */
  permission?: Permission;
  /** The request has a JSON body (the service validates it). */
  body?: boolean;
  /** The body's shape for the OpenAPI document (the service still parses it). */
  bodySchema?: z.ZodType;
  /** The answer's shape for the OpenAPI document. */
  responseSchema?: z.ZodType;
  /** Public routes (in PUBLIC_PATHS) say so here too: they need no session. */
  public?: boolean;
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
    ...(spec.permission ? { "x-permission": spec.permission } : {}),
    ...(spec.public ? { security: [] } : {}),
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
    if (spec.method === "patch" && isEmptyObject(body)) {
      throw new WardenError(
        "invalid_input",
        "Nothing to change: the request body names no field. Send the fields to update.",
      );
    }
    const result = await handler(serviceContext(c), { params, query, body }, c);
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
