import { parentPort, workerData } from "node:worker_threads";
import { type SecretScanOptions, scanFileList } from "./scan-secrets.ts";

// One share of a folder scan started by scanSecrets({ workers }).
const job = workerData as {
  root: string;
  files: string[];
  options: SecretScanOptions;
  deadline: number | null;
};
parentPort?.postMessage(
  scanFileList(job.root, job.files, job.options, job.deadline ?? Number.POSITIVE_INFINITY),
);
