/**
 * Code custody: mirror vendor repositories home, keep every ref they ever had, and verify each delivery
 * from our own copy (manifest, secrets, licences, authorship, build and tests in a sandbox).
 */
export {
  type AllowedSigner,
  type AuthorshipFinding,
  type AuthorshipResult,
  buildAllowedSigners,
  checkAuthorship,
  type RosterMember,
} from "./check-authorship.ts";
export { describeMirror, type MirrorDescription, type PreservedRef } from "./describe-mirror.ts";
export { credentialEnvironment, type GitCredentials } from "./git-credentials.ts";
export { listRefs, PRESERVED_REF_PREFIX } from "./list-refs.ts";
export { applyMirrorBundles, createMirrorBundle, mirrorRefs } from "./mirror-bundle.ts";
export {
  type FsckResult,
  isMirror,
  type MirrorAlert,
  type MirrorOptions,
  type MirrorResult,
  mirrorRepository,
  mirrorSize,
  type RefChange,
  type RefChangeKind,
  runFsck,
} from "./mirror-repository.ts";
export { type Manifest, type ManifestEntry, readDeliveredTree } from "./read-delivered-tree.ts";
export type { GitTransportPolicy } from "./run-git.ts";
export {
  detectSandbox,
  runSandboxed,
  type SandboxInfo,
  type SandboxLimits,
  type SandboxOptions,
  type SandboxRun,
} from "./run-sandboxed.ts";
export { type FolderScan, scanFolderLicences, scanFolderSecrets } from "./scan-folder.ts";
export { type HistoryScanResult, scanHistory } from "./scan-history.ts";
export {
  DEFAULT_LICENCE_POLICY,
  detectLicences,
  judgeExpression,
  judgeLicences,
  type LicenceDetection,
  type LicenceFinding,
  type LicencePolicy,
} from "./scan-licences.ts";
export {
  type SecretAllowlist,
  type SecretFinding,
  type SecretScanFile,
  SecretScanner,
  type SecretScanOptions,
  type SecretScanResult,
  scanSecrets,
} from "./scan-secrets.ts";
export { DEFAULT_SECRET_RULES, type SecretRule, shannonEntropy } from "./secret-rules.ts";
export { sarifLog, toSarif } from "./to-sarif.ts";
export { isObjectId, validateRefName } from "./validate-ref-name.ts";
export { type RepositoryLocation, validateRepositoryUrl } from "./validate-repository-url.ts";
export {
  type CheckId,
  type CheckResult,
  type CheckStatus,
  DEFAULT_VERIFY_LIMITS,
  type DeliveryFinding,
  type DeliveryReport,
  type VerifyDeliveryInput,
  type VerifyLimits,
  type VerifyProgress,
  verifyDelivery,
} from "./verify-delivery.ts";
