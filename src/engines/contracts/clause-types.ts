/**
 * The clause types Warden detects, the playbook control each one serves, and
 * the CUAD category that labels it (when there is one). The order is the order
 * in which results and reports list them.
 */
export const CLAUSE_TYPES = [
  { type: "ip-assignment", control: "CT-1", cuad: "Ip Ownership Assignment" },
  { type: "joint-ip-ownership", control: "CT-1", cuad: "Joint Ip Ownership" },
  { type: "license-grant", control: "CT-1", cuad: "License Grant" },
  { type: "confidentiality", control: "CT-2", cuad: null },
  { type: "non-compete", control: "CT-3", cuad: "Non-Compete" },
  { type: "no-solicit-employees", control: "CT-3", cuad: "No-Solicit Of Employees" },
  { type: "flow-down", control: "CT-4", cuad: null },
  { type: "cap-on-liability", control: "CT-5", cuad: "Cap On Liability" },
  { type: "uncapped-liability", control: "CT-5", cuad: "Uncapped Liability" },
  { type: "liquidated-damages", control: "CT-5", cuad: "Liquidated Damages" },
  { type: "indemnification", control: "CT-5", cuad: null },
  { type: "audit-rights", control: "CT-6", cuad: "Audit Rights" },
  { type: "security-requirements", control: "CT-7", cuad: null },
  { type: "governing-law", control: "CT-8", cuad: "Governing Law" },
  { type: "venue", control: "CT-8", cuad: null },
  { type: "insurance", control: "CT-9", cuad: "Insurance" },
  { type: "termination-for-convenience", control: "CT-10", cuad: "Termination For Convenience" },
  { type: "post-termination-services", control: "CT-10", cuad: "Post-Termination Services" },
  { type: "return-or-destroy", control: "CT-10", cuad: null },
  { type: "source-code-escrow", control: "OG-1", cuad: "Source Code Escrow" },
  { type: "anti-assignment", control: null, cuad: "Anti-Assignment" },
  { type: "change-of-control", control: null, cuad: "Change Of Control" },
] as const;

export type ClauseType = (typeof CLAUSE_TYPES)[number]["type"];
export type ContractControl =
  | "CT-1"
  | "CT-2"
  | "CT-3"
  | "CT-4"
  | "CT-5"
  | "CT-6"
  | "CT-7"
  | "CT-8"
  | "CT-9"
  | "CT-10"
  | "OG-1";

export const CLAUSE_TYPE_IDS: readonly ClauseType[] = CLAUSE_TYPES.map((t) => t.type);

const controlByType = new Map<ClauseType, ContractControl | null>(
  CLAUSE_TYPES.map((t) => [t.type, t.control]),
);

/** The playbook control a clause type serves, or null for types kept only as context. */
export function controlForType(type: ClauseType): ContractControl | null {
  return controlByType.get(type) ?? null;
}

/** CUAD category name → Warden clause type, for the types CUAD labels. */
export const CUAD_CATEGORY_TO_TYPE: ReadonlyMap<string, ClauseType> = new Map(
  CLAUSE_TYPES.flatMap((t) => (t.cuad === null ? [] : [[t.cuad, t.type] as const])),
);

export function isClauseType(value: string): value is ClauseType {
  return controlByType.has(value as ClauseType);
}
