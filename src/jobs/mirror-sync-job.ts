import { z } from "zod";
import { isWardenError } from "../domain/errors.ts";
import { MIRROR_SYNC_QUEUE } from "../services/custody/custody-repositories.ts";
import { repositoriesDueForSync, syncRepository } from "../services/custody/sync-repository.ts";
import { defineJob } from "./job-definition.ts";

/**
 * Mirrors vendor repositories home. With a repository id, syncs that one (on demand, or the first
 * sync after registration); with an empty payload (the schedule, every 5 minutes), syncs each
 * repository whose own interval has passed since its last sync. A sync another worker is running
 * is left to it.
 */
export const mirrorSyncJob = defineJob({
  queue: MIRROR_SYNC_QUEUE,
  payload: z.object({
    repositoryId: z.string().uuid().optional(),
    trigger: z.enum(["schedule", "manual", "delivery"]).optional(),
  }),
  cron: "*/5 * * * *",
  retryLimit: 0,
  expireInSeconds: 60 * 60,
  async run(runtime, payload) {
    const ids = payload.repositoryId ? [payload.repositoryId] : await repositoriesDueForSync(runtime);
    for (const id of ids) {
      try {
        const outcome = await syncRepository(runtime, id, payload.trigger ?? "schedule");
        runtime.log.info({ repositoryId: id, outcome }, "mirror sync");
      } catch (error) {
        if (!isWardenError(error) || !["conflict", "not_found"].includes(error.code)) throw error;
        runtime.log.info({ repositoryId: id, reason: error.message }, "mirror sync skipped");
      }
    }
  },
});
