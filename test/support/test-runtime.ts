import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import pino from "pino";
import { type Config, loadConfig } from "../../src/config.ts";
import type { Runtime } from "../../src/services/context.ts";
import { openRuntime } from "../../src/services/open-runtime.ts";
import { pgliteTemplateDir } from "./pglite-template.ts";

/**
 * The database engine the suite runs on: PGlite by default, PostgreSQL when
 * WARDEN_TEST_DATABASE_URL names a server (each runtime then gets a fresh
 * database of its own, dropped at close). `.ci/run` runs the suite both ways.
 */
export const TEST_DATABASE_URL = process.env.WARDEN_TEST_DATABASE_URL;
export const testEngine = TEST_DATABASE_URL ? "postgres" : "pglite";

export interface TestRuntime extends Runtime {
  dataDir: string;
  /** The env a child process needs to open this same database. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function createTestConfig(
  overrides: Record<string, string> = {},
  options: { empty?: boolean } = {},
): Promise<{ config: Config; env: Record<string, string>; dispose(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), "warden-test-"));
  const env: Record<string, string> = {
    WARDEN_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    WARDEN_SECRET_KEY: randomBytes(32).toString("hex"),
    ...overrides,
  };
  let databaseName: string | undefined;
  if (TEST_DATABASE_URL) {
    databaseName = `warden_t_${randomBytes(6).toString("hex")}`;
    await adminQuery(`create database ${databaseName}`);
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${databaseName}`;
    env.DATABASE_URL = url.toString();
  } else if (!options.empty) {
    const template = pgliteTemplateDir();
    if (existsSync(join(template, "PG_VERSION")))
      await cp(template, join(dataDir, "db"), { recursive: true });
  }
  return {
    config: loadConfig(env),
    env,
    async dispose() {
      if (databaseName) await adminQuery(`drop database if exists ${databaseName} with (force)`);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A migrated runtime on a throw-away database and data folder. */
export async function createTestRuntime(
  options: { now?: () => Date; env?: Record<string, string> } = {},
): Promise<TestRuntime> {
  const { config, env, dispose } = await createTestConfig(options.env);
  const runtime = await openRuntime(config, {
    log: pino({ level: "silent" }),
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    ...runtime,
    dataDir: config.dataDir,
    env,
    async close() {
      await runtime.close();
      await dispose();
    },
  };
}

/** Runs one statement on the test server as its administrator (create or drop a database). */
export async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
