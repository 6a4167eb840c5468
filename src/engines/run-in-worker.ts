import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { parentPort, Worker, type WorkerOptions } from "node:worker_threads";
import { WardenError, type WardenErrorCode } from "../domain/errors.ts";
import { formatBytes } from "../domain/format-bytes.ts";

/** Where a worker thread's module is, and the TypeScript loader it needs (none when compiled). */
export interface WorkerEntry {
  url: URL;
  /** tsx's ESM API, registered in the thread before the module loads; null for a compiled `.js`. */
  tsLoader: string | null;
}

/**
 * The worker module `name` beside the module at `base` (its `import.meta.url`): `name.ts` when
 * Warden runs from its TypeScript sources, `name.js` when it runs compiled.
 */
export function workerEntry(base: string, name: string): WorkerEntry {
  const fromSources = base.endsWith(".ts");
  const url = new URL(`./${name}${fromSources ? ".ts" : ".js"}`, base);
  if (!fromSources) return { url, tsLoader: null };
  const tsxPackage = createRequire(import.meta.url).resolve("tsx/package.json");
  return {
    url,
    tsLoader: pathToFileURL(tsxPackage.replace(/package\.json$/, "dist/esm/api/index.mjs")).href,
  };
}

/**
 * Starts a worker thread on `entry`: the compiled module directly, or, from the sources, a small
 * bootstrap that registers tsx in the new thread and then imports the module (a loader given to
 * the parent, `--import tsx`, does not reach a worker's entry on Node 20). The one way every
 * engine starts its worker threads.
 *
 * @example
 * const worker = startWorker(workerEntry(import.meta.url, "scan-secrets-worker"), { workerData });
 */
