/**
 * The frameworks the playbook's controls are mapped to (their references and sources are in
 * catalog.yaml): ISO/IEC 27001:2022 Annex A, SOC 2 (the 2017 Trust Services Criteria) and
 * NIST CSF 2.0. Pure data, shared by the services and the web UI.
 */
export type FrameworkId = "iso27001" | "soc2" | "nistCsf";

/** Each framework's short name, as reports, exports and pages print it. */
export const FRAMEWORK_NAMES: Record<FrameworkId, string> = {
  iso27001: "ISO/IEC 27001:2022",
  soc2: "SOC 2",
  nistCsf: "NIST CSF 2.0",
};
