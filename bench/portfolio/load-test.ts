import { Worker } from "node:worker_threads";

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  firstError: string | null;
}

// The clients run in a worker thread so that their own work does not sit in the
// server's event loop and inflate the latencies they measure.
const CLIENT_CODE = `
const { parentPort, workerData } = require("node:worker_threads");
const { urls, token, concurrency, maxRequests, maxMs } = workerData;
const latencies = [];
let issued = 0, errors = 0, firstError = null;
const started = performance.now();
async function client() {
  while (issued < maxRequests && performance.now() - started < maxMs) {
    const url = urls[issued % urls.length];
    issued++;
    const t = performance.now();
    try {
      const response = await fetch(url, { headers: { authorization: "Bearer " + token } });
      await response.arrayBuffer();
      if (!response.ok) { errors++; firstError ??= response.status + " " + url; }
    } catch (error) {
      errors++; firstError ??= String(error);
    }
    latencies.push(performance.now() - t);
  }
}
Promise.all(Array.from({ length: concurrency }, client)).then(() => {
  parentPort.postMessage({ latencies, errors, firstError, ms: performance.now() - started });
});
`;

/**
 * Sends GET requests from `concurrency` clients in a loop, until `maxRequests`
 * have been sent or `maxMs` has passed, and reports latency percentiles.
 */
export async function loadTest(options: {
  urls: string[];
  token: string;
  concurrency: number;
  maxRequests: number;
  maxMs: number;
}): Promise<LoadResult> {
  const worker = new Worker(CLIENT_CODE, { eval: true, workerData: options });
  const out = await new Promise<{
    latencies: number[];
    errors: number;
    firstError: string | null;
    ms: number;
  }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  await worker.terminate();
  const sorted = [...out.latencies].sort((a, b) => a - b);
  const q = (p: number): number =>
    round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);
  return {
    requests: sorted.length,
    errors: out.errors,
    seconds: round(out.ms / 1000),
    requestsPerSecond: round(sorted.length / (out.ms / 1000)),
    p50: q(50),
    p95: q(95),
    p99: q(99),
    max: round(sorted.at(-1) ?? 0),
    firstError: out.firstError,
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
