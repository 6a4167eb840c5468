import type { z } from "zod";
import type { Runtime } from "../services/context.ts";

/** A kind of background work: its queue name, its payload schema, and what it does. */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  queue: string;
  payload: S;
  /** A cron expression (UTC) to run it on a schedule, with an empty payload. */
  cron?: string;
  retryLimit?: number;
  /** The first retry's delay; each later one doubles it (with jitter). */
  retryDelaySeconds?: number;
  expireInSeconds?: number;
  run(runtime: Runtime, payload: z.infer<S>): Promise<void>;
  /** Loads what the job needs ahead of its first run; a worker calls it once, in the background, at start. */
  warmUp?(): Promise<unknown>;
}

export function defineJob<S extends z.ZodType>(job: JobDefinition<S>): JobDefinition<S> {
  return job;
}
