import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { WardenError } from "../domain/errors.ts";
import type { Runtime } from "../services/context.ts";
import type { AppEnv } from "./env.ts";
import { HealthProbe } from "./health-probe.ts";
import { authenticate } from "./middleware/auth/index.ts";
import { resolveClientAddress } from "./middleware/client-address/index.ts";
import { csrfProtection } from "./middleware/csrf/index.ts";
import { requestId } from "./middleware/request-id/index.ts";
import { problemResponse } from "./problem.ts";
import { registerAccessRoutes } from "./routes/access.ts";
import { registerAuditRoutes } from "./routes/audit.ts";
import { PUBLIC_PATHS, registerAuthRoutes } from "./routes/auth.ts";
import { registerContractRoutes } from "./routes/contracts.ts";
import { registerCustodyRoutes } from "./routes/custody.ts";
import { registerEvidenceUploadRoutes } from "./routes/evidence-upload.ts";
import { registerLeaksRoutes } from "./routes/leaks.ts";
import { registerLifecycleRoutes } from "./routes/lifecycle.ts";
import { registerNotificationRoutes } from "./routes/notifications.ts";
import { registerPortalRoutes } from "./routes/portal.ts";
import { registerQuestionnaireLinkRoutes } from "./routes/questionnaire-link.ts";
import { registerQuestionnaireRoutes } from "./routes/questionnaires.ts";
import { registerReportRoutes } from "./routes/reports.ts";
import { registerSignInRoutes } from "./routes/sign-in.ts";
import { registerUserRoutes } from "./routes/users.ts";

/** Routes that accept file uploads get the upload limit instead of the JSON one. */
const UPLOAD_PATH = /\/(upload|files)(\/|$)/;

export interface AppOptions {
  /** The built web UI (default: dist/web in the project). */
  webRoot?: string;
  /** The database check /api/health reports (default: one over the runtime's database). */
  healthProbe?: HealthProbe;
  /** Extra route groups (each engine's routes register here). */
  routes?: ((app: OpenAPIHono<AppEnv>) => void)[];
}

/**
 * The HTTP application: the JSON API under /api (with its OpenAPI 3.1 document at
 * /api/openapi.json) and the web UI, one process. Routes are thin: they parse,
 * call a service, and shape the answer; errors become problem+json in problem.ts.
 */
export function createApp(runtime: Runtime, options: AppOptions = {}): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const errors = result.error.issues.map((i) => ({
          field: i.path.join(".") || "(body)",
          message: i.message,
        }));
        throw new WardenError(
          "invalid_input",
          `Invalid input: ${errors.map((e) => `${e.field}: ${e.message}`).join("; ")}.`,
          {
            errors,
          },
        );
      }
    },
  });
  const allowedOrigins = new Set([new URL(runtime.config.publicUrl).origin]);

  app.onError((error, c) => problemResponse(c, error));
  app.notFound((c) => {
    if (c.req.path.startsWith("/api/")) {
      return problemResponse(c, new WardenError("not_found", `No API route ${c.req.method} ${c.req.path}.`));
    }
    return c.text("Not found", 404);
  });

  app.use("*", async (c, next) => {
    c.set("runtime", runtime);
    await next();
  });
  app.use("*", requestId());
  app.use("*", resolveClientAddress(runtime.config.trustedProxies));
  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "blob:"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
      referrerPolicy: "same-origin",
    }),
  );
  app.use("/api/*", async (c, next) => {
    const maxSize = UPLOAD_PATH.test(c.req.path)
      ? runtime.config.maxUploadBytes
      : runtime.config.maxBodyBytes;
    return bodyLimit({
      maxSize,
      onError: () => {
        throw new WardenError(
          "too_large",
          `The request body is larger than the ${Math.round(maxSize / 1024)} KiB limit for this endpoint.`,
        );
      },
    })(c, next);
  });
  app.use("/api/*", async (c, next) => {
    c.header("cache-control", "no-store");
    await next();
  });
  app.use("/api/*", authenticate({ publicPaths: PUBLIC_PATHS }));
  app.use("/api/*", csrfProtection({ allowedOrigins }));

  registerAuthRoutes(
    app,
    options.healthProbe ??
      new HealthProbe(() => runtime.db.selectFrom("settings").select("key").limit(1).execute()),
  );
  registerSignInRoutes(app);
  registerUserRoutes(app);
  // Before the routes whose `{id}` segments would take `/api/vendors/export`.
  registerReportRoutes(app);
  registerAuditRoutes(app);
  registerLifecycleRoutes(app);
  registerEvidenceUploadRoutes(app);
  registerQuestionnaireRoutes(app);
  registerQuestionnaireLinkRoutes(app);
  registerAccessRoutes(app);
  registerCustodyRoutes(app);
  registerLeaksRoutes(app);
  registerContractRoutes(app);
  registerPortalRoutes(app);
  registerNotificationRoutes(app);
  for (const register of options.routes ?? []) register(app);

  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Warden API",
      version: "0.1.0",
      description: "Vendor engagements, playbook controls and their machine checks.",
    },
    security: [{ session: [] }, { token: [] }],
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "warden_session",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "token", { type: "http", scheme: "bearer" });

  const webRoot = resolve(options.webRoot ?? join(import.meta.dirname, "..", "..", "dist", "web"));
  if (existsSync(webRoot)) app.use("/assets/*", serveStatic({ root: webRoot }));
  app.get("*", async (c) => {
    const index = join(webRoot, "index.html");
    if (!existsSync(index)) {
      return c.text("The web UI is not built. Run `npm run build` (npm start does it for you).", 503);
    }
    return c.html(await readFile(index, "utf8"));
  });
  return app;
}
