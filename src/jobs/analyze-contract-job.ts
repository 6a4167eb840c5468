import { z } from "zod";
import { loadPdfJs } from "../engines/load-pdfjs.ts";
import {
  ANALYSE_CONTRACT_QUEUE,
  analyseStoredContract,
} from "../services/contracts/analyse-stored-contract.ts";
import { defineJob } from "./job-definition.ts";

/**
 * Analyses an uploaded contract: extract, detect clauses, check against the
 * policy, then store everything in one transaction. A file the engine refuses
 * ends as `failed` with its message (no retry would change that).
 */
export const analyzeContractJob = defineJob({
  queue: ANALYSE_CONTRACT_QUEUE,
  payload: z.object({ contractId: z.string().uuid(), run: z.number().int().min(1) }),
  retryLimit: 1,
  expireInSeconds: 5 * 60,
  // pdf.js takes about a second to load: a worker loads it at start, not on its first contract.
  warmUp: loadPdfJs,
  async run(runtime, payload) {
    const outcome = await analyseStoredContract(runtime, payload.contractId, payload.run);
    runtime.log.info({ contractId: payload.contractId, run: payload.run, outcome }, "contract analysis");
  },
});
