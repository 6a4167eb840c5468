import type { Stage } from "../store/schema.ts";

export type { Stage };

export const STAGES: readonly Stage[] = [
  "due_diligence",
  "contract",
  "kick_off",
  "ongoing",
  "termination",
  "closed",
];

export const STAGE_LABELS: Record<Stage, string> = {
  due_diligence: "Due diligence",
  contract: "Contract",
  kick_off: "Kick-off",
  ongoing: "Ongoing",
  termination: "Termination",
  closed: "Closed",
};

export function nextStage(stage: Stage): Stage | null {
  const i = STAGES.indexOf(stage);
  return i >= 0 && i < STAGES.length - 1 ? (STAGES[i + 1] ?? null) : null;
}

/** Stages up to and including the current one: their controls are in force. */
export function stagesInForce(stage: Stage): Stage[] {
  return STAGES.slice(0, STAGES.indexOf(stage) + 1);
}
