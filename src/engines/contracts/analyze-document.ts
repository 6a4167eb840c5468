import { analyzeContract } from "./analyze-contract.ts";
import { type CheckInput, type ContractCheck, checkContract } from "./check-contract.ts";
import type { ClauseType, ContractControl } from "./clause-types.ts";
import { type ContractPolicy, defaultContractPolicy } from "./contract-policy.ts";
import type { ContractTerms } from "./extract-terms.ts";
import { type ExtractTextOptions, extractText } from "./extract-text.ts";
import type { DocumentFormat } from "./extracted-text.ts";

export interface AnalyzeDocumentOptions extends ExtractTextOptions {
  policy?: ContractPolicy;
  isEnforceableSeat?: CheckInput["isEnforceableSeat"];
}

/** The result of analysing one contract file; also the JSON of `warden contract analyze --json`. */
export interface DocumentAnalysis {
  format: DocumentFormat;
  characters: number;
  pages: number | null;
  clauses: Array<{
    type: ClauseType;
    control: ContractControl | null;
    start: number;
    end: number;
    text: string;
    score: number;
    section?: string;
    heading?: string;
  }>;
  terms: ContractTerms;
  checks: ContractCheck[];
}

/**
 * Extracts, analyses and checks one contract file in a single call.
 *
 * @example
 * const result = await analyzeDocument(await readFile("msa.docx"), { filename: "msa.docx" });
 * for (const check of result.checks) console.log(check.control, check.status, check.reason);
 */
export async function analyzeDocument(
  bytes: Uint8Array,
  options: AnalyzeDocumentOptions = {},
): Promise<DocumentAnalysis> {
  const extracted = await extractText(bytes, options);
  const analysis = analyzeContract(extracted.text);
  const checks = checkContract(
    { ...analysis, ...(options.isEnforceableSeat ? { isEnforceableSeat: options.isEnforceableSeat } : {}) },
    options.policy ?? defaultContractPolicy,
  );
  return {
    format: extracted.format,
    characters: extracted.text.length,
    pages: extracted.pages?.length ?? null,
    clauses: analysis.clauses,
    terms: analysis.terms,
    checks,
  };
}
