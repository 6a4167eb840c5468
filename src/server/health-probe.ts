/** What /api/health reports about the database: the last background check, and how old it is. */
export interface HealthReading {
  ok: boolean;
  /** When the last check ended (ISO), or null before the first. */
  checkedAt: string | null;
  /** How long ago that was, in milliseconds. */
  ageMs: number | null;
  /** How long the last check took, in milliseconds. */
  latencyMs: number | null;
  /** Why it is unhealthy: the check's error, its timeout, or a reading too old to trust. */
  problem: string | null;
}

export interface HealthProbeOptions {
  /** How often the database is checked while someone reads the probe. */
  intervalMs: number;
  /** A check that takes longer counts as failed. */
  timeoutMs: number;
  /** A reading older than this is unhealthy, whatever it said. */
  staleAfterMs: number;
  /** Checks pause when nobody has read the probe for this long, and resume on the next read. */
  idleAfterMs: number;
}

export const defaultHealthProbeOptions: HealthProbeOptions = {
  intervalMs: 1_000,
  timeoutMs: 2_000,
  staleAfterMs: 5_000,
  idleAfterMs: 60_000,
};

/**
 * Keeps a database check fresh in the background, so that the health route answers from memory
 * and never queues behind other work on the database (PGlite's single connection, a busy pool).
 * What it cannot vouch for is unhealthy: a failed or timed-out check, and a reading older than
 * `staleAfterMs` (a check stuck behind long queries). While nobody reads it for `idleAfterMs` it
 * pauses (no timer is left behind); the next read restarts it and waits for one fresh check.
 *
 * @example
 * const probe = new HealthProbe(() => db.selectFrom("settings").select("key").limit(1).execute());
 * const reading = await probe.read(); // { ok: true, ageMs: 312, latencyMs: 2, … }
 */
export class HealthProbe {
  private last: { ok: boolean; at: number; latencyMs: number; problem: string | null } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  /** A check the database has not answered yet, even past its timeout: never sent twice. */
  private unanswered: Promise<unknown> | null = null;
  private lastRead = 0;

  constructor(
    private readonly check: () => Promise<unknown>,
    private readonly options: HealthProbeOptions = defaultHealthProbeOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** The database's health as last checked; starts the checks (and waits for the first) if paused. */
  async read(): Promise<HealthReading> {
    this.lastRead = this.now();
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), this.options.intervalMs);
      this.timer.unref();
      // Stale or absent: wait for one fresh check rather than report an old one.
      await this.runCheck();
    }
    return this.reading();
  }

  /** Stops the checks (a later read starts them again). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private reading(): HealthReading {
    const last = this.last;
    if (!last)
      return { ok: false, checkedAt: null, ageMs: null, latencyMs: null, problem: "not checked yet" };
    const ageMs = Math.max(0, this.now() - last.at);
    const stale = ageMs > this.options.staleAfterMs;
    return {
      ok: last.ok && !stale,
      checkedAt: new Date(last.at).toISOString(),
      ageMs,
      latencyMs: last.latencyMs,
      problem: stale
        ? `the last database check ended ${Math.round(ageMs / 1000)} s ago (checks are due every ${this.options.intervalMs / 1000} s)`
        : last.problem,
    };
  }

  private tick(): void {
    if (this.now() - this.lastRead > this.options.idleAfterMs) {
      this.stop();
      return;
    }
    void this.runCheck();
  }

  /** One check at a time: a check still running is waited for, never doubled. */
  private runCheck(): Promise<void> {
    this.inFlight ??= this.checkOnce().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async checkOnce(): Promise<void> {
    const started = this.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the database did not answer within ${this.options.timeoutMs} ms`)),
        this.options.timeoutMs,
      );
    });
    try {
      this.unanswered ??= this.check().finally(() => {
        this.unanswered = null;
      });
      this.unanswered.catch(() => undefined);
      await Promise.race([this.unanswered, timeout]);
      this.last = { ok: true, at: this.now(), latencyMs: this.now() - started, problem: null };
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      this.last = { ok: false, at: this.now(), latencyMs: this.now() - started, problem };
    } finally {
      clearTimeout(timer);
    }
  }
}
