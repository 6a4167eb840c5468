/** Response shapes of /api/access: the services' own types (src/services/access). */
import type { AccessOverview } from "../../../services/access/access-overview.ts";

export type {
  AccessMatrixRow as MatrixRow,
  AccessOverview,
  AccountState,
} from "../../../services/access/access-overview.ts";
export type Runbook = AccessOverview["runbooks"][number];
export type RunbookItem = Runbook["items"][number];
export type AccessFindingRow = NonNullable<AccessOverview["latestSuccessfulRun"]>["findings"][number];
