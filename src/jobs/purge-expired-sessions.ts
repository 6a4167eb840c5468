import { z } from "zod";
import { purgeLoginThrottle, THROTTLE } from "../services/auth/login-throttle.ts";
import { defineJob } from "./job-definition.ts";

/** Hourly housekeeping: expired sessions, login attempts older than the throttle window, idle throttle counters. */
export const purgeExpiredSessions = defineJob({
  queue: "maintenance.purge-sessions",
  payload: z.object({}).passthrough(),
  cron: "17 * * * *",
  async run(runtime) {
    const now = runtime.now();
    await runtime.db
      .deleteFrom("sessions")
      .where((eb) => eb.or([eb("expires_at", "<=", now), eb("absolute_expires_at", "<=", now)]))
      .execute();
    await runtime.db
      .deleteFrom("login_attempts")
      .where("at", "<", new Date(now.getTime() - 2 * THROTTLE.windowMs))
      .execute();
    await purgeLoginThrottle(runtime.db, now);
  },
});