export function startWorker(entry: WorkerEntry, options: WorkerOptions): Worker {
  if (!entry.tsLoader) return new Worker(entry.url, options);
  const bootstrap = `import(${JSON.stringify(entry.tsLoader)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.url.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** The hard limits of one piece of work in a worker thread. */
export interface WorkerLimits {
  /** Wall time: the thread is terminated when it expires, wherever its code is. */
  timeMs: number;
  /** The thread's heap (V8's old generation); past it the thread dies, not the process. */
  memoryBytes: number;
}

/** What a worker posts back: its result, or the error it ended with (a WardenError keeps its code). */
export type WorkerReply<T> =
  | { ok: true; value: T }
  | { ok: false; code: WardenErrorCode | null; message: string; details?: Record<string, unknown> };

/** Turns a worker's outcome into its reply (the body of every worker module). */
export async function replyFrom<T>(work: () => Promise<T>): Promise<WorkerReply<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return error instanceof WardenError
      ? {
          ok: false,
          code: error.code,
          message: error.message,
          ...(error.details ? { details: error.details } : {}),
        }
      : { ok: false, code: null, message: error instanceof Error ? error.message : String(error) };
  }
}

/** How long a new thread may take to load its module and warm up; its first job waits for it. */
const START_TIMEOUT_MS = 120_000;

/**
 * Serves a worker module's work: once `warmUp` is done (loading a parser), it says so, then each
 * message `{ id, input }` from the parent is answered with `{ id, reply }`. The body of every
 * module run by `workerRunner`.
 */
export async function serveWorker<I, O>(
  work: (input: I) => Promise<O>,
  warmUp: () => Promise<unknown> = async () => undefined,
): Promise<void> {
  parentPort?.on("message", async (message: { id: number; input: I }) => {
    parentPort?.postMessage({ id: message.id, reply: await replyFrom(() => work(message.input)) });
  });
  await warmUp().catch(() => undefined);
  parentPort?.postMessage({ ready: true });
}

/**
 * A runner for one worker module with hard limits per piece of work, so that a hostile input can
 * neither freeze the caller's event loop (the thread is terminated at `timeMs`, even inside a
 * parser's synchronous loop) nor exhaust the process's memory (`memoryBytes` caps the thread's
 * heap). The thread is kept between calls (starting one costs seconds under tsx) and replaced
 * after a thread was stopped; calls run one at a time. `what` names the work in the errors:
 * `timeout` or `too_large`, saying which limit was hit (and `details.limit`: `time` or `memory`).
 * A WardenError thrown by the work keeps its code and details.
 *
 * @example
 * const extract = workerRunner<Job, ExtractedText>(workerEntry(import.meta.url, "extract-text-worker"), "Reading the PDF");
 * const text = await extract(job, { timeMs: 20_000, memoryBytes: 512 * 2 ** 20 });
 */
export function workerRunner<I, O>(
  entry: WorkerEntry,
  what: string,
): (input: I, limits: WorkerLimits) => Promise<O> {
  let thread: { worker: Worker; memoryBytes: number; ready: Promise<void> } | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let nextId = 0;
  const threadFor = async (memoryBytes: number): Promise<Worker> => {
    if (!thread || thread.memoryBytes !== memoryBytes) {
      if (thread) void thread.worker.terminate();
      const worker = startWorker(entry, {
        resourceLimits: { maxOldGenerationSizeMb: Math.max(16, Math.floor(memoryBytes / 2 ** 20)) },
      });
      worker.unref();
      thread = { worker, memoryBytes, ready: readyOf(worker) };
    }
    const current = thread;
    try {
      await current.ready;
    } catch (error) {
      if (thread === current) thread = null;
      void current.worker.terminate();
      throw new WardenError(
        "unavailable",
        `${what} could not start its worker thread (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
    return current.worker;
  };
  const runOne = async (input: I, limits: WorkerLimits): Promise<O> => {
    // Starting the thread is not the work's time: its clock starts once the thread is ready.
    const worker = await threadFor(limits.memoryBytes);
    return new Promise((resolve, reject) => {
      const id = nextId++;
      const stop = (error: Error) => {
        cleanup();
        if (thread?.worker === worker) thread = null;
        void worker.terminate();
        reject(error);
      };
      const onMessage = (message: { id: number; reply: WorkerReply<O> }) => {
        if (message.id !== id) return;
        cleanup();
        const { reply } = message;
        if (reply.ok) resolve(reply.value);
        else
          reject(
            reply.code ? new WardenError(reply.code, reply.message, reply.details) : new Error(reply.message),
          );
      };
      const onError = (error: Error & { code?: string }) =>
        stop(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new WardenError(
                "too_large",
                `${what} needed more than its ${formatBytes(limits.memoryBytes)} of memory and was stopped.`,
                { limit: "memory" },
              )
            : new Error(`${what} failed in its worker thread: ${error.message}`),
        );
      const onExit = (code: number) =>
        stop(new Error(`${what} ended its worker thread without an answer (exit ${code}).`));
      const timer = setTimeout(
        () =>
          stop(
            new WardenError(
              "timeout",
              `${what} took longer than ${Math.round(limits.timeMs / 1000)} s and was stopped. Split the document or simplify it.`,
              { limit: "time" },
            ),
          ),
        limits.timeMs,
      );
      function cleanup() {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
      }
      worker.on("message", onMessage);
      worker.once("error", onError);
      worker.once("exit", onExit);
      worker.postMessage({ id, input });
    });
  };
  return (input, limits) => {
    const run = queue.then(() => runOne(input, limits));
    queue = run.catch(() => undefined);
    return run;
  };
}

/** Resolves when a new thread says it is ready; rejects when it fails or takes too long to start. */
function readyOf(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error("it did not start in time")), START_TIMEOUT_MS);
    const onMessage = (message: { ready?: boolean }) => {
      if (!message.ready) return;
      done();
      resolve();
    };
    const fail = (error: unknown) => {
      done();
      reject(error instanceof Error ? error : new Error(`it exited (${String(error)})`));
    };
    const done = () => {
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", fail);
      worker.off("exit", fail);
    };
    worker.on("message", onMessage);
    worker.on("error", fail);
    worker.on("exit", fail);
  });
}
