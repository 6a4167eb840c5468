import { STAGE_LABELS, STAGES } from "../../domain/stages.ts";
import type { Stage } from "../api/lifecycle-types.ts";

export { STAGE_LABELS, STAGES };

/** "Due diligence" for "due_diligence". */
export function stageLabel(stage: Stage): string {
  return STAGE_LABELS[stage];
}
