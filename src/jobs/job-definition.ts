import type { z } from "zod";
import type { Runtime } from "../services/context.ts";

/** A kind of background work: its queue name, its payload schema, and what it does. */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  queue: string;
  payload: S;
  /** A cron expression (UTC) to run it on a schedule, with an empty payload. */
  cron?: string;
  retryLimit?: number;
  expireInSeconds?: number;
  run(runtime: Runtime, payload: z.infer<S>): Promise<void>;
}

export function defineJob<S extends z.ZodType>(job: JobDefinition<S>): JobDefinition<S> {
  return job;
}
