import { CompiledQuery } from "kysely";
import PgBoss from "pg-boss";
import { WardenError } from "../domain/errors.ts";
import type { Runtime, Tx } from "../services/context.ts";
import type { JobDefinition } from "./job-definition.ts";
import { jobs as registeredJobs } from "./registry.ts";

/**
 * The durable job queue: pg-boss in Warden's own database (a `pgboss` schema),
 * on PGlite and PostgreSQL alike. Jobs are taken with SKIP LOCKED, so any number
 * of workers may share one PostgreSQL and no job runs twice at once.
 */
export class JobQueue {
  private constructor(
    private readonly boss: PgBoss,
    private readonly runtime: Runtime,
    private readonly definitions: Map<string, JobDefinition>,
  ) {}

  /**
   * Starts the queue. With `work`, this process also runs jobs (every queue, or
   * the given ones); without, it only sends.
   */
  static async start(
    runtime: Runtime,
    options: {
      work: boolean;
      jobs?: JobDefinition[];
      pollingIntervalSeconds?: number;
      /** Overrides every job's first retry delay (tests wait seconds, not minutes). */
      retryDelaySeconds?: number;
    },
  ): Promise<JobQueue> {
    const definitions = new Map((options.jobs ?? registeredJobs).map((j) => [j.queue, j]));
    const boss = new PgBoss({
      db: { executeSql: (text, values) => runtime.store.executeSql(text, values) },
      schema: "pgboss",
      // Only workers keep the queue's own house (maintenance, cron).
      supervise: options.work,
      schedule: options.work,
    });
    boss.on("error", (error) => runtime.log.error({ err: error }, "job queue error"));
    await boss.start();
    const queue = new JobQueue(boss, runtime, definitions);
    for (const definition of definitions.values()) {
      await createQueueOnce(() =>
        boss.createQueue(definition.queue, {
          name: definition.queue,
          retryLimit: definition.retryLimit ?? 3,
          retryBackoff: true,
          retryDelay: options.retryDelaySeconds ?? definition.retryDelaySeconds ?? 0,
          expireInSeconds: definition.expireInSeconds ?? 15 * 60,
        }),
      );
      if (options.work) {
        if (definition.cron) await boss.schedule(definition.queue, definition.cron, {}, { tz: "UTC" });
        await boss.work(
          definition.queue,
          { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
          async ([job]) => {
            if (!job) return;
            await queue.runOne(definition, job.id, job.data);
          },
        );
      }
    }
    runtime.enqueue = async (name, payload, tx, sendOptions) => {
      await queue.send(name, payload, { ...(tx ? { tx } : {}), ...(sendOptions ?? {}) });
    };
    return queue;
  }

  /**
   * Loads, in the background, what the jobs need before their first run (pdf.js
   * for contract analysis). A failure is only logged: the job loads it again
   * when it runs, and says then what is wrong.
   */
  async warmUp(): Promise<void> {
    await Promise.all(
      [...this.definitions.values()].map(async (definition) => {
        try {
          await definition.warmUp?.();
        } catch (error) {
          this.runtime.log.warn({ queue: definition.queue, err: error }, "job warm-up failed");
        }
      }),
    );
  }

  private async runOne(definition: JobDefinition, id: string, data: unknown): Promise<void> {
    const payload = definition.payload.safeParse(data);
    if (!payload.success) {
      // A malformed payload will not get better on retry: fail it for good, loudly.
      this.runtime.log.error(
        { job: id, queue: definition.queue, issues: payload.error.issues },
        "job payload is invalid",
      );
      throw new Error(`invalid payload for ${definition.queue}`);
    }
    const started = Date.now();
    try {
      await definition.run(this.runtime, payload.data);
      this.runtime.log.info({ job: id, queue: definition.queue, ms: Date.now() - started }, "job done");
    } catch (error) {
      this.runtime.log.warn({ job: id, queue: definition.queue, err: error }, "job failed");
      throw error;
    }
  }

  /**
   * Queues a job. Given a transaction, the job is written in it and exists only
   * if that transaction commits.
   */
  async send(
    queue: string,
    payload: Record<string, unknown>,
    options: { tx?: Tx; singletonKey?: string; singletonSeconds?: number } = {},
  ): Promise<string | null> {
    const definition = this.definitions.get(queue);
    if (!definition) throw new WardenError("invalid_input", `No job queue named ${queue}.`);
    const data = definition.payload.parse(payload);
    const tx = options.tx;
    return this.boss.send(queue, data as object, {
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.singletonSeconds ? { singletonSeconds: options.singletonSeconds } : {}),
      ...(tx
        ? {
            db: {
              executeSql: async (text: string, values: unknown[]) => {
                const result = await tx.executeQuery(CompiledQuery.raw(text, values));
                return { rows: result.rows as unknown[] };
              },
            },
          }
        : {}),
    });
  }

  /** How many jobs wait in a queue (for the UI and tests). */
  async queuedCount(queue: string): Promise<number> {
    return this.boss.getQueueSize(queue);
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}

/**
 * Creates a queue, tolerating another process creating the same queues at the same moment (several
 * servers started together on one PostgreSQL): pg-boss's create_queue attaches a partition, and two
 * of them at once can deadlock. PostgreSQL then aborts one; trying again finds the queue made.
 */
async function createQueueOnce(create: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await create();
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if ((code !== "40P01" && code !== "23505") || attempt >= 5) throw error;
      await new Promise((done) => setTimeout(done, 50 + Math.random() * 200 * attempt));
    }
  }
}
