/**
 * The URL of a worker thread's entry file beside the module that starts it: the
 * `.ts` source when Warden runs from its sources (tsx, vitest), the compiled
 * `.js` when it runs from `dist/`. A `new URL("./x.ts", import.meta.url)` written
 * out would name a file the build does not ship.
 *
 * @example
 * new Worker(workerEntry("scan-secrets-worker", import.meta.url), { workerData });
 */
export function workerEntry(name: string, moduleUrl: string): URL {
  const extension = new URL(moduleUrl).pathname.endsWith(".ts") ? ".ts" : ".js";
  return new URL(`./${name}${extension}`, moduleUrl);
}
