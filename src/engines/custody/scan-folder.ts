import { relative, sep } from "node:path";
import {
  DEFAULT_LICENCE_POLICY,
  detectLicences,
  judgeLicences,
  type LicenceDetection,
  type LicencePolicy,
} from "./scan-licences.ts";
import {
  listFiles,
  readBounded,
  type SecretScanOptions,
  type SecretScanResult,
  scanSecrets,
} from "./scan-secrets.ts";
import { type DeliveryFinding, licenceFinding, secretFinding } from "./verify-delivery.ts";

/** What a stand-alone scan of a folder found, as report findings (the shape SARIF and the CLI take). */
export interface FolderScan {
  findings: DeliveryFinding[];
  filesScanned: number;
  filesSkipped: number;
  durationMs: number;
  /** True when a time limit stopped the scan before every file was read: absence is then not known. */
  truncated: boolean;
}

/**
 * The custody engine's secret scan over any folder, as gitleaks or secretlint run: the same rules and
 * allowlist as a delivery's, with its paths relative to the folder.
 */
export async function scanFolderSecrets(root: string, options: SecretScanOptions = {}): Promise<FolderScan> {
  const result: SecretScanResult = await scanSecrets(root, options);
  return {
    findings: result.findings.map((finding) => secretFinding(finding, `in ${finding.file}`)),
    filesScanned: result.filesScanned,
    filesSkipped: result.filesSkipped,
    durationMs: result.durationMs,
    truncated: result.truncated,
  };
}

/**
 * The custody engine's licence scan over any folder: SPDX lines, licence texts, GNU notices and
 * declared licences (package.json, Cargo.toml, pom.xml, vendored packages), judged by the policy.
 */
export function scanFolderLicences(root: string, policy: LicencePolicy = DEFAULT_LICENCE_POLICY): FolderScan {
  const started = performance.now();
  const detections: LicenceDetection[] = [];
  let filesScanned = 0;
  let filesSkipped = 0;
  for (const file of listFiles(root)) {
    const content = readBounded(file, 1024 * 1024);
    if (content === undefined) {
      filesSkipped += 1;
      continue;
    }
    filesScanned += 1;
    detections.push(...detectLicences(relative(root, file).split(sep).join("/"), content));
  }
  return {
    findings: judgeLicences(detections, policy).map(licenceFinding),
    filesScanned,
    filesSkipped,
    durationMs: Math.round(performance.now() - started),
    truncated: false,
  };
}
