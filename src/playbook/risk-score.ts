import type { Classification, RiskLevel } from "../store/schema.ts";
import type { ControlResult } from "./types.ts";

/** How much more a failure matters when the engagement touches more valuable assets. */
export const CLASSIFICATION_MULTIPLIER: Record<Classification, number> = {
  crown_jewel: 3,
  confidential: 2,
  internal: 1.5,
  public: 1,
};

const STATUS_FACTOR: Record<ControlResult["status"], number> = {
  fail: 1,
  warn: 0.5,
  not_checked: 0.25,
  needs_review: 0.5,
  pass: 0,
  attested: 0,
  na: 0,
};

export interface RiskPoint {
  controlId: string;
  title: string;
  status: ControlResult["status"];
  points: number;
  why: string;
}

export interface RiskScore {
  /** Sum of the points; 0 is no known risk. */
  score: number;
  level: RiskLevel;
  multiplier: number;
  classification: Classification | null;
  points: RiskPoint[];
}

/**
 * An explainable risk score: each failing control in force adds its weight
 * (half for a warning, a quarter when not yet checked), times the multiplier of
 * the most valuable asset class the engagement touches. Every point names its
 * control and reason.
 */
export function riskScore(
  results: readonly ControlResult[],
  classifications: readonly (Classification | null)[],
): RiskScore {
  const order: Classification[] = ["crown_jewel", "confidential", "internal", "public"];
  const top = order.find((c) => classifications.includes(c)) ?? null;
  const multiplier = top ? CLASSIFICATION_MULTIPLIER[top] : 1;
  const points: RiskPoint[] = [];
  for (const r of results) {
    const factor = STATUS_FACTOR[r.status];
    if (factor === 0 || r.exception) continue;
    const value = Math.round(r.weight * factor * multiplier * 10) / 10;
    points.push({
      controlId: r.id,
      title: r.title,
      status: r.status,
      points: value,
      why: `${r.id} ${r.status.replace("_", " ")} (weight ${r.weight} × ${factor}${multiplier !== 1 ? ` × ${multiplier} for ${top?.replace("_", "-")} assets` : ""}): ${r.reasons[0] ?? ""}`,
    });
  }
  points.sort((a, b) => b.points - a.points);
  const score = Math.round(points.reduce((sum, p) => sum + p.points, 0) * 10) / 10;
  const level = score >= 60 ? "critical" : score >= 30 ? "high" : score >= 10 ? "medium" : "low";
  return { score, level, multiplier, classification: top, points };
}
