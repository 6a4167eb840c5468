/** Response shapes of /api/leaks: the services' own types (src/services/leaks). */
export type { MatchRegion } from "../../../engines/leaks/index.ts";
export type { CopyView, DistributionView } from "../../../services/leaks/distribution-view.ts";
export type { LeakCaseView } from "../../../services/leaks/leak-case-view.ts";
export type { LeakCaseStatus as CaseStatus } from "../../../store/schema.ts";
