/**
 * Contract checks: read an outsourcing contract (PDF, DOCX or text), find the
 * clauses that protect our IP, read their key terms and judge them against the
 * organisation's contract policy (controls CT-1..CT-10 and OG-1).
 */
export { type AnalyzeOptions, analyzeContract, type ContractAnalysis } from "./analyze-contract.ts";
export { type AnalyzeDocumentOptions, analyzeDocument, type DocumentAnalysis } from "./analyze-document.ts";
export {
  type CheckInput,
  type ContractCheck,
  type ContractCheckStatus,
  checkContract,
} from "./check-contract.ts";
export { CLAUSE_TYPES, type ClauseType, type ContractControl, controlForType } from "./clause-types.ts";
export {
  type ContractPolicy,
  type ContractPolicyInput,
  contractPolicySchema,
  defaultContractPolicy,
} from "./contract-policy.ts";
export type { DetectedClause } from "./detect-clauses.ts";
export { type ContractTerms, extractTerms, type InsuranceType } from "./extract-terms.ts";
export { type ExtractTextOptions, extractText } from "./extract-text.ts";
export type { DocumentFormat, ExtractedText } from "./extracted-text.ts";
export type { CapBasis, CapCarveOuts, CarveOut, LiabilityCap } from "./liability-cap.ts";
export { defaultExtractionLimits, type ExtractionLimits } from "./limits.ts";
export type { Segment } from "./segment-clauses.ts";
