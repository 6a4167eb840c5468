import type { RiskLevel } from "../api/lifecycle-types.ts";

const LABELS: Record<RiskLevel, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  critical: "Critical",
};

/** A risk level as words first ("High 42"), coloured as a supplement. */
export function RiskBadge({ level, score }: { level: RiskLevel; score?: number }) {
  return (
    <span className={`risk risk--${level}`}>
      {LABELS[level]}
      {score !== undefined && <span className="risk__score"> {formatScore(score)}</span>}
    </span>
  );
}

export function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}
