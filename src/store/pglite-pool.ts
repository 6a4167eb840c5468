import type { PGlite } from "@electric-sql/pglite";
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from "kysely";

/**
 * Presents one embedded PGlite database as a `pg`-style pool, so that Kysely's own
 * PostgresDialect (compiler, adapter, introspector) serves both engines.
 *
 * PGlite has a single connection. A Kysely transaction spans many awaits, so every
 * user of the database (Kysely and the job queue alike) must hold the connection
 * for the whole of its work: `connect()` waits its turn in a FIFO queue.
 */
export class PGlitePool implements PostgresPool {
  #tail: Promise<void> = Promise.resolve();
  #ended = false;

  constructor(readonly pglite: PGlite) {}

  async connect(): Promise<PostgresPoolClient> {
    if (this.#ended) throw new Error("the embedded database is closed");
    let release!: () => void;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#tail;
    this.#tail = previous.then(() => turn);
    await previous;
    let released = false;
    const pglite = this.pglite;
    const client = {
      async query<R>(sqlText: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
        return runQuery<R>(pglite, sqlText, parameters);
      },
      release() {
        if (released) return;
        released = true;
        release();
      },
    };
    return client as PostgresPoolClient;
  }

  /** Runs one statement (or, without parameters, a script) holding the connection. */
  async run<R>(sqlText: string, parameters: ReadonlyArray<unknown> = []): Promise<PostgresQueryResult<R>> {
    const client = await this.connect();
    try {
      return await runQuery<R>(this.pglite, sqlText, parameters);
    } finally {
      client.release();
    }
  }

  async end(): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    await this.#tail;
    await this.pglite.close();
  }
}

async function runQuery<R>(
  pglite: PGlite,
  sqlText: string,
  parameters: ReadonlyArray<unknown>,
): Promise<PostgresQueryResult<R>> {
  if (parameters.length === 0) {
    // A statement without parameters may be a script of several (migrations, the
    // job queue's schema): only the simple protocol (`exec`) accepts those.
    const results = await pglite.exec(sqlText);
    const last = results[results.length - 1];
    const reported = (last as { command?: string } | undefined)?.command?.toUpperCase();
    return {
      command: commandOf(reported ?? sqlText),
      rowCount: last?.affectedRows ?? last?.rows.length ?? 0,
      rows: (last?.rows ?? []) as R[],
    };
  }
  const result = await pglite.query<R>(sqlText, [...parameters]);
  return {
    command: commandOf(sqlText),
    rowCount: result.affectedRows ?? result.rows.length,
    rows: result.rows,
  };
}

/** Kysely reads the command to count affected rows and to notice a failed COMMIT. */
function commandOf(sqlTextOrCommand: string): PostgresQueryResult<unknown>["command"] {
  const word = /^\s*(\w+)/.exec(sqlTextOrCommand)?.[1]?.toUpperCase();
  switch (word) {
    case "INSERT":
    case "UPDATE":
    case "DELETE":
    case "MERGE":
    case "COMMIT":
    case "ROLLBACK":
      return word;
    default:
      return "SELECT";
  }
}
