import type { Runtime } from "../context.ts";

/**
 * The secret that places watermark bits and signs canaries, derived from the
 * installation's secret key: without it nobody can read, forge or strip-by-analysis the
 * marks of this installation's copies.
 */
export function leakWatermarkKey(runtime: Pick<Runtime, "secrets">): string {
  return runtime.secrets.deriveKey("leak-watch/watermark").toString("hex");
}
