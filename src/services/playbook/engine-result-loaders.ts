import { loadAccessEngineResults } from "../access/access-engine-results.ts";
import { loadContractEngineResults } from "../contracts/contract-engine-results.ts";
import { loadCustodyEngineResults } from "../custody/custody-engine-results.ts";
import { loadLeakEngineResults } from "../leaks/leak-engine-results.ts";
import { loadQuestionnaireEngineResults } from "../questionnaires/questionnaire-engine-results.ts";
import type { EngineResultLoader } from "./engine-results.ts";

/**
 * Every engine that feeds the playbook, one line each. An engine's loader lives
 * beside its services (e.g. services/contracts/contract-engine-results.ts).
 */
export const engineResultLoaders: EngineResultLoader[] = [
  loadContractEngineResults,
  loadAccessEngineResults,
  loadLeakEngineResults,
  loadQuestionnaireEngineResults,
  loadCustodyEngineResults,
];
