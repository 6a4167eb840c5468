import { describe, expect, it } from "vitest";
import { evaluateEngagement } from "./evaluate-engagement.ts";
import { shippedCatalog } from "./load-catalog.ts";
import { CLASSIFICATION_MULTIPLIER, riskScore } from "./risk-score.ts";
import { passingSnapshot, snapshotWith } from "./snapshot-builder.test-support.ts";
import type { ControlResult } from "./types.ts";

function result(
  id: string,
  status: ControlResult["status"],
  weight: number,
  extra: Partial<ControlResult> = {},
): ControlResult {
  return {
    id,
    stage: "ongoing",
    title: `Control ${id}`,
    blocking: true,
    weight,
    checkKind: "rule",
    status,
    reasons: [`${id} reason`],
    records: [],
    ...extra,
  };
}

describe("riskScore", () => {
  it("applies the multiplier of the most valuable asset class touched", () => {
    const r = riskScore([result("A", "fail", 10)], ["internal", null, "crown_jewel", "public"]);
    expect(r.classification).toBe("crown_jewel");
    expect(r.multiplier).toBe(CLASSIFICATION_MULTIPLIER.crown_jewel);
    expect(r.score).toBe(10 * CLASSIFICATION_MULTIPLIER.crown_jewel);
  });

  it("uses no multiplier when no asset is classified", () => {
    const r = riskScore([result("A", "fail", 10)], [null]);
    expect(r).toMatchObject({ classification: null, multiplier: 1, score: 10 });
  });

  it("adds the full weight for a failure, half for a warning, a quarter when not checked, nothing otherwise", () => {
    // On confidential assets (× 2): A fail 10 × 1 × 2 = 20; B warn 4 × 0.5 × 2 = 4;
    // C not checked 8 × 0.25 × 2 = 4; D pass, E attested, F n/a add 0. Total 28: medium (10 ≤ 28 < 30).
    const r = riskScore(
      [
        result("A", "fail", 10),
        result("B", "warn", 4),
        result("C", "not_checked", 8),
        result("D", "pass", 5),
        result("E", "attested", 5),
        result("F", "na", 5),
      ],
      ["confidential", "internal"],
    );
    expect(r.points.map((p) => [p.controlId, p.points])).toEqual([
      ["A", 20],
      ["B", 4],
      ["C", 4],
    ]);
    expect(r.score).toBe(28);
    expect(r.level).toBe("medium");
  });

  it("adds nothing for a failure let through by an exception", () => {
    const exception = { id: "x", reason: "accepted", approvedBy: "u", expiresOn: "2026-12-31" };
    const r = riskScore([result("A", "fail", 10, { exception }), result("B", "fail", 3)], ["public"]);
    expect(r.points.map((p) => p.controlId)).toEqual(["B"]);
    expect(r.score).toBe(3);
  });

  it("explains every point with its control, status, arithmetic and reason", () => {
    const r = riskScore([result("OG-7", "warn", 3), result("KO-4", "fail", 8)], ["crown_jewel"]);
    expect(r.points.map((p) => p.why)).toEqual([
      "KO-4 fail (weight 8 × 1 × 3 for crown-jewel assets): KO-4 reason",
      "OG-7 warn (weight 3 × 0.5 × 3 for crown-jewel assets): OG-7 reason",
    ]);
    expect(r.score).toBe(r.points.reduce((sum, p) => sum + p.points, 0));
  });

  it("names the status in plain words in the explanation", () => {
    const r = riskScore([result("CT-1", "not_checked", 10)], []);
    expect(r.points[0]?.why).toBe("CT-1 not checked (weight 10 × 0.25): CT-1 reason");
  });

  it("grades the score into levels", () => {
    const level = (weight: number) => riskScore([result("A", "fail", weight)], []).level;
    expect([level(9), level(10), level(29), level(30), level(59), level(60)]).toEqual([
      "low",
      "medium",
      "medium",
      "high",
      "high",
      "critical",
    ]);
  });

  it("is zero for an engagement where every control holds, and grows with a real failure", () => {
    const catalog = shippedCatalog();
    expect(riskScore(evaluateEngagement(catalog, passingSnapshot()), ["crown_jewel"])).toMatchObject({
      score: 0,
      level: "low",
      points: [],
    });
    const s = snapshotWith((x) => (x.grants[0]!.grantedOn = "2024-12-20"));
    const r = riskScore(evaluateEngagement(catalog, s), ["confidential"]);
    // KO-4 weighs 8; confidential × 2.
    expect(r.points).toHaveLength(1);
    expect(r.points[0]).toMatchObject({ controlId: "KO-4", points: 16 });
    expect(r.points[0]?.why).toMatch(/before signing the NDA/);
  });
});
