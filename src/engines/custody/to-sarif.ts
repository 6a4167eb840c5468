import type { DeliveryFinding, DeliveryReport } from "./verify-delivery.ts";

/**
 * The scan findings of a delivery report (secrets, licences, unsafe paths) as a SARIF 2.1.0 log, for
 * code-scanning dashboards. Authorship and build results are not code locations and stay in the report.
 */
export function toSarif(report: DeliveryReport, toolVersion = "0.1.0"): Record<string, unknown> {
  const scanned = report.findings.filter(
    (finding) => finding.check === "secrets" || finding.check === "licences" || finding.check === "manifest",
  );
  return sarifLog(scanned, {
    toolVersion,
    provenance: { repositoryUri: "urn:warden:mirror", revisionId: report.commit },
  });
}

/**
 * Findings as a SARIF 2.1.0 log: a delivery's, or those of a stand-alone scan of a folder
 * (`warden scan`), whose file paths are relative to the folder scanned.
 */
export function sarifLog(
  scanned: readonly DeliveryFinding[],
  options: { toolVersion?: string; provenance?: { repositoryUri: string; revisionId: string } } = {},
): Record<string, unknown> {
  const ruleIds = [...new Set(scanned.map(ruleIdOf))].sort();
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "warden-custody",
            version: options.toolVersion ?? "0.1.0",
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: id } })),
          },
        },
        ...(options.provenance ? { versionControlProvenance: [options.provenance] } : {}),
        results: scanned.map((finding) => toResult(finding, ruleIds)),
      },
    ],
  };
}

function ruleIdOf(finding: DeliveryFinding): string {
  return `${finding.check}/${finding.rule}`;
}

function toResult(finding: DeliveryFinding, ruleIds: string[]): Record<string, unknown> {
  const region: Record<string, number> = {};
  if (finding.line) region.startLine = finding.line;
  if (finding.column) region.startColumn = finding.column;
  return {
    ruleId: ruleIdOf(finding),
    ruleIndex: ruleIds.indexOf(ruleIdOf(finding)),
    level: finding.severity === "error" ? "error" : "warning",
    message: { text: finding.message },
    ...(finding.file
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(finding.file) },
                ...(Object.keys(region).length > 0 ? { region } : {}),
              },
            },
          ],
        }
      : {}),
    ...(finding.fingerprint ? { partialFingerprints: { secretFingerprint: finding.fingerprint } } : {}),
    properties: {
      ...(finding.commit ? { commit: finding.commit } : {}),
      ...(finding.author ? { author: finding.author } : {}),
    },
  };
}
